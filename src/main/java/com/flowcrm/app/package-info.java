/**
 * The entry point and the wiring: configuration, the app's folders, the embedded demo backend in demo mode, the
 * stores and the session ({@link com.flowcrm.app.AppContext}), and the JavaFX application. The only package that
 * knows all the others.
 */
package com.flowcrm.app;
