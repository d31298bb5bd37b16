package com.flowcrm.bench;

import com.flowcrm.model.change.EventName;
import com.flowcrm.realtime.RealtimeClient;
import com.flowcrm.realtime.RealtimeEventHandler;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.LiveUpdates;
import com.flowcrm.store.StoreCounters;
import com.google.gson.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javafx.animation.AnimationTimer;

/**
 * Through the real socket: the demo server broadcasts a pre-generated stream as fast as the socket takes it (or at a
 * steady rate), the app's {@link RealtimeClient} receives and parses it on its read thread, and then either only
 * counts it (the wire's limit) or hands it to {@link LiveUpdates#eventHandler} like the session does, through the
 * dispatcher onto the FX thread, with the views shown (end to end).
 */
final class SocketBench {
    static final int LATENCY_RATE = 5_000;
    private static final int LATENCY_WARMUP_SECONDS = 1;
    private static final int LATENCY_SECONDS = 5;
    private static final Duration SETTLE = Duration.ofMillis(400);

    private final BenchDataset data;
    private List<BenchDataset.Event> events = List.of();
    private volatile RealtimeEventHandler sink = (event, json, receivedAt) -> { };

    private SocketBench(BenchDataset data) {
        this.data = data;
    }

    /** The app's realtime client connected to the demo server; closing it disconnects. */
    interface Connection extends AutoCloseable {
        void latency(BenchResults r) throws InterruptedException;

        void throughput(List<BenchDataset.Event> stream, int rounds, BenchResults r) throws InterruptedException;

        @Override
        void close();
    }

    static Connection connect(BenchDataset data) throws InterruptedException {
        RealtimeClient client = new RealtimeClient(RealtimeSettings.defaults());
        SocketBench bench = new SocketBench(data);
        for (EventName event : EventName.values()) {
            client.on(event.wireName(), (name, json, receivedAt) -> bench.sink.onEvent(name, json, receivedAt));
        }
        client.connect(URI.create(data.server.wsUrl()), data.token);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!client.status().isConnected()) {
            if (System.nanoTime() > deadline) {
                client.close();
                throw new IllegalStateException("the realtime client did not connect: " + client.status());
            }
            Thread.sleep(10);
        }
        return new Connection() {
            @Override
            public void latency(BenchResults r) throws InterruptedException {
                bench.latency(r);
            }

            @Override
            public void throughput(List<BenchDataset.Event> stream, int rounds, BenchResults r)
                    throws InterruptedException {
                bench.events = stream;
                bench.throughput(rounds, r);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private void throughput(int rounds, BenchResults r) throws InterruptedException {
        List<Double> wire = new ArrayList<>();
        List<Double> endToEnd = new ArrayList<>();
        wireRound();
        endToEndRound();
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                wire.add(wireRound());
                endToEnd.add(endToEndRound());
            } else {
                endToEnd.add(endToEndRound());
                wire.add(wireRound());
            }
        }
        r.wireLimit = BenchResults.median(wire);
        r.endToEnd = BenchResults.median(endToEnd);
        r.details.put("wire_limit_rounds_eps", wire);
        r.details.put("end_to_end_rounds_eps", endToEnd);
        BenchResults.log("wire %s end-to-end %s", wire, endToEnd);
    }

    private double wireRound() throws InterruptedException {
        AtomicLong received = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        int n = events.size();
        sink = (event, json, receivedAt) -> {
            if (received.incrementAndGet() == n) {
                done.countDown();
            }
        };
        StoreApplyBench.gc();
        long start = System.nanoTime();
        long sent = sendAll();
        await(done, "wire");
        long nanos = System.nanoTime() - start;
        BenchResults.log("wire round: sent in %s ms, received in %s ms", (sent - start) / 1_000_000, nanos / 1_000_000);
        return n / (nanos / 1e9);
    }

