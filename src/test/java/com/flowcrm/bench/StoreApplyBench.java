package com.flowcrm.bench;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.realtime.RealtimeEventHandler;
import com.flowcrm.store.LiveUpdates;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.StoreCounters;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Typed live events from a producer thread into the stores on the FX thread: ours (mapped on the producer,
 * applied in dispatcher batches) against the naive port (mapped on the producer, one runLater each, linear search).
 * Every round starts from freshly mapped copies of the same REST data, so rounds are identical.
 */
final class StoreApplyBench {
    private static final Duration SETTLE = Duration.ofMillis(400);
    private static final long ROUND_TIMEOUT_MINUTES = 3;
    /**
     * A naive round stops after this long (the rest of the stream is skipped) and reports the rate it reached; the
     * whole stream would take minutes per round with the views shown.
     */
    static final Duration NAIVE_LIMIT = Duration.ofSeconds(Long.getLong("bench.naiveSeconds", 6));

    private static final java.util.concurrent.Executor MAPPING_THREAD = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-mapping");
        t.setDaemon(true);
        return t;
    });

    private final BenchDataset data;
    private final List<BenchDataset.Event> events;
    private final JsonMapper mapper = JsonMapper.create();

    StoreApplyBench(BenchDataset data, List<BenchDataset.Event> events) {
        this.data = data;
        this.events = events;
    }

    /** Fresh model objects from the REST text, as the app gets them. */
    Snapshot snapshot() {
        long start = System.nanoTime();
        try {
            return map();
        } finally {
            BenchResults.log("mapped a fresh snapshot in %.0f ms", (System.nanoTime() - start) / 1e6);
        }
    }

    private Snapshot map() {
        return mapInParallel(mapper, data.dealsJson, data.contactsJson);
    }

    /** Reads and maps both lists at once while streaming their text, as the session does with its REST responses. */
    static Snapshot mapInParallel(JsonMapper mapper, String dealsJson, String contactsJson) {
        CompletableFuture<List<Contact>> contacts = CompletableFuture.supplyAsync(
                () -> mapper.streamContacts(new StringReader(contactsJson)).values(), MAPPING_THREAD);
        List<Deal> deals = mapper.streamDeals(new StringReader(dealsJson)).values();
        return new Snapshot(deals, contacts.join());
    }

    record Snapshot(List<Deal> deals, List<Contact> contacts) {
    }

    /** A RootStore on the FX thread holding the snapshot, loaded and flushed. */
    static RootStore loadedRootStore(Snapshot s) throws InterruptedException {
        RootStore root = new RootStore(Platform::runLater);
        CountDownLatch loaded = new CountDownLatch(1);
        root.loadSnapshot(s.deals(), s.contacts(), List.of());
        root.dispatcher().submit(loaded::countDown);
        if (!loaded.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the snapshot was not loaded within a minute");
        }
        return root;
    }

    /** Events per second for ours. */
    double batched(boolean withViews) throws InterruptedException {
        RootStore root = loadedRootStore(snapshot());
        BenchViews views = withViews
                ? FxThread.call(() -> BenchViews.showOurs(root, data.server.apiUrl(), data.server.wsUrl())) : null;
        FxThread.settle(SETTLE);
        CountDownLatch done = new CountDownLatch(1);
        boolean[] lastApplied = new boolean[1];
        // registered after the stores' own listeners, so it runs once their derived views are up to date
        root.dispatcher().addBatchEndListener(() -> {
            if (lastApplied[0]) {
                done.countDown();
            }
        });
        gc();
        long start = System.nanoTime();
        RealtimeEventHandler toStore = LiveUpdates.eventHandler(root);
        Thread producer = new Thread(() -> {
            for (BenchDataset.Event e : events) {
                toStore.onEvent(e.name(), e.data(), 0L);
            }
            root.dispatcher().submit(() -> lastApplied[0] = true);
        }, "bench-socket-batched");
        producer.start();
        await(done, "batched");
        long nanos = System.nanoTime() - start;
        StoreCounters.Snapshot counts = root.counters().snapshot();
        if (counts.applied() + counts.ignored() != events.size() || counts.rejected() != 0) {
            throw new IllegalStateException("ours did not apply every event: " + counts);
        }
        close(views);
        BenchResults.log("batched%s: %,d events in %.2f s, %,d UI runs", withViews ? " with views" : "",
                events.size(), nanos / 1e9, root.dispatcher().runCount());
        return events.size() / (nanos / 1e9);
    }

    /** Events per second for the web client's approach. */
    double naive(boolean withViews) throws InterruptedException {
        Snapshot s = snapshot();
        NaiveStore store = new NaiveStore();
        FxThread.run(() -> store.load(s.deals(), s.contacts()));
        BenchViews views = null;
        if (withViews) {
            views = FxThread.call(() -> {
                store.deriveViews();
                return BenchViews.showStandIn(store::dealsInStage, store.contactsByHealth());
            });
        }
        FxThread.settle(SETTLE);
        CountDownLatch done = new CountDownLatch(1);
        gc();
        long start = System.nanoTime();
        Thread producer = new Thread(() -> {
            for (BenchDataset.Event e : events) {
                store.onEvent(e.name(), e.data());
            }
            Platform.runLater(done::countDown);
        }, "bench-socket-naive");
        producer.start();
        boolean finished = done.await(NAIVE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        long nanos = System.nanoTime() - start;
        long handled = store.handled();
        if (!finished) {
            // out of time: the rate so far is the result; the events still queued are skipped
            store.cancel();
            await(done, "naive");
        } else if (handled != events.size()) {
            throw new IllegalStateException("naive handled " + handled + " of " + events.size());
        }
        close(views);
        BenchResults.log("naive%s: %,d of %,d events in %.1f s%s", withViews ? " with views" : "", handled,
                events.size(), nanos / 1e9, finished ? "" : " (time limit reached)");
        return handled / (nanos / 1e9);
    }

    private static void close(BenchViews views) {
        if (views != null) {
            FxThread.run(views::close);
        }
    }

    private static void await(CountDownLatch done, String what) throws InterruptedException {
        if (!done.await(ROUND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            throw new IllegalStateException(what + " round did not finish within " + ROUND_TIMEOUT_MINUTES + " min");
        }
    }

    static void gc() {
        System.gc();
        System.gc();
    }
}
