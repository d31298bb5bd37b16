package com.flowcrm.realtime;

import com.flowcrm.common.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RealtimeScheduler} on one daemon thread of a {@link ScheduledThreadPoolExecutor}. */
final class DaemonThreadScheduler implements RealtimeScheduler {

    private static final Logger log = LoggerFactory.getLogger(DaemonThreadScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    DaemonThreadScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named(threadName));
        executor.setRemoveOnCancelPolicy(true);
        // After shutdown no reconnect or heartbeat timer may fire any more.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future = executor.schedule(() -> runGuarded(task),
                    Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            log.debug("Realtime scheduler is shut down; task dropped");
            return () -> { };
        }
    }

    @Override
    public void shutdown() {
        executor.shutdown();
    }

    // The executor would swallow the exception inside the future; the state machine must see it in the log.
    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Realtime task failed", e);
        }
    }
}
