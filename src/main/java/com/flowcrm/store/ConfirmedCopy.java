package com.flowcrm.store;

import com.flowcrm.api.RecordJson;
import com.flowcrm.local.ChangeLogSupport;
import com.flowcrm.local.ConfirmedRecord;
import com.flowcrm.local.FullReload;
import com.flowcrm.local.RecordType;
import com.flowcrm.local.Workspace;
import com.flowcrm.local.WorkspaceException;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the workspace's confirmed copy in line with what the server confirmed, without making the UI thread wait.
 *
 * <p>The stores tell it which records a server event or answer changed; it notes their ids (a record changed a
 * thousand times in a burst is noted once) and, at the end of each dispatcher batch, turns as many of them into JSON as
 * fit in a small time budget ({@link #SLICE_BUDGET}, 2 ms) and hands the texts to the workspace's writer thread, which
 * commits them in a few coalesced transactions; the rest waits for the next pulse. Serializing has to happen on the UI
 * thread because the models are UI-thread only; slicing it keeps a burst of 100,000 events from costing the board more
 * than a couple of milliseconds per pulse. What is written is always the record's confirmed state, never the rep's
 * waiting changes (the stores keep that apart).
 *
 * <p>A full reload is serialized on the thread that loaded it, before the lists reach the stores (nobody else holds
 * them yet), and replaces everything in one transaction. The change-log cursor ({@link #advance}) is saved only once
 * every record that was waiting to be written when the stores reached it has been handed to the writer, which commits
 * in call order: the cursor on disk never runs ahead of the records saved with it.
 */
final class ConfirmedCopy {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmedCopy.class);
    /** At most this much UI-thread time per pulse goes into serializing changed records. */
    static final Duration SLICE_BUDGET = Duration.ofMillis(2);
    /** "Last synced" is written at most this often while live (it only feeds the offline banner). */
    private static final Duration SYNCED_EVERY = Duration.ofSeconds(30);

    private record DirtyKey(RecordType type, String id) {
    }

    private final RootStore root;
    private final Workspace workspace;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long budgetNanos;
    /** Records to write, oldest first, each with the stamp of when it was first noted. */
    private final LinkedHashMap<DirtyKey, Long> dirty = new LinkedHashMap<>();
    /** Cursors reached but not saved yet: {seq, stamp of the last record noted before}. */
    private final ArrayDeque<long[]> cursors = new ArrayDeque<>();
    private final AtomicBoolean continuationPending = new AtomicBoolean();
    private final Runnable afterBatch = this::writeSlice;
    private long stamps;
    private Instant syncedWritten = Instant.EPOCH;
    private volatile ChangeLogSupport changeLog;
    private volatile boolean closed;
    private long recordsWritten;
    private long slices;

    ConfirmedCopy(RootStore root, Workspace workspace, Clock clock, ChangeLogSupport changeLog) {
        this(root, workspace, clock, changeLog, System::nanoTime, SLICE_BUDGET);
    }

    ConfirmedCopy(RootStore root, Workspace workspace, Clock clock, ChangeLogSupport changeLog, LongSupplier nanoTime,
            Duration budget) {
        this.root = Objects.requireNonNull(root, "root");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changeLog = Objects.requireNonNull(changeLog, "changeLog");
        this.nanoTime = nanoTime;
        this.budgetNanos = budget.toNanos();
    }

    /** Starts listening to the stores; on the UI thread. */
    void attach() {
        root.deals().setConfirmedListener(listener(RecordType.DEAL));
        root.contacts().setConfirmedListener(listener(RecordType.CONTACT));
        root.notifications().setConfirmedListener(id -> note(RecordType.NOTIFICATION, id));
        root.dispatcher().addBatchEndListener(afterBatch);
    }

    /** The workspace is about to close (app exit) from another thread: nothing more is handed to it. */
    void stop() {
        closed = true;
    }

    /** Stops listening and hands what is still noted to the writer (sign-out, exit); on the UI thread. */
    void detach() {
        root.deals().setConfirmedListener(null);
        root.contacts().setConfirmedListener(null);
        root.notifications().setConfirmedListener(null);
        root.dispatcher().removeBatchEndListener(afterBatch);
        writeAll();
        closed = true;
    }

    private ConfirmedListener listener(RecordType type) {
        return new ConfirmedListener() {
            @Override
            public void changed(String id) {
                note(type, id);
            }

            @Override
            public void removed(String id) {
                note(type, id);
            }
        };
    }

    private void note(RecordType type, String id) {
        dirty.putIfAbsent(new DirtyKey(type, id), ++stamps);
    }

    // ---- the sync cursor (UI thread) ----------------------------------------------------------------------------

    /** The stores hold every change up to {@code seq}: saved as soon as the records noted so far are handed over. */
    void advance(long seq) {
        cursors.add(new long[] {seq, stamps});
        saveReachedCursor();
    }

    /** The cursor is forgotten on disk too (a full reload follows). */
    void resetCursor() {
        cursors.clear();
        if (!closed) {
            workspace.clearCursor();
        }
    }

    /** What the client found out about the server's change log (kept with the next full reload). */
    void changeLogSupport(ChangeLogSupport support) {
        changeLog = Objects.requireNonNull(support, "support");
        workspace.saveChangeLogSupport(support);
    }

    // ---- full reload (the loading thread) ------------------------------------------------------------------------

    /**
     * Replaces the confirmed copy with a freshly loaded snapshot, serialized here on the loading thread before the
     * lists reach the stores, with the change-log position the lists were read at (empty: none). {@code user} may be
     * null (kept as it is).
     */
    void replaceAll(List<Deal> deals, List<Contact> contacts, List<Notification> notifications, User user,
            OptionalLong cursor) {
        long start = System.nanoTime();
        List<ConfirmedRecord> records = Stream.of(
                        deals.stream().map(d -> new ConfirmedRecord(RecordType.DEAL, d.getId(), RecordJson.deal(d))),
                        contacts.stream().map(c -> new ConfirmedRecord(RecordType.CONTACT, c.getId(), RecordJson.contact(c))),
                        notifications.stream().map(n -> new ConfirmedRecord(RecordType.NOTIFICATION, n.getId(),
                                RecordJson.notification(n))))
                .flatMap(s -> s).parallel().toList();
        Instant now = clock.instant();
        if (cursor.isPresent()) {
            changeLog = ChangeLogSupport.SUPPORTED;
        }
        workspace.replaceAll(new FullReload(user == null ? null : RecordJson.user(user), records, cursor, now, changeLog));
        LOG.debug("Full reload of {} records handed to the local copy in {} ms", records.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** After a full reload is in the stores (UI thread): what was noted before it is in the reload already. */
    void reloaded() {
        dirty.clear();
        cursors.clear();
        syncedWritten = clock.instant();
    }

    /** The user as the server describes them (sign-in); never with a token. */
    void saveUser(User user) {
        workspace.saveUser(RecordJson.user(user));
    }

    /** The server answers (UI thread, called about once a second while live): "last synced" moves on. */
    void live() {
        Instant now = clock.instant();
        if (!closed && Duration.between(syncedWritten, now).compareTo(SYNCED_EVERY) >= 0) {
            syncedWritten = now;
            workspace.markSynced(now);
        }
    }

    /** The connection just went away: what the stores show was confirmed up to about now. */
    void lostServer(Instant lastConfirmed) {
        if (!closed && lastConfirmed != null && lastConfirmed.isAfter(syncedWritten)) {
            syncedWritten = lastConfirmed;
            workspace.markSynced(lastConfirmed);
        }
    }

    // ---- slices (UI thread, end of each dispatcher batch) ----------------------------------------------------------

    private void writeSlice() {
        if (closed || dirty.isEmpty()) {
            return;
        }
        try {
            writeSliceNow();
        } catch (WorkspaceException e) {
            if (e.kind() != WorkspaceException.Kind.CLOSED) {
                throw e;
            }
            LOG.debug("The local copy closed while changes were being written: {}", e.getMessage());
        }
    }

    private void writeSliceNow() {
        slices++;
        long deadline = nanoTime.getAsLong() + budgetNanos;
        List<ConfirmedRecord> upserts = new ArrayList<>();
        Iterator<Map.Entry<DirtyKey, Long>> it = dirty.entrySet().iterator();
        while (it.hasNext()) {
            DirtyKey key = it.next().getKey();
            it.remove();
            write(key, upserts);
            if (nanoTime.getAsLong() - deadline >= 0) {
                break;
            }
        }
        flushUpserts(upserts);
        saveReachedCursor();
        if (!dirty.isEmpty() && continuationPending.compareAndSet(false, true)) {
            // no event may come for a while: one more pulse carries on with the rest
            root.dispatcher().submit(() -> continuationPending.set(false));
        }
    }

    /** Everything noted, now (sign-out, exit). */
    private void writeAll() {
        List<ConfirmedRecord> upserts = new ArrayList<>();
        for (DirtyKey key : dirty.keySet()) {
            write(key, upserts);
        }
        dirty.clear();
        flushUpserts(upserts);
        saveReachedCursor();
    }

    private void write(DirtyKey key, List<ConfirmedRecord> upserts) {
        String json = switch (key.type()) {
            case DEAL -> {
                Deal d = root.deals().confirmedById(key.id());
                yield d == null ? null : RecordJson.deal(d);
            }
            case CONTACT -> {
                Contact c = root.contacts().confirmedById(key.id());
                yield c == null ? null : RecordJson.contact(c);
            }
            case NOTIFICATION -> {
                Notification n = root.notifications().confirmedById(key.id());
                yield n == null ? null : RecordJson.notification(n);
            }
        };
        if (json == null) {
            flushUpserts(upserts);
            workspace.delete(key.type(), key.id());
        } else {
            upserts.add(new ConfirmedRecord(key.type(), key.id(), json));
        }
        recordsWritten++;
    }

    private void flushUpserts(List<ConfirmedRecord> upserts) {
        if (!upserts.isEmpty()) {
            workspace.upsertAll(upserts);
            upserts.clear();
        }
    }

    /** Saves the newest cursor whose records are all handed over (the writer commits in call order). */
    private void saveReachedCursor() {
        long oldestWaiting = dirty.isEmpty() ? Long.MAX_VALUE : dirty.values().iterator().next();
        long reached = -1;
        while (!cursors.isEmpty() && cursors.peekFirst()[1] < oldestWaiting) {
            reached = cursors.pollFirst()[0];
        }
        if (reached >= 0 && !closed) {
            workspace.saveCursor(reached);
        }
    }

    /** Records noted and not written yet (for tests and the benchmark). */
    int waiting() {
        return dirty.size();
    }

    /** Records handed to the writer and slices run so far (for tests and the benchmark). */
    long recordsWritten() {
        return recordsWritten;
    }

    long slices() {
        return slices;
    }
}
