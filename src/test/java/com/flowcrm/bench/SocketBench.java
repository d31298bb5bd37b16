package com.flowcrm.bench;

import com.flowcrm.model.change.EventName;
import com.flowcrm.realtime.RealtimeClient;
import com.flowcrm.realtime.RealtimeEventHandler;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.LiveUpdates;
import com.flowcrm.store.StoreCounters;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Through the real socket: the demo server broadcasts a pre-generated stream as fast as the socket takes it (or at a
 * steady rate), the app's {@link RealtimeClient} receives and parses it on its read thread, and then either only
 * counts it (the wire's limit) or hands it to {@link LiveUpdates#eventHandler} like the session does, through the
 * dispatcher onto the FX thread, with the views shown (end to end). Latency at a steady rate: {@link LatencyBench}.
 */
final class SocketBench {
    private static final Duration SETTLE = Duration.ofMillis(400);

    private final BenchDataset data;
    private List<BenchDataset.Event> events = List.of();
    private volatile RealtimeEventHandler sink = (event, json, receivedAt) -> { };

    private SocketBench(BenchDataset data) {
        this.data = data;
    }

    /** The app's realtime client connected to the demo server; closing it disconnects. */
    interface Connection extends AutoCloseable {
        LatencyBench.Result latency(LatencyBench.Profile profile) throws InterruptedException;

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
            public LatencyBench.Result latency(LatencyBench.Profile profile) throws InterruptedException {
                return new LatencyBench(data, profile, handler -> bench.sink = handler).run();
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

    private static void await(CountDownLatch done, String what) throws InterruptedException {
        if (!done.await(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException(what + " round did not finish within 3 min");
        }
    }
}
