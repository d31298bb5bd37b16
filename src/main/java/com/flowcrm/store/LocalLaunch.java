package com.flowcrm.store;

import com.flowcrm.api.Mapped;
import com.flowcrm.api.RecordJson;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.RecordType;
import com.flowcrm.local.SyncState;
import com.flowcrm.local.Workspace;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the stores from the workspace's confirmed copy, the board first: the waiting changes are read and layered
 * first (small), then the deals are read, parsed in parallel and put into the stores in one batch (the board can show),
 * then the contacts, then the notifications. The board's read ({@link #readBoard}) touches no store, so that it can run
 * ahead while the kept session is looked up; {@link #run} hands it over. Runs on the calling (background) thread; the stores change on the UI
 * executor. A record that cannot be read back (a file edited by hand) is skipped and counted.
 */
final class LocalLaunch {
    private static final Logger LOG = LoggerFactory.getLogger(LocalLaunch.class);
    private static final int CHUNK = 512;

    /** What the launch found: the sync state the records go with and the user; the counts of what it loaded. */
    record Loaded(SyncState sync, Optional<User> user, int deals, int contacts, int notifications, int skipped) {
    }

    private final Workspace workspace;
    private final RootStore root;
    private final PendingChanges pending;
    private int skipped;

    LocalLaunch(Workspace workspace, RootStore root, PendingChanges pending) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.root = Objects.requireNonNull(root, "root");
        this.pending = Objects.requireNonNull(pending, "pending");
    }

    /**
     * The board as read from the local copy, before any store has it: the sync state the records go with, the user,
     * the outbox with the stamp taken before it was read, and the deals.
     */
    record Board(SyncState sync, Optional<User> user, long outboxStamp, List<OutboxEntry> outbox, List<Deal> deals,
            int skipped) {
    }

    /** A read called off by its {@code cancelled} flag (the kept session it was read ahead for is not there). */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("The read of the local copy was called off", null, false, false);
        }
    }

    /**
     * Reads what the board needs, touching no store; on the calling (background) thread.
     *
     * @param outboxStamp the outbox stamp taken before the outbox is read (see {@link PendingChanges#sync})
     * @param cancelled   asked before and while the records are read: true ends the read with {@link Cancelled}
     */
    Board readBoard(long outboxStamp, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        stopIf(cancelled);
        // the sync state comes first: later reads only see the same or newer records, so the cursor never runs ahead
        SyncState sync = workspace.readSyncState();
        Optional<User> user = workspace.readUser().map(RecordJson::readUser).filter(Mapped::isPresent).map(Mapped::value);
        List<OutboxEntry> outbox = workspace.outbox().list();
        List<Deal> deals = read(RecordType.DEAL, RecordJson::readDeal, cancelled);
        LOG.info("Board from the local copy: {} deals read in {} ms", deals.size(), (System.nanoTime() - start) / 1_000_000);
        return new Board(sync, user, outboxStamp, outbox, deals, skipped);
    }

    /**
     * Hands the board to the stores, then reads the contacts and the notifications into them; {@code dealsShown} runs
     * on the UI executor right after the deals are in (the session shows the main window there). Blocks the calling
     * thread until the last list is handed to the stores.
     */
    Loaded run(Board board, java.util.function.Consumer<Loaded> dealsShown) {
        long start = System.nanoTime();
        skipped = board.skipped();
        List<OutboxEntry> outbox = board.outbox();
        long outboxStamp = board.outboxStamp();
        root.dispatcher().submit(() -> pending.sync(outbox, outboxStamp));
        List<Deal> deals = board.deals();
        Loaded afterDeals = new Loaded(board.sync(), board.user(), deals.size(), 0, 0, skipped);
        root.dispatcher().submit(() -> {
            root.deals().loadSnapshot(deals);
            pending.relabel();
            dealsShown.accept(afterDeals);
        });

        List<Contact> contacts = read(RecordType.CONTACT, RecordJson::readContact, () -> false);
        root.dispatcher().submit(() -> {
            root.contacts().loadSnapshot(contacts);
            pending.relabel();
        });
        List<Notification> notifications = read(RecordType.NOTIFICATION, RecordJson::readNotification, () -> false);
        root.dispatcher().submit(() -> {
            root.notifications().loadSnapshot(notifications);
            pending.relabel();
        });
        if (skipped > 0) {
            LOG.warn("{} records of the local copy could not be read back and were left out", skipped);
        }
        LOG.info("Local copy read: {} deals, {} contacts, {} notifications, {} waiting changes in {} ms", deals.size(),
                contacts.size(), notifications.size(), outbox.size(), (System.nanoTime() - start) / 1_000_000);
        return new Loaded(board.sync(), board.user(), deals.size(), contacts.size(), notifications.size(), skipped);
    }

    private static void stopIf(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
    }

    /** Streams one table, parsing chunks of records on the common pool while the next ones are read. */
    private <T> List<T> read(RecordType type, Function<String, Mapped<T>> reader, BooleanSupplier cancelled) {
        List<CompletableFuture<List<T>>> parsed = new ArrayList<>();
        List<String> chunk = new ArrayList<>(CHUNK);
        List<List<String>> full = new ArrayList<>(1);
        workspace.readRecords(List.of(type), (t, id, json) -> {
            chunk.add(json);
            if (chunk.size() == CHUNK) {
                stopIf(cancelled);
                List<String> texts = List.copyOf(chunk);
                chunk.clear();
                parsed.add(CompletableFuture.supplyAsync(() -> parse(texts, reader), ForkJoinPool.commonPool()));
            }
        });
        full.add(List.copyOf(chunk));
        parsed.add(CompletableFuture.completedFuture(parse(full.get(0), reader)));
        List<T> out = new ArrayList<>();
        for (CompletableFuture<List<T>> part : parsed) {
            List<T> values = part.join();
            out.addAll(values);
        }
        return out;
    }

    private <T> List<T> parse(List<String> texts, Function<String, Mapped<T>> reader) {
        List<T> out = new ArrayList<>(texts.size());
        for (String json : texts) {
            Mapped<T> mapped = reader.apply(json);
            if (mapped.isPresent()) {
                out.add(mapped.value());
            } else {
                synchronized (this) {
                    skipped++;
                }
            }
        }
        return out;
    }
}
