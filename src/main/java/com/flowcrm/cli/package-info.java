/**
 * The headless commands ({@code export}, {@code doctor}, {@code demo-server}) on picocli: they use the same stores
 * and session as the window (never the views), one clear line per failure and the documented exit codes.
 */
package com.flowcrm.cli;