    private double endToEndRound() throws InterruptedException {
        RootStore root = StoreApplyBench.loadedRootStore(new StoreApplyBench(data, events).snapshot());
        BenchViews views = FxThread.call(() -> BenchViews.showOurs(root, data.server.apiUrl(), data.server.wsUrl()));
        FxThread.settle(SETTLE);
        int n = events.size();
        CountDownLatch done = new CountDownLatch(1);
        root.dispatcher().addBatchEndListener(() -> {
            if (root.counters().snapshot().total() >= n) {
                done.countDown();
            }
        });
        sink = LiveUpdates.eventHandler(root);
        StoreApplyBench.gc();
        long start = System.nanoTime();
        long sent = sendAll();
        await(done, "end-to-end");
        long nanos = System.nanoTime() - start;
        sink = (event, json, receivedAt) -> { };
        StoreCounters.Snapshot counts = root.counters().snapshot();
        if (counts.applied() + counts.ignored() != n) {
            throw new IllegalStateException("end to end did not apply every event: " + counts);
        }
        FxThread.run(views::close);
        BenchResults.log("end-to-end round: sent in %s ms, applied in %s ms (%s UI runs)", (sent - start) / 1_000_000,
                nanos / 1_000_000, root.dispatcher().runCount());
        return n / (nanos / 1e9);
    }

    /** Broadcasts the whole stream from this thread as fast as the server takes it; returns when the last was queued. */
    private long sendAll() {
        for (BenchDataset.Event e : events) {
            data.server.broadcast(e.name(), e.data());
        }
        return System.nanoTime();
    }

    /**
     * A steady {@link #LATENCY_RATE} events/s, each carrying its send time (an extra field the mapper ignores);
     * latency is taken from the frame's receipt on the read thread to the end of the dispatcher batch that applied
     * it on the FX thread (stores and derived views updated); pulses are timed meanwhile.
     */
    private void latency(BenchResults r) throws InterruptedException {
        int warmup = LATENCY_RATE * LATENCY_WARMUP_SECONDS;
        int total = warmup + LATENCY_RATE * LATENCY_SECONDS;
        List<BenchDataset.Event> stream = data.events(total, 2, "latency");
        RootStore root = StoreApplyBench.loadedRootStore(new StoreApplyBench(data, stream).snapshot());
        BenchViews views = FxThread.call(() -> BenchViews.showOurs(root, data.server.apiUrl(), data.server.wsUrl()));
        FxThread.settle(SETTLE);

        long[] fromReceipt = new long[total];
        long[] fromSend = new long[total];
        int[] recorded = {0};
        long[] pendingReceipt = new long[total];
        long[] pendingSend = new long[total];
        int[] pending = {0};
        // FX thread: when the batch applied its first measured event, and the longest batch seen
        long[] batch = {0, 0};
        CountDownLatch done = new CountDownLatch(1);
        root.dispatcher().addBatchEndListener(() -> {
            long now = System.nanoTime();
            if (pending[0] > 0 && recorded[0] >= warmup) {
                batch[1] = Math.max(batch[1], now - batch[0]);
            }
            for (int i = 0; i < pending[0]; i++) {
                fromReceipt[recorded[0]] = now - pendingReceipt[i];
                fromSend[recorded[0]] = now - pendingSend[i];
                recorded[0]++;
            }
            pending[0] = 0;
            if (recorded[0] == total) {
                done.countDown();
            }
        });
        RealtimeEventHandler toStore = LiveUpdates.eventHandler(root);
        sink = (event, json, receivedAt) -> {
            long sentAt = json.getAsJsonObject().get("sentAtNanos").getAsLong();
            toStore.onEvent(event, json, receivedAt);
            // queued right behind the event, so it runs in the same batch, after the event was applied
            root.dispatcher().submit(() -> {
                if (pending[0] == 0) {
                    batch[0] = System.nanoTime();
                }
                pendingReceipt[pending[0]] = receivedAt;
                pendingSend[pending[0]] = sentAt;
                pending[0]++;
            });
        };
        StoreApplyBench.gc();
        PulseMeter pulses = FxThread.call(() -> PulseMeter.start(views));
        long interval = 1_000_000_000L / LATENCY_RATE;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (i == warmup) {
                javafx.application.Platform.runLater(pulses::reset);
            }
            BenchDataset.Event e = stream.get(i);
            JsonObject payload = e.data().deepCopy();
            payload.addProperty("sentAtNanos", System.nanoTime());
            data.server.broadcast(e.name(), payload);
        }
        double achievedRate = total / ((System.nanoTime() - start) / 1e9);
        await(done, "latency");
        sink = (event, json, receivedAt) -> { };
        FxThread.run(pulses::stop);
        StoreCounters.Snapshot counts = root.counters().snapshot();
        if (counts.rejected() != 0 || counts.applied() + counts.ignored() != total) {
            throw new IllegalStateException("latency stream not applied cleanly: " + counts);
        }
        FxThread.run(views::close);

