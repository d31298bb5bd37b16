package com.flowcrm.demo;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named daemon threads for the demo backend, and stopping them so that none outlives the server. */
final class DemoThreads {
    private static final Logger LOG = LoggerFactory.getLogger(DemoThreads.class);
    private static final int STOP_TIMEOUT_SECONDS = 5;

    private DemoThreads() {
    }

    /** Daemon threads named {@code demo-<purpose>-N}, so an app that forgets to close still exits. */
    static ThreadFactory named(String purpose) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "demo-" + purpose + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Interrupts the executor's tasks and waits until its threads have ended. */
    static void stop(ExecutorService executor, String purpose) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} threads did not stop within {} s", purpose, STOP_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
