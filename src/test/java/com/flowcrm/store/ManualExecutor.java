package com.flowcrm.store;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for {@code Platform::runLater} in tests: tasks wait until the test "pulses", and are counted. */
final class ManualExecutor implements Executor {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger executed = new AtomicInteger();

    @Override
    public void execute(Runnable command) {
        executed.incrementAndGet();
        tasks.add(command);
    }

    /** Runs every task pending now (and any they schedule); returns how many ran. */
    int pulse() {
        int n = 0;
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }

    int executeCalls() {
        return executed.get();
    }

    int pending() {
        return tasks.size();
    }
}
