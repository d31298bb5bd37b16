package com.flowcrm.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/**
 * A {@link RealtimeScheduler} on virtual time: tasks run only when the test calls {@link #runDue} or {@link #advance}.
 * Public for the tests of other timers (the toast throttle) that adapt it to their own seam.
 */
public final class VirtualScheduler implements RealtimeScheduler {

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::sequence));
    private long sequence;
    private boolean shutdown;

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        if (shutdown) {
            return () -> { };
        }
        Task entry = new Task(clock.instant().plus(delay), sequence++, task);
        tasks.add(entry);
        return () -> {
            synchronized (VirtualScheduler.this) {
                tasks.remove(entry);
            }
        };
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        tasks.clear();
    }

    /** Runs every task that is due now, including tasks they submit for now. */
    public void runDue() {
        runUntil(clock.instant());
    }

    /**
     * Runs the due tasks until what the condition waits for has happened (real sockets answer on their own threads,
     * so it polls: every 5 ms, at most 5 s of real time).
     */
    public void settle(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInSameThread().pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    runDue();
                    return condition.getAsBoolean();
                });
    }

    /** Moves time forward, running each timer at its own due time. */
    public void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        runUntil(target);
        clock.set(target);
    }

    private void runUntil(Instant limit) {
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due().isAfter(limit)) {
                    return;
                }
                tasks.poll();
                if (next.due().isAfter(clock.instant())) {
                    clock.set(next.due());
                }
            }
            next.action().run();
        }
    }

    private record Task(Instant due, long sequence, Runnable action) {
    }

    private static final class VirtualClock extends Clock {
        private volatile Instant now;

        VirtualClock(Instant start) {
            now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
