package com.flowcrm.local;

import com.flowcrm.local.PendingWrites.CursorChange;
import com.flowcrm.local.PendingWrites.RecordWrite;
import com.flowcrm.local.PendingWrites.SyncChange;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One user's workspace on one server, open: the last confirmed server state and the {@link Outbox}, in one SQLite
 * file. Opened by {@link Workspaces#open}; close it when the user signs out or the app exits.
 *
 * <p>Threading contract:
 * <ul>
 *   <li>Writes of confirmed state ({@link #upsert}, {@link #delete}, {@link #saveUser}, {@link #replaceAll},
 *       {@link #saveCursor}, {@link #clearCursor}, {@link #markSynced}, {@link #saveChangeLogSupport}) may be called
 *       from any thread, the FX thread included: they only record the write under a short lock and return. The
 *       workspace's one writer thread commits everything pending as one transaction, coalesced (latest JSON per id
 *       wins), so memory is bounded by the number of distinct records and a burst costs a few transactions. Calls are
 *       applied in the order they were made: a cursor saved after some records is committed with them or after
 *       them, never before.</li>
 *   <li>{@link #flush()} and every {@link Outbox} step return a future completed by the writer after its commit.</li>
 *   <li>Reads ({@code read...}, {@link #checkIntegrity}, {@link Outbox#list}) block the calling thread: call them on a
 *       background executor, never on the FX thread. They may run concurrently with each other and the writer and
 *       see only committed data.</li>
 * </ul>
 */
public final class Workspace implements AutoCloseable {
    private final WorkspaceId id;
    private final Path file;
    private final WorkspaceWriter writer;
    private final WorkspaceReads reads;
    private final Outbox outbox;
    private final Runnable onClose;

    Workspace(WorkspaceId id, Path file, WorkspaceWriter writer, Clock clock, Runnable onClose) {
        this.id = id;
        this.file = file;
        this.writer = writer;
        this.reads = new WorkspaceReads(file);
        this.outbox = new Outbox(writer, reads, clock);
        this.onClose = onClose;
    }

    public WorkspaceId id() {
        return id;
    }

    /** The database file ({@code -wal} and {@code -shm} sit beside it). */
    public Path file() {
        return file;
    }

    public Outbox outbox() {
        return outbox;
    }

    // ---- confirmed state: writes (non-blocking) ----

    /** Stores the record's latest JSON as the server confirmed it. */
    public void upsert(RecordType type, String id, String json) {
        ConfirmedRecord record = new ConfirmedRecord(type, id, json);
        writer.submit(p -> p.put(record.type(), record.id(), new RecordWrite(record.json())));
    }

    /** Stores several records at once (a page of a catch-up, a batch of live events). */
    public void upsertAll(Collection<ConfirmedRecord> records) {
        List<ConfirmedRecord> copy = List.copyOf(records);
        writer.submit(p -> copy.forEach(r -> p.put(r.type(), r.id(), new RecordWrite(r.json()))));
    }

    /** Removes a record the server deleted. */
    public void delete(RecordType type, String id) {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Deleting a " + type.wireName() + " needs its id");
        }
        writer.submit(p -> p.put(type, id, RecordWrite.DELETE));
    }

    /** Stores the signed-in user as the server described it (never with a token or password in it). */
    public void saveUser(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("The user JSON is empty");
        }
        writer.submit(p -> p.userJson = json);
    }

    /** Replaces every record, the user (when given) and the sync state in one transaction. */
    public void replaceAll(FullReload reload) {
        Objects.requireNonNull(reload, "reload");
        writer.submit(p -> p.replaceAll(reload));
    }

    /** The change-log {@code seq} of the last change saved before this call (issue 13's cursor). */
    public void saveCursor(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("A change cursor is never negative: " + seq);
        }
        writer.submit(p -> p.sync = p.sync.then(new SyncChange(new CursorChange(seq), null, null)));
    }

    /** Forgets the cursor (the server's log cannot be resumed from: a full reload follows). */
    public void clearCursor() {
        writer.submit(p -> p.sync = p.sync.then(new SyncChange(new CursorChange(null), null, null)));
    }

    /** When the server last confirmed the state saved before this call ("showing what you had at 14:32"). */
    public void markSynced(Instant at) {
        Objects.requireNonNull(at, "at");
        writer.submit(p -> p.sync = p.sync.then(new SyncChange(null, at, null)));
    }

    public void saveChangeLogSupport(ChangeLogSupport support) {
        Objects.requireNonNull(support, "support");
        writer.submit(p -> p.sync = p.sync.then(new SyncChange(null, null, support)));
    }

    /** Completes once everything asked for before this call is committed (exceptionally when it could not be). */
    public CompletableFuture<Void> flush() {
        return writer.flush();
    }

    // ---- confirmed state: reads (blocking, never on the FX thread) ----

    /**
     * Streams every confirmed record to {@code sink} (deals, then contacts, then notifications) and returns the user,
     * the sync state and the counts, all from one snapshot: the cursor matches the records.
     */
    public ConfirmedState readConfirmed(RecordSink sink) {
        Objects.requireNonNull(sink, "sink");
        return reads.read("read the local copy", connection -> {
            Optional<String> user = ConfirmedRows.readUser(connection);
            SyncState sync = ConfirmedRows.readSync(connection);
            Map<RecordType, Integer> counts = ConfirmedRows.readRecords(connection, List.of(RecordType.values()), sink);
            return new ConfirmedState(user, sync, counts);
        });
    }

    /**
     * Streams the records of some types only, from one snapshot. A launch may read the deals first (the board) and the
     * contacts after, or both on two threads at once: then take the {@link SyncState} from before the first read
     * ({@link #readSyncState()}): later reads only ever see the same or newer state, and re-applying changes after
     * that cursor is harmless, while a cursor read later could skip changes an earlier read did not see.
     */
    public Map<RecordType, Integer> readRecords(List<RecordType> types, RecordSink sink) {
        return reads.read("read the local copy", connection -> ConfirmedRows.readRecords(connection, types, sink));
    }

    public Optional<String> readRecord(RecordType type, String id) {
        return reads.read("read the local copy", connection -> ConfirmedRows.readRecord(connection, type, id));
    }

    public Optional<String> readUser() {
        return reads.read("read the local copy", ConfirmedRows::readUser);
    }

    public SyncState readSyncState() {
        return reads.read("read the local copy", ConfirmedRows::readSync);
    }

    /**
     * SQLite's {@code quick_check} over the whole file (a few hundred ms at 75 MB: run it in the background after
     * the board is shown). Empty when sound, else SQLite's first finding; a damaged file is then handed to
     * {@link Workspaces#recover}.
     */
    public Optional<String> checkIntegrity() {
        return reads.read("check the local copy", connection -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                return "ok".equals(result) ? Optional.empty() : Optional.of(result);
            }
        });
    }

    // ---- health ----

    /**
     * Told on the writer thread when a write fails (e.g. the disk is full: confirmed data is retried with back-off,
     * outbox steps fail their futures) and when writing works again. Replaces any earlier listener.
     */
    public void onWriteProblem(Consumer<WorkspaceException> failed, Runnable recovered) {
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(recovered, "recovered");
        writer.setListener(new WorkspaceWriter.ProblemListener() {
            @Override
            public void writeFailed(WorkspaceException problem) {
                failed.accept(problem);
            }

            @Override
            public void writeRecovered() {
                recovered.run();
            }
        });
    }

    /** The problem of the last failed write while it lasts; empty once a write commits again. */
    public Optional<WorkspaceException> lastWriteProblem() {
        return Optional.ofNullable(writer.lastProblem());
    }

    WorkspaceWriter writer() {
        return writer;
    }

    public WorkspaceStats stats() {
        return writer.stats();
    }

    /**
     * Commits what is pending (one attempt), stops the writer and closes the file. Blocks up to 30 s: call it on a
     * background thread or at exit. Writes after this throw {@link WorkspaceException} ({@code CLOSED}).
     */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            onClose.run();
        }
    }
}
