package com.flowcrm.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the writer has not committed yet, coalesced so its size is bounded by the number of distinct records, never by
 * the number of events: the latest JSON (or delete) per (type, id), the latest user and sync values, at most one full
 * reload, and the outbox steps in the order they were asked for. Applying it equals applying every call one by one
 * in order. Not thread-safe: the writer guards it with its lock.
 */
final class PendingWrites {
    /** A record's identity inside the pending map. */
    record RecordKey(RecordType type, String id) {
    }

    /** What happens to a record: its latest JSON, or {@code null} for a delete. */
    record RecordWrite(String json) {
        static final RecordWrite DELETE = new RecordWrite(null);

        boolean isDelete() {
            return json == null;
        }
    }

    /** Sync-state changes; each field {@code null} when untouched. {@code cursor} holds an empty box to clear it. */
    record SyncChange(CursorChange cursor, Instant syncedAt, ChangeLogSupport changeLog) {
        static final SyncChange NONE = new SyncChange(null, null, null);

        SyncChange then(SyncChange later) {
            return new SyncChange(later.cursor != null ? later.cursor : cursor,
                    later.syncedAt != null ? later.syncedAt : syncedAt,
                    later.changeLog != null ? later.changeLog : changeLog);
        }

        boolean isEmpty() {
            return cursor == null && syncedAt == null && changeLog == null;
        }
    }

    /** A new cursor value, or {@code null} inside to clear it (the server's log cannot be resumed from). */
    record CursorChange(Long seq) {
    }

    FullReload reload;
    final Map<RecordKey, RecordWrite> records = new LinkedHashMap<>();
    String userJson;
    SyncChange sync = SyncChange.NONE;
    final List<OutboxStep<?>> outbox = new ArrayList<>();
    final List<CompletableFuture<Void>> flushes = new ArrayList<>();
    /** Connection settings run before the next transaction, outside it (tests set limits such as max_page_count). */
    final List<OutboxStep<?>> connectionTasks = new ArrayList<>();

    void put(RecordType type, String id, RecordWrite write) {
        records.put(new RecordKey(type, id), write);
    }

    /** A full reload supersedes every record, user and sync value asked for before it. */
    void replaceAll(FullReload newReload) {
        reload = newReload;
        records.clear();
        if (newReload.userJson() != null) {
            userJson = null;
        }
        sync = new SyncChange(new CursorChange(newReload.cursor().isPresent() ? newReload.cursor().getAsLong() : null),
                newReload.syncedAt(), newReload.changeLog());
    }

    boolean isEmpty() {
        return reload == null && records.isEmpty() && userJson == null && sync.isEmpty() && outbox.isEmpty()
                && flushes.isEmpty() && connectionTasks.isEmpty();
    }

    /** True when a caller waits for this batch (an outbox step or a flush): no back-off then. */
    boolean isAwaited() {
        return !outbox.isEmpty() || !flushes.isEmpty() || !connectionTasks.isEmpty();
    }

    boolean touchesOutbox() {
        return !outbox.isEmpty();
    }

    /** Confirmed-state work (records, user, sync, reload) that a failed transaction hands back for a retry. */
    boolean hasStateWork() {
        return reload != null || !records.isEmpty() || userJson != null || !sync.isEmpty();
    }

    int recordCount() {
        return records.size() + (reload == null ? 0 : reload.records().size());
    }

    /**
     * Appends {@code later} as if its calls came after this one's: used to put the confirmed-state work of a failed
     * transaction back in front of what arrived meanwhile. Outbox steps and flushes of this batch are not kept (their
     * callers were told it failed).
     */
    PendingWrites stateWorkThen(PendingWrites later) {
        PendingWrites merged = new PendingWrites();
        merged.reload = reload;
        merged.records.putAll(records);
        merged.userJson = userJson;
        merged.sync = sync;
        if (later.reload != null) {
            merged.reload = later.reload;
            merged.records.clear();
            if (later.reload.userJson() != null) {
                merged.userJson = null;
            }
            merged.sync = SyncChange.NONE;
        }
        for (Map.Entry<RecordKey, RecordWrite> e : later.records.entrySet()) {
            merged.records.remove(e.getKey());
            merged.records.put(e.getKey(), e.getValue());
        }
        if (later.userJson != null) {
            merged.userJson = later.userJson;
        }
        merged.sync = merged.sync.then(later.sync);
        merged.outbox.addAll(later.outbox);
        merged.flushes.addAll(later.flushes);
        merged.connectionTasks.addAll(later.connectionTasks);
        return merged;
    }
}