        long[] measured = Arrays.copyOfRange(fromReceipt, warmup, total);
        long[] measuredFromSend = Arrays.copyOfRange(fromSend, warmup, total);
        Arrays.sort(measured);
        Arrays.sort(measuredFromSend);
        r.latencyRate = LATENCY_RATE;
        r.latencyP50 = ms(percentile(measured, 50));
        r.latencyP99 = ms(percentile(measured, 99));
        r.latencyMax = ms(measured[measured.length - 1]);
        r.fxPulseMax = pulses.longestPulseMs();
        r.details.put("latency_achieved_send_rate_eps", achievedRate);
        r.details.put("latency_events_measured", measured.length);
        r.details.put("latency_from_send_ms", Map.of("p50", ms(percentile(measuredFromSend, 50)),
                "p99", ms(percentile(measuredFromSend, 99)), "max", ms(measuredFromSend[measuredFromSend.length - 1])));
        r.details.put("fx_pulses", pulses.summary());
        r.details.put("latency_longest_dispatcher_batch_ms", ms(batch[1]));
        BenchResults.log("latency at %s/s: p50 %s p99 %s max %s ms, pulses %s", LATENCY_RATE, r.latencyP50, r.latencyP99,
                r.latencyMax, pulses.summary());
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void await(CountDownLatch done, String what) throws InterruptedException {
        if (!done.await(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException(what + " round did not finish within 3 min");
        }
    }

    /**
     * Times FX pulses: from the start of the pulse (animation timers run first) to the end of the scene's layout, and
     * the longest gap between two pulses (how long the FX thread was away, e.g. applying a batch). FX thread only.
     */
    static final class PulseMeter extends AnimationTimer {
        private final BenchViews views;
        private final Runnable layoutDone = this::layoutDone;
        private long pulseStart;
        private long lastPulse;
        private long longestPulse;
        private long longestGap;
        private long pulses;

        private PulseMeter(BenchViews views) {
            this.views = views;
        }

        static PulseMeter start(BenchViews views) {
            PulseMeter meter = new PulseMeter(views);
            views.scene().addPostLayoutPulseListener(meter.layoutDone);
            meter.start();
            return meter;
        }

        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            if (lastPulse != 0) {
                longestGap = Math.max(longestGap, t - lastPulse);
            }
            lastPulse = t;
            pulseStart = t;
            pulses++;
        }

        private void layoutDone() {
            if (pulseStart != 0) {
                longestPulse = Math.max(longestPulse, System.nanoTime() - pulseStart);
                pulseStart = 0;
            }
        }

        void reset() {
            longestPulse = 0;
            longestGap = 0;
            lastPulse = 0;
            pulses = 0;
        }

        @Override
        public void stop() {
            super.stop();
            views.scene().removePostLayoutPulseListener(layoutDone);
        }

        double longestPulseMs() {
            return longestPulse / 1e6;
        }

        Map<String, Object> summary() {
            return Map.of("pulses", pulses, "longest_pulse_ms", longestPulse / 1e6,
                    "longest_gap_between_pulses_ms", longestGap / 1e6);
        }
    }
}
