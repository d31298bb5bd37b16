package com.flowcrm.realtime;

import java.time.Duration;

/**
 * The single thread that owns the connection state machine, and its timers. Tests substitute a virtual-time
 * implementation so the backoff schedule is checked without real waits. Implementations must accept calls
 * from any thread and run tasks one at a time, in submission order for equal due times.
 */
public interface RealtimeScheduler {

    /** Runs the task on the scheduler thread as soon as possible. */
    void execute(Runnable task);

    /** Runs the task on the scheduler thread after the delay; the handle cancels it if it has not run. */
    Cancellable schedule(Runnable task, Duration delay);

    /** Stops the thread; pending timers are dropped and later submissions are ignored. */
    void shutdown();

    /** Handle of a scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        /** Prevents the task from running if it has not started; harmless when called twice. */
        void cancel();
    }

    /** A scheduler on one new daemon thread with the given name, so an open connection never keeps the app alive. */
    static RealtimeScheduler daemonThread(String threadName) {
        return new DaemonThreadScheduler(threadName);
    }
}
