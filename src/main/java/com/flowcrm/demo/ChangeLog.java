package com.flowcrm.demo;

import com.google.gson.JsonElement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers every change of the demo state with the next seq of one global sequence and hands it, with the rows
 * that make it durable, to the journal. Called only under the state's lock, so seq order is the order of the
 * changes and of the journal's queue.
 *
 * <p>A unit ({@link #beginUnit()} .. {@link #endUnit}) collects the changes of one request so that they, and the
 * stored answer of its Idempotency-Key, are committed in one transaction.
 */
final class ChangeLog {
    private final DemoState.Store store;
    private final DemoJournal journal;
    private final Clock clock;
    private final boolean keepsRecords;
    private long lastSeq;
    private volatile long lastSeqSeen;
    private List<ChangeEntry> unitEntries;
    private List<DbWrite> unitWrites;

    ChangeLog(DemoState.Store store, DemoJournal journal, Clock clock, long lastSeq) {
        this.store = store;
        this.journal = journal;
        this.clock = clock;
        this.keepsRecords = journal.database().durable();
        this.lastSeq = lastSeq;
        this.lastSeqSeen = lastSeq;
    }

    DemoJournal journal() {
        return journal;
    }

    /** Whether record snapshots are written (a data directory); skipped in memory, where nothing reads them. */
    boolean keepsRecords() {
        return keepsRecords;
    }

    /** The seq of the latest change; what a snapshot taken under the same lock reflects. */
    long lastSeq() {
        return lastSeq;
    }

    /** {@link #lastSeq()} for threads that do not hold the state's lock. */
    long lastSeqSeen() {
        return lastSeqSeen;
    }

    /** Logs one change and returns its seq; the writes make the changed records durable with it. */
    long append(String event, JsonElement data, String recipient, boolean broadcast, DbWrite... writes) {
        lastSeq++;
        lastSeqSeen = lastSeq;
        ChangeEntry entry = new ChangeEntry(lastSeq, clock.millis(), event, DemoJson.GSON.toJson(data), recipient,
                broadcast);
        if (unitEntries != null) {
            unitEntries.add(entry);
            unitWrites.addAll(List.of(writes));
        } else {
            journal.submit(new DemoJournal.Batch(List.of(entry), List.of(writes), store.nextId));
        }
        return lastSeq;
    }

    /** A row that is no change of its own (a login's lastLogin, a refresh token), saved with the next commit. */
    long write(DbWrite write) {
        if (unitEntries != null) {
            unitWrites.add(write);
            return -1;
        }
        return journal.submit(new DemoJournal.Batch(List.of(), List.of(write), store.nextId));
    }

    void beginUnit() {
        if (unitEntries != null) {
            throw new IllegalStateException("a unit is already open");
        }
        unitEntries = new ArrayList<>();
        unitWrites = new ArrayList<>();
    }

    /** Closes the unit, adding {@code extra} (the stored answer), and returns the ticket to wait for. */
    long endUnit(List<DbWrite> extra) {
        List<ChangeEntry> entries = unitEntries;
        List<DbWrite> writes = unitWrites;
        unitEntries = null;
        unitWrites = null;
        writes.addAll(extra);
        if (entries.isEmpty() && writes.isEmpty()) {
            return journal.ticket();
        }
        return journal.submit(new DemoJournal.Batch(entries, writes, store.nextId));
    }
}
