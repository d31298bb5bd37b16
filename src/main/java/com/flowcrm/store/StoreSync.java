package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.CrmApi;
import com.flowcrm.api.MappedList;
import com.flowcrm.common.Failures;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stores in line with the server: the snapshot at sign-in, and after every reconnect (when the events
 * sent while away are lost on the wire) either the changes since the stores' place in the server's change log
 * ({@link CatchUp}, issue 13) or, on a server without one, the lists again, reconciled in place. Live events that
 * arrive meanwhile are held back until the stores are up to date, so nothing between the load and the connect is
 * lost. A gap in the live seqs is caught up the same way. A catch-up or reload that fails is tried again until one
 * gets through. Any thread.
 */
public final class StoreSync {
    private static final Logger log = LoggerFactory.getLogger(StoreSync.class);

    private final RootStore root;
    private final SessionAuth auth;
    private final Clock clock;
    private final Consumer<String> onRefused;
    private final Runnable afterResync;
    private final CatchUp catchUp;
    private final AtomicBoolean resyncRunning = new AtomicBoolean();
    private final AtomicBoolean resyncAgain = new AtomicBoolean();
    private final AtomicReference<Instant> lastResyncAt = new AtomicReference<>();
    private final AtomicLong resyncs = new AtomicLong();
    private volatile Consumer<Snapshot> beforeStores = snapshot -> { };
    private volatile Runnable afterReloadInStores = () -> { };
    private volatile Runnable afterUpToDate = () -> { };
    private final BiConsumer<Runnable, Duration> later;
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicBoolean missedChanges = new AtomicBoolean();

    /** With the session's place in the change log kept in memory. */
    StoreSync(RootStore root, SessionAuth auth, Clock clock, Consumer<String> onRefused, Runnable afterResync) {
        this(root, auth, clock, onRefused, afterResync, new MemorySyncCursor());
    }

    /** As below, retrying a failed catch-up or reload on the JDK's shared delay thread. */
    StoreSync(RootStore root, SessionAuth auth, Clock clock, Consumer<String> onRefused, Runnable afterResync,
            SyncCursor cursor) {
        this(root, auth, clock, onRefused, afterResync, cursor, (task, delay) ->
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(task));
    }

    /**
     * @param onRefused   ends the session with the reason a rep reads (the server refused the reload's token)
     * @param afterResync told when the stores are up to date after a reconnect (the indicator shows it)
     * @param cursor      where the session keeps its place in the server's change log
     * @param later       runs a task after a delay (the session's timer thread; tests run it by hand)
     */
    StoreSync(RootStore root, SessionAuth auth, Clock clock, Consumer<String> onRefused, Runnable afterResync,
            SyncCursor cursor, BiConsumer<Runnable, Duration> later) {
        this.root = Objects.requireNonNull(root, "root");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
        this.afterResync = Objects.requireNonNull(afterResync, "afterResync");
        this.catchUp = new CatchUp(root, auth, cursor, clock);
        this.later = Objects.requireNonNull(later, "later");
    }

    /**
     * The local workspace's hooks: {@code before} gets every loaded snapshot on the loading thread before the stores
     * do (nobody else holds it yet); {@code reloadedInStores} runs on the UI thread once a full load is in the stores;
     * {@code upToDate} runs on the UI thread when the stores are up to date after a reconnect (a catch-up or a reload).
     */
    void onReload(Consumer<Snapshot> before, Runnable reloadedInStores, Runnable upToDate) {
        this.beforeStores = Objects.requireNonNull(before, "before");
        this.afterReloadInStores = Objects.requireNonNull(reloadedInStores, "reloadedInStores");
        this.afterUpToDate = Objects.requireNonNull(upToDate, "upToDate");
    }

    /**
     * The deals, contacts and notifications of one load.
     *
     * @param syncSeq the lowest {@code X-Sync-Seq} of the three lists; empty when one had none (no change log)
     */
    record Snapshot(List<Deal> deals, List<Contact> contacts, List<Notification> notifications, OptionalLong syncSeq) {
    }

