package com.flowcrm.ui.insights;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A {@link RedrawThrottle.Timer} on virtual time: tasks run when the test advances the clock past their due time. */
final class VirtualTimer implements RedrawThrottle.Timer {
    private record Task(long dueNanos, long sequence, Runnable action) {
    }

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::sequence));
    private long nowNanos;
    private long sequence;

    @Override
    public void schedule(Duration delay, Runnable task) {
        tasks.add(new Task(nowNanos + delay.toNanos(), sequence++, task));
    }

    long nanoTime() {
        return nowNanos;
    }

    /** Moves time forward, running each task at its own due time. */
    void advance(Duration by) {
        long target = nowNanos + by.toNanos();
        while (!tasks.isEmpty() && tasks.peek().dueNanos() <= target) {
            Task next = tasks.poll();
            nowNanos = Math.max(nowNanos, next.dueNanos());
            next.action().run();
        }
        nowNanos = target;
    }

    int pending() {
        return tasks.size();
    }
}
