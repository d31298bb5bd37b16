package com.flowcrm.soak;

import java.io.IOException;
import java.io.InputStream;

/**
 * The child side of {@link ChildJvms}: a daemon thread that ends the JVM when its standard input closes, which
 * happens when the parent is gone however it died (even SIGKILL). The parent never writes to a child that only
 * needs the lifeline.
 */
final class Lifeline {
    private Lifeline() {
    }

    /** Watches {@code in} (standard input of a child that reads nothing else) and exits with 3 at its end. */
    static void exitWhenClosed(InputStream in) {
        Thread watcher = new Thread(() -> {
            try {
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // the parent sends nothing; only the end matters
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone as well
            }
            System.exit(3);
        }, "soak-lifeline");
        watcher.setDaemon(true);
        watcher.start();
    }
}