    /**
     * The first load of a session: holds live events back, runs {@code whileHolding} (the socket connects), loads
     * the lists and puts them into the stores; {@code inStores} runs on the UI thread right after they are in and
     * before the held events. With a cursor that has a position (the stores were filled from it), the changes since
     * are read instead of the lists, falling back to them when the server cannot serve them. Fails (and releases the
     * held events) when the stores cannot be brought up to date.
     */
    CompletableFuture<Void> loadFirst(Runnable whileHolding, Runnable inStores) {
        catchUp.beginSession(this::gapInLiveSeqs);
        if (catchUp.canResume()) {
            return resumeFirst(whileHolding, inStores);
        }
        root.beginResync();
        whileHolding.run();
        return loadIntoStores(inStores);
    }

    private CompletableFuture<Void> loadIntoStores(Runnable inStores) {
        return load().thenAccept(snapshot -> root.completeResync(snapshot.deals(), snapshot.contacts(),
                snapshot.notifications(), catchUp.positionFromLists(snapshot.syncSeq()), () -> {
                    afterReloadInStores.run();
                    inStores.run();
                }));
    }

    /** Start-up with a cursor: the changes since it, or (404, 410) everything as on a first sign-in. */
    private CompletableFuture<Void> resumeFirst(Runnable whileHolding, Runnable inStores) {
        long generation = auth.generation();
        CompletableFuture<CatchUp.Outcome> caughtUp = catchUp.run(generation);
        whileHolding.run();
        return caughtUp.thenCompose(outcome -> switch (outcome) {
            case CAUGHT_UP -> onUi(inStores);
            case ENDED -> CompletableFuture.<Void>failedFuture(new IllegalStateException("The session ended while it started."));
            case RELOAD -> {
                root.beginResync();
                yield loadIntoStores(inStores);
            }
        });
    }

    private CompletableFuture<Void> onUi(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        root.dispatcher().submit(() -> {
            action.run();
            done.complete(null);
        });
        return done;
    }

    /** The first load failed or the session ended during it: the events held back are applied as they are. */
    void abandonFirst() {
        root.abortResync();
    }

    /**
     * After a reconnect: brings the stores up to date, holding the events that arrive meanwhile until they are. From
     * the change log when the server keeps one and the stores have a place in it; otherwise the lists are reloaded
     * and reconciled in place. A reconnect during either starts one more when it ends. A refusal with 401 ends the
     * session; any other failure keeps what the stores have and tries again later.
     */
    public void resync() {
        bringUpToDate(true);
    }

    /** On the UI thread: a live change follows one this client never got. */
    private void gapInLiveSeqs() {
        log.info("A live change arrived after one that never did (a gap in the change log's seqs): catching up");
        bringUpToDate(false);
    }

    private void bringUpToDate(boolean afterReconnect) {
        if (!auth.isActive()) {
            return;
        }
        if (!resyncRunning.compareAndSet(false, true)) {
            resyncAgain.set(true);
            return;
        }
        long generation = auth.generation();
        if (!catchUp.mayResume()) {
            reload(generation);
            return;
        }
        catchUp.run(generation).whenComplete((outcome, error) -> {
            if (error != null) {
                Throwable cause = Failures.unwrap(error);
                if (cause instanceof ApiException e && e.kind() == ApiException.Kind.UNAUTHORIZED) {
                    onRefused.accept(SessionAuth.EXPIRED_MESSAGE);
                } else {
                    tryAgainLater(generation);
                }
                finished();
                return;
            }
            switch (outcome) {
                case CAUGHT_UP -> {
                    upToDate();
                    if (afterReconnect && auth.generation() == generation) {
                        lastResyncAt.set(clock.instant());
                        resyncs.incrementAndGet();
                        afterUpToDate.run();
                        afterResync.run();
                    }
                    finished();
                }
                case RELOAD -> reload(generation);
                case ENDED -> finished();
            }
        });
    }

