package com.flowcrm.bench;

import com.flowcrm.realtime.RealtimeEventHandler;
import com.flowcrm.store.LiveUpdates;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.StoreCounters;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Latency at a steady rate through the real socket, with the app's views shown: the demo server broadcasts a stream
 * at {@link Profile#rate()} events/s, each event carrying its send time (an extra field the mapper ignores). Measured
 * per event from the frame's receipt on the read thread to the end of the dispatcher batch that applied it on the FX
 * thread (stores and derived lists updated), and on to the end of the layout of the next pulse (on the screen's way);
 * pulses are timed meanwhile. With {@code -Dbench.jfr=true} the run is recorded and profiled ({@link BenchProfile}).
 */
final class LatencyBench {
    private static final Duration SETTLE = Duration.ofMillis(400);

    /** A steady stream: {@code rate} events/s, the first {@code warmupSeconds} not counted. */
    record Profile(String key, int rate, int warmupSeconds, int seconds, long seed, String idTag) {
        /** A busy team: the board, the table (and the other views) live at 100 events/s. */
        static final Profile REALISTIC = new Profile("100eps", 100, 2,
                Integer.getInteger("bench.realisticSeconds", 15), 3, "latency-100");
        /** The stress profile of issue 9. */
        static final Profile STRESS = new Profile("5000eps", 5_000, 1, 5, 2, "latency");
    }

    /** Milliseconds at the 50th and 99th percentile and the worst. */
    record Percentiles(double p50, double p99, double max) {
        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("p50", BenchResults.round2(p50));
            m.put("p99", BenchResults.round2(p99));
            m.put("max", BenchResults.round2(max));
            return m;
        }
    }

    /** What one profile measured: to applied (the latency), to laid out, and the longest pulse. */
    record Result(Profile profile, Percentiles applied, Percentiles laidOut, double fxPulseMaxMs,
            Map<String, Object> details) {
    }

    private final BenchDataset data;
    private final Profile profile;
    private final Consumer<RealtimeEventHandler> sink;

    LatencyBench(BenchDataset data, Profile profile, Consumer<RealtimeEventHandler> sink) {
        this.data = data;
        this.profile = profile;
        this.sink = sink;
    }

    Result run() throws InterruptedException {
        int warmup = profile.rate() * profile.warmupSeconds();
        int total = warmup + profile.rate() * profile.seconds();
        List<BenchDataset.Event> stream = data.events(total, profile.seed(), profile.idTag());
        RootStore root = StoreApplyBench.loadedRootStore(new StoreApplyBench(data, stream).snapshot());
        BenchViews views = FxThread.call(() -> BenchViews.showOurs(root, data.server.apiUrl(), data.server.wsUrl()));
        FxThread.settle(SETTLE);
        Map<String, Integer> nodes = FxThread.call(views::nodeCounts);

        // FX thread only, but for the pending arrays, which the read thread's submitted runnables fill on the FX thread
        long[] toApplied = new long[total];
        long[] toLaidOut = new long[total];
        long[] fromSend = new long[total];
        long[] appliedReceipt = new long[total];
        int[] applied = {0};
        int[] laidOut = {0};
        long[] pendingReceipt = new long[total];
        long[] pendingSend = new long[total];
        int[] pending = {0};
        // when the batch applied its first measured event, and the longest batch seen
        long[] batch = {0, 0};
        CountDownLatch allLaidOut = new CountDownLatch(1);
        root.dispatcher().addBatchEndListener(() -> {
            long now = System.nanoTime();
            if (pending[0] > 0 && applied[0] >= warmup) {
                batch[1] = Math.max(batch[1], now - batch[0]);
            }
            for (int i = 0; i < pending[0]; i++) {
                toApplied[applied[0]] = now - pendingReceipt[i];
                fromSend[applied[0]] = now - pendingSend[i];
                appliedReceipt[applied[0]] = pendingReceipt[i];
                applied[0]++;
            }
            pending[0] = 0;
        });
        RealtimeEventHandler toStore = LiveUpdates.eventHandler(root);
        sink.accept((event, json, receivedAt) -> {
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
        });
        StoreApplyBench.gc();
        PulseMeter pulses = FxThread.call(() -> PulseMeter.start(views.scene()));
        FxThread.run(() -> pulses.afterLayout(() -> {
            long now = System.nanoTime();
            for (int i = laidOut[0]; i < applied[0]; i++) {
                toLaidOut[i] = now - appliedReceipt[i];
            }
            laidOut[0] = applied[0];
            if (laidOut[0] == total) {
                allLaidOut.countDown();
            }
        }));
        BenchProfile recording = BenchProfile.startIfEnabled(profile.key());
        AtomicReference<Instant> measuredFrom = new AtomicReference<>(Instant.now());
        Map<String, Long> threads = new LinkedHashMap<>();
        threads.put("fx_thread", FxThread.call(() -> Thread.currentThread().threadId()));
        threads.put("render_thread", MachineLoad.threadNamed("QuantumRenderer"));
        threads.put("socket_read_thread", MachineLoad.threadNamed("WebSocketConnectReadThread"));
        AtomicReference<MachineLoad> loadFrom = new AtomicReference<>(MachineLoad.now(threads));
        long achieved = send(stream, warmup, pulses, measuredFrom, () -> loadFrom.set(MachineLoad.now(threads)));
        await(allLaidOut);
        Instant measuredTo = Instant.now();
        Map<String, Object> load = MachineLoad.now(threads).since(loadFrom.get());
        sink.accept((event, json, receivedAt) -> { });
        FxThread.run(pulses::stop);
        StoreCounters.Snapshot counts = root.counters().snapshot();
        if (counts.rejected() != 0 || counts.applied() + counts.ignored() != total) {
            throw new IllegalStateException("latency stream not applied cleanly: " + counts);
        }
        FxThread.run(views::close);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rate_eps", profile.rate());
        details.put("achieved_send_rate_eps", total / (achieved / 1e9));
        details.put("events_measured", total - warmup);
        details.put("from_send_ms", Percentiles.of(Arrays.copyOfRange(fromSend, warmup, total)).json());
        details.put("fx_pulses", pulses.summary());
        details.put("cpu", load);
        details.put("scene_nodes", nodes);
        details.put("longest_dispatcher_batch_ms", ms(batch[1]));
        if (recording != null) {
            details.put("profile", recording.finish(measuredFrom.get(), measuredTo, BenchResults.OUT));
        }
        Result result = new Result(profile, Percentiles.of(Arrays.copyOfRange(toApplied, warmup, total)),
                Percentiles.of(Arrays.copyOfRange(toLaidOut, warmup, total)), pulses.longestPulseMs(), details);
        BenchResults.log("latency at %s/s: applied %s, laid out %s, pulses %s, cpu %s", profile.rate(), result.applied(),
                result.laidOut(), pulses.summary(), load);
        return result;
    }

    /** Broadcasts the stream at the profile's rate; returns the nanoseconds it took. */
    private long send(List<BenchDataset.Event> stream, int warmup, PulseMeter pulses,
            AtomicReference<Instant> measuredFrom, Runnable measuring) {
        long interval = 1_000_000_000L / profile.rate();
        long start = System.nanoTime();
        for (int i = 0; i < stream.size(); i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            if (i == warmup) {
                measuredFrom.set(Instant.now());
                measuring.run();
                Platform.runLater(pulses::reset);
            }
            BenchDataset.Event e = stream.get(i);
            JsonObject payload = e.data().deepCopy();
            payload.addProperty("sentAtNanos", System.nanoTime());
            data.server.broadcast(e.name(), payload);
        }
        return System.nanoTime() - start;
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void await(CountDownLatch done) throws InterruptedException {
        if (!done.await(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException("latency round did not finish within 3 min");
        }
    }
}
