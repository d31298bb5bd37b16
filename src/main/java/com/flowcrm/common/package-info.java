/**
 * Small pieces every layer uses, written once: {@link com.flowcrm.common.WarningThrottle} (at most one WARN per
 * kind of bad input and interval), {@link com.flowcrm.common.UrlRedaction} ({@code token=***} in URLs and
 * messages) and {@link com.flowcrm.common.DaemonThreads} (named daemon threads). JDK and SLF4J only; nothing of
 * the other packages, so the client, the CLI and the demo backend may all use it (ArchitectureTest says so).
 */
package com.flowcrm.common;