    /** Reloads the lists and reconciles the stores in place, holding the events that arrive meanwhile. */
    private void reload(long generation) {
        root.beginResync();
        load().whenComplete((snapshot, error) -> {
            if (error != null) {
                Throwable cause = Failures.unwrap(error);
                log.warn("Reload after reconnect failed: {}", cause.getMessage());
                root.abortResync();
                if (cause instanceof ApiException e && e.kind() == ApiException.Kind.UNAUTHORIZED) {
                    onRefused.accept(SessionAuth.EXPIRED_MESSAGE);
                } else {
                    tryAgainLater(generation);
                }
            } else {
                upToDate();
                root.completeResync(snapshot.deals(), snapshot.contacts(), snapshot.notifications(),
                        catchUp.positionFromLists(snapshot.syncSeq()), () -> {
                            if (auth.generation() != generation) {
                                return;
                            }
                            lastResyncAt.set(clock.instant());
                            resyncs.incrementAndGet();
                            afterReloadInStores.run();
                            afterUpToDate.run();
                            log.info("Reloaded {} deals, {} contacts, {} notifications after reconnect",
                                    snapshot.deals().size(), snapshot.contacts().size(), snapshot.notifications().size());
                        });
                afterResync.run();
            }
            finished();
        });
    }

    /**
     * A failed catch-up or reload (the server slow or restarting, the network dropping mid-request) leaves the stores
     * without what was missed while the socket was down, behind an indicator that says "Live" once the socket is back:
     * it is tried again after 2, 4, 8, 16 and then every 30 s, until one gets through (or another one did), or the
     * session ends. The soak (issue 16) found clients live on stale stores after a reload timed out behind a server
     * restart.
     */
    private void tryAgainLater(long generation) {
        missedChanges.set(true);
        int failures = failedAttempts.incrementAndGet();
        Duration delay = Duration.ofSeconds(Math.min(30, 1L << Math.min(failures, 5)));
        log.info("Bringing the stores up to date again in {} s", delay.toSeconds());
        later.accept(() -> {
            if (missedChanges.get() && auth.isActive() && auth.generation() == generation) {
                resync();
            }
        }, delay);
    }

    private void upToDate() {
        failedAttempts.set(0);
        missedChanges.set(false);
    }

    private void finished() {
        resyncRunning.set(false);
        if (resyncAgain.getAndSet(false)) {
            resync();
        }
    }

    /** When the stores were last brought up to date after a reconnect (caught up or reloaded), or null. */
    public Instant lastResyncAt() {
        return lastResyncAt.get();
    }

    /** Catch-ups and reloads after reconnects so far. */
    public long resyncs() {
        return resyncs.get();
    }

    /** How the next reconnect catches up, and how the last catch-up went. Any thread. */
    public SyncStatus syncStatus() {
        return catchUp.status();
    }

    private CompletableFuture<Snapshot> load() {
        CrmApi api = auth.api();
        // the three lists load (and are read) in parallel on the HTTP threads
        CompletableFuture<MappedList<Deal>> deals = api.deals();
        CompletableFuture<MappedList<Contact>> contacts = api.contacts();
        CompletableFuture<MappedList<Notification>> notifications = api.notifications();
        return CompletableFuture.allOf(deals, contacts, notifications).thenApply(ignored -> {
            Snapshot snapshot = new Snapshot(deals.join().values(), contacts.join().values(),
                    notifications.join().values(),
                    lowest(deals.join().syncSeq(), contacts.join().syncSeq(), notifications.join().syncSeq()));
            beforeStores.accept(snapshot);
            return snapshot;
        });
    }

    /** The lowest seq of the lists: every change up to it is in all of them. Empty when one list has none. */
    static OptionalLong lowest(OptionalLong... seqs) {
        long lowest = Long.MAX_VALUE;
        for (OptionalLong seq : seqs) {
            if (seq.isEmpty()) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, seq.getAsLong());
        }
        return OptionalLong.of(lowest);
    }
}
