package com.flowcrm.soak;

import com.flowcrm.model.Deal;
import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionStore;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Once a second, what a soak client is doing and what it costs, written as one line of {@code samples.jsonl}:
 * connection phase, events applied, pending changes, heap, live threads and open file descriptors; every
 * {@link #GC_EVERY_SECONDS} seconds also the heap right after a full GC (the live set the slope is fitted on) and
 * the size of the stores. The full GC waits while a reload is in flight (its tens of megabytes of JSON are not the
 * client's live set, and would make the samples jump).
 */
final class ClientSampler {
    static final int GC_EVERY_SECONDS = 15;

    /** One sample; {@code heapAfterGcMb}, {@code deals}, {@code contacts} and {@code activities} only every 15 s. */
    record Sample(long t, String phase, long applied, int pending, double heapUsedMb, Double heapAfterGcMb,
                  int threads, long fds, Integer deals, Integer contacts, Integer activities, long made,
                  long resyncs, long reconnects) {
    }

    /** The live threads by name once a minute ({@code threads.jsonl}), to see what grew when the count did. */
    record ThreadNames(long t, Map<String, Integer> names) {
    }

    /** What the store thread counts for the sampler (read there, where the stores live). */
    private record Sizes(int deals, int contacts, int activities) {
    }

    private final SessionStore session;
    private final RootStore root;
    private final Executor storeThread;
    private final IntSupplier pending;
    private final LongSupplier made;
    private final Consumer<Sample> sink;
    private final Consumer<ThreadNames> threadSink;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private volatile ConnectionReport.Phase phase = ConnectionReport.Phase.DISCONNECTED;
    private volatile Sizes sizes = new Sizes(0, 0, 0);
    private volatile boolean reloading;
    private long ticksSinceGc;
    private long ticks;

    ClientSampler(SessionStore session, Executor storeThread, IntSupplier pending, LongSupplier made,
            Consumer<Sample> sink, Consumer<ThreadNames> threadSink) {
        this.session = session;
        this.root = session.root();
        this.storeThread = storeThread;
        this.pending = pending;
        this.made = made;
        this.sink = sink;
        this.threadSink = threadSink;
    }

    /** The phase the indicator shows now (kept up to date by the session's listener). */
    void phaseChanged(ConnectionReport.Phase now) {
        phase = now;
    }

    ConnectionReport.Phase phase() {
        return phase;
    }

    void start(ScheduledExecutorService timer) {
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            sampleNow();
        } catch (RuntimeException e) {
            // one failed sample must not end the sampling (a scheduled task that throws is never run again)
            org.slf4j.LoggerFactory.getLogger(ClientSampler.class).warn("Sample failed", e);
        }
    }

    private void sampleNow() {
        ticksSinceGc++;
        if (++ticks % 60 == 0) {
            threadSink.accept(new ThreadNames(System.currentTimeMillis(), threadNames()));
        }
        boolean full = ticksSinceGc >= GC_EVERY_SECONDS && !reloading;
        storeThread.execute(() -> reloading = root.dispatcher().isHolding());
        Double afterGc = null;
        if (full) {
            ticksSinceGc = 0;
            System.gc();
            afterGc = memory.getHeapMemoryUsage().getUsed() / 1e6;
            storeThread.execute(this::countStores);
        }
        SessionStore.ConnectionSummary summary = session.connectionSummary();
        Sizes now = sizes;
        sink.accept(new Sample(System.currentTimeMillis(), phase.name(), root.counters().snapshot().applied(),
                pending.getAsInt(), memory.getHeapMemoryUsage().getUsed() / 1e6, afterGc, threads.getThreadCount(),
                openFileDescriptors(), full ? now.deals() : null, full ? now.contacts() : null,
                full ? now.activities() : null, made.getAsLong(), summary.resyncs(), summary.reconnects()));
    }

    private void countStores() {
        int activities = 0;
        for (Deal deal : root.deals().getDeals()) {
            activities += deal.getActivities().size();
        }
        sizes = new Sizes(root.deals().size(), root.contacts().size(), activities);
    }

    long openFileDescriptors() {
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    /** Live threads by name (numbers folded), to see what grew when the count did. */
    Map<String, Integer> threadNames() {
        Map<String, Integer> byName = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        return byName;
    }
}
