package com.flowcrm.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The state of the simulated network, shared by both proxies: whether it is stalled, and the latency spikes, which
 * come and go on their own (every 3-10 s a spike of 0-300 ms lasting 0.5-3 s) while {@link #startSpikes} runs.
 */
final class NetworkFaults implements AutoCloseable {
    /** One latency spike, in milliseconds since the epoch, for the timeline. */
    record Spike(long fromMillis, long toMillis, int latencyMillis) {
    }

    private final int maxLatencyMs;
    private final Random random;
    private final List<Spike> spikes = new ArrayList<>();
    private volatile boolean stalled;
    private volatile int latencyMillis;
    private ScheduledExecutorService spiker;

    NetworkFaults(int maxLatencyMs, long seed) {
        this.maxLatencyMs = maxLatencyMs;
        this.random = new Random(seed * 31 + 7);
    }

    boolean stalled() {
        return stalled;
    }

    /** Stops forwarding (true) or lets everything held flow again (false). */
    void stall(boolean on) {
        stalled = on;
    }

    int latencyMillis() {
        return latencyMillis;
    }

    synchronized void startSpikes() {
        if (spiker != null) {
            return;
        }
        spiker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("soak-latency").factory());
        scheduleNextSpike();
    }

    private synchronized void scheduleNextSpike() {
        ScheduledExecutorService running = spiker;
        if (running == null || running.isShutdown()) {
            return;
        }
        long pause = 3_000 + random.nextInt(7_000);
        running.schedule(() -> {
            int latency = random.nextInt(maxLatencyMs + 1);
            long length = 500 + random.nextInt(2_500);
            long from = System.currentTimeMillis();
            latencyMillis = latency;
            running.schedule(() -> {
                latencyMillis = 0;
                synchronized (this) {
                    spikes.add(new Spike(from, System.currentTimeMillis(), latency));
                }
                scheduleNextSpike();
            }, length, TimeUnit.MILLISECONDS);
        }, pause, TimeUnit.MILLISECONDS);
    }

    /** Ends the spikes and any stall: the network is clean from here on. */
    synchronized void calm() {
        if (spiker != null) {
            spiker.shutdownNow();
            spiker = null;
        }
        latencyMillis = 0;
        stalled = false;
    }

    synchronized List<Spike> spikes() {
        return List.copyOf(spikes);
    }

    @Override
    public void close() {
        calm();
    }
}
