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
 * sent while away are lost on the wire) the lists again, reconciled in place. Live events that arrive meanwhile
 * are held back until the lists are in, so nothing between the load and the connect is lost. A reload that fails
 * is tried again until one gets through. Any thread.
 */
public final class StoreSync {
    private static final Logger log = LoggerFactory.getLogger(StoreSync.class);

    private final RootStore root;
    private final SessionAuth auth;
    private final Clock clock;
    private final Consumer<String> onRefused;
    private final Runnable afterResync;
    private final AtomicBoolean resyncRunning = new AtomicBoolean();
    private final AtomicBoolean resyncAgain = new AtomicBoolean();
    private final AtomicReference<Instant> lastResyncAt = new AtomicReference<>();
    private final AtomicLong resyncs = new AtomicLong();
    private final BiConsumer<Runnable, Duration> later;
    private final AtomicInteger failedReloads = new AtomicInteger();
    private final AtomicBoolean missedChanges = new AtomicBoolean();

    /** As below, retrying a failed reload on the JDK's shared delay thread. */
    StoreSync(RootStore root, SessionAuth auth, Clock clock, Consumer<String> onRefused, Runnable afterResync) {
        this(root, auth, clock, onRefused, afterResync, (task, delay) ->
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(task));
    }

    /**
     * @param onRefused   ends the session with the reason a rep reads (the server refused the reload's token)
     * @param afterResync told when a reload after a reconnect is in (the indicator shows it)
     * @param later       runs a task after a delay (the session's timer thread; tests run it by hand)
     */
    StoreSync(RootStore root, SessionAuth auth, Clock clock, Consumer<String> onRefused, Runnable afterResync,
            BiConsumer<Runnable, Duration> later) {
        this.root = Objects.requireNonNull(root, "root");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
        this.afterResync = Objects.requireNonNull(afterResync, "afterResync");
        this.later = Objects.requireNonNull(later, "later");
    }

    /** The deals, contacts and notifications of one load. */
    record Snapshot(List<Deal> deals, List<Contact> contacts, List<Notification> notifications) {
    }

    /**
     * The first load of a session: holds live events back, runs {@code whileHolding} (the socket connects), loads
     * the lists and puts them into the stores; {@code inStores} runs on the UI thread right after they are in and
     * before the held events. Fails (and releases the held events) when a list cannot be loaded.
     */
    CompletableFuture<Snapshot> loadFirst(Runnable whileHolding, Runnable inStores) {
        root.beginResync();
        whileHolding.run();
        return load().thenApply(snapshot -> {
            root.completeResync(snapshot.deals(), snapshot.contacts(), snapshot.notifications(), inStores);
            return snapshot;
        });
    }

    /** The first load failed or the session ended during it: the events held back are applied as they are. */
    void abandonFirst() {
        root.abortResync();
    }

    /**
     * After a reconnect: reloads the lists and reconciles the stores in place, holding the events that arrive
     * meanwhile until the lists are in. A reconnect during a reload starts one more reload when it ends. A reload
     * refused with 401 ends the session; any other failure keeps what the stores have and tries again later.
     */
    public void resync() {
        if (!auth.isActive()) {
            return;
        }
        if (!resyncRunning.compareAndSet(false, true)) {
            resyncAgain.set(true);
            return;
        }
        long generation = auth.generation();
        root.beginResync();
        load().whenComplete((snapshot, error) -> {
            if (error != null) {
                Throwable cause = Failures.unwrap(error);
                log.warn("Reload after reconnect failed: {}", cause.getMessage());
                root.abortResync();
                if (cause instanceof ApiException e && e.kind() == ApiException.Kind.UNAUTHORIZED) {
                    onRefused.accept(SessionAuth.EXPIRED_MESSAGE);
                } else {
                    reloadAgainLater(generation);
                }
            } else {
                failedReloads.set(0);
                missedChanges.set(false);
                root.completeResync(snapshot.deals(), snapshot.contacts(), snapshot.notifications(), () -> {
                    if (auth.generation() != generation) {
                        return;
                    }
                    lastResyncAt.set(clock.instant());
                    resyncs.incrementAndGet();
                    log.info("Reloaded {} deals, {} contacts, {} notifications after reconnect",
                            snapshot.deals().size(), snapshot.contacts().size(), snapshot.notifications().size());
                });
                afterResync.run();
            }
            resyncRunning.set(false);
            if (resyncAgain.getAndSet(false)) {
                resync();
            }
        });
    }

    /**
     * A failed reload (the server slow or restarting, the network dropping mid-reload) leaves the stores without what
     * was missed while the socket was down, behind an indicator that says "Live" once the socket is back: it is tried
     * again after 2, 4, 8, 16 and then every 30 s, until one gets through (or another reload did), or the session
     * ends. The soak (issue 16) found clients live on stale stores after a reload timed out behind a server restart.
     */
    private void reloadAgainLater(long generation) {
        missedChanges.set(true);
        int failures = failedReloads.incrementAndGet();
        Duration delay = Duration.ofSeconds(Math.min(30, 1L << Math.min(failures, 5)));
        log.info("Reloading again in {} s", delay.toSeconds());
        later.accept(() -> {
            if (missedChanges.get() && auth.isActive() && auth.generation() == generation) {
                resync();
            }
        }, delay);
    }

    /** When the last reload after a reconnect was in the stores, or null. */
    public Instant lastResyncAt() {
        return lastResyncAt.get();
    }

    /** Reloads after reconnects so far. */
    public long resyncs() {
        return resyncs.get();
    }

    private CompletableFuture<Snapshot> load() {
        CrmApi api = auth.api();
        // the three lists load (and are read) in parallel on the HTTP threads
        CompletableFuture<MappedList<Deal>> deals = api.deals();
        CompletableFuture<MappedList<Contact>> contacts = api.contacts();
        CompletableFuture<MappedList<Notification>> notifications = api.notifications();
        return CompletableFuture.allOf(deals, contacts, notifications).thenApply(ignored -> new Snapshot(
                deals.join().values(), contacts.join().values(), notifications.join().values()));
    }
}
