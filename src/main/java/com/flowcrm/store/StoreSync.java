package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.CrmApi;
import com.flowcrm.api.MappedList;
import com.flowcrm.common.Failures;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stores in line with the server: the snapshot at sign-in, and after every reconnect (when the events
 * sent while away are lost on the wire) the lists again, reconciled in place. Live events that arrive meanwhile
 * are held back until the lists are in, so nothing between the load and the connect is lost. Any thread.
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
    private volatile Consumer<Snapshot> beforeStores = snapshot -> { };
    private volatile Runnable afterReloadInStores = () -> { };

    /**
     * @param onRefused   ends the session with the reason a rep reads (the server refused the reload's token)
     * @param afterResync told when a reload after a reconnect is in (the indicator shows it)
     */
    StoreSync(RootStore root, SessionAuth auth, Clock clock, Consumer<String> onRefused, Runnable afterResync) {
        this.root = Objects.requireNonNull(root, "root");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
        this.afterResync = Objects.requireNonNull(afterResync, "afterResync");
    }

    /**
     * The local workspace's hooks: {@code before} gets every loaded snapshot on the loading thread before the stores
     * do (nobody else holds it yet), {@code inStores} runs on the UI thread after a reload after a reconnect is in.
     */
    void onReload(Consumer<Snapshot> before, Runnable inStores) {
        this.beforeStores = Objects.requireNonNull(before, "before");
        this.afterReloadInStores = Objects.requireNonNull(inStores, "inStores");
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
     * refused with 401 ends the session; any other failure keeps what the stores have.
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
                }
            } else {
                root.completeResync(snapshot.deals(), snapshot.contacts(), snapshot.notifications(), () -> {
                    if (auth.generation() != generation) {
                        return;
                    }
                    lastResyncAt.set(clock.instant());
                    resyncs.incrementAndGet();
                    afterReloadInStores.run();
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
        return CompletableFuture.allOf(deals, contacts, notifications).thenApply(ignored -> {
            Snapshot snapshot = new Snapshot(deals.join().values(), contacts.join().values(), notifications.join().values());
            beforeStores.accept(snapshot);
            return snapshot;
        });
    }
}
