package com.flowcrm.common;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named daemon threads, so that a thread dump says whose a thread is and an executor someone forgot to shut down
 * never keeps the application alive; and stopping an executor's threads for good.
 */
public final class DaemonThreads {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonThreads.class);

    private DaemonThreads() {
    }

    /** Daemon threads named {@code <name>-1}, {@code <name>-2}, ... in the order they are created. */
    public static ThreadFactory named(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Interrupts the executor's tasks and waits up to {@code timeout} for its threads to end; returns whether they
     * did (a WARN names the executor when they did not).
     */
    public static boolean stop(ExecutorService executor, String purpose, Duration timeout) {
        executor.shutdownNow();
        try {
            if (executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("{} threads did not stop within {} ms", purpose, timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * Lets the executor run what it was handed, then stops it; {@link #stop}s it (interrupting) when that takes
     * longer than {@code timeout}. Returns whether its threads ended.
     */
    public static boolean finish(ExecutorService executor, String purpose, Duration timeout) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stop(executor, purpose, Duration.ofSeconds(1));
    }
}
