package com.flowcrm.ui.offline;

import com.flowcrm.store.PendingChange;
import com.flowcrm.store.PendingChanges;
import com.flowcrm.store.PendingTarget;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * Which records and fields wear a pending mark, for the board's cards, the contacts' rows and the details panels:
 * worked out again from the session's {@link PendingChanges} whenever they move on, and {@link #revisionProperty()}
 * ticks only when a mark really changed, so a card or a row re-reads its mark once per change of its pending state,
 * never per live update. Marks: {@link MarkState#WAITING} while a change waits or is sent, {@link MarkState#FAILED}
 * when the server refused it, {@link MarkState#CONFLICT} for the fields someone else changed meanwhile. UI thread.
 */
public final class PendingMarks {
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final PendingChanges pending;
    private final InvalidationListener changed = o -> recompute();
    private Map<PendingTarget, MarkState> records = Map.of();
    private Map<PendingTarget, Map<String, MarkState>> fields = Map.of();

    /** No marks ever: a view without a local copy (tests of the live-only views). */
    public static PendingMarks none() {
        return new PendingMarks(null);
    }

    /** Follows the session's pending changes (held weakly: the session outlives the windows). */
    public PendingMarks(PendingChanges pending) {
        this.pending = pending;
        if (pending != null) {
            pending.revisionProperty().addListener(new WeakInvalidationListener(changed));
            recompute();
        }
    }

    /** Ticks when a mark appeared, changed or went; read the marks of what is shown then. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The mark of a record: the most telling of its changes. */
    public MarkState of(PendingTarget target) {
        return records.getOrDefault(target, MarkState.NONE);
    }

    public MarkState deal(String id) {
        return id == null ? MarkState.NONE : of(PendingTarget.deal(id));
    }

    public MarkState contact(String id) {
        return id == null ? MarkState.NONE : of(PendingTarget.contact(id));
    }

    /** The mark of one field of a record (its wire name: {@code stage}, {@code expectedCloseDate}). */
    public MarkState field(PendingTarget target, String field) {
        Map<String, MarkState> ofRecord = fields.get(target);
        return ofRecord == null ? MarkState.NONE : ofRecord.getOrDefault(field, MarkState.NONE);
    }

    private void recompute() {
        Map<PendingTarget, MarkState> nextRecords = new HashMap<>();
        Map<PendingTarget, Map<String, MarkState>> nextFields = new HashMap<>();
        for (PendingChange change : pending.changes()) {
            MarkState mark = markOf(change.status());
            nextRecords.merge(change.target(), mark, MarkState::max);
            for (PendingChange.PendingField field : change.fields()) {
                // a change in conflict keeps only its conflicting fields; the rest were sent
                MarkState fieldMark = change.status() == PendingChange.Status.CONFLICT && !field.inConflict()
                        ? MarkState.WAITING : mark;
                nextFields.computeIfAbsent(change.target(), t -> new HashMap<>())
                        .merge(field.field(), fieldMark, MarkState::max);
            }
        }
        if (!nextRecords.equals(records) || !nextFields.equals(fields)) {
            records = nextRecords;
            fields = nextFields;
            revision.set(revision.get() + 1);
        }
    }

    static MarkState markOf(PendingChange.Status status) {
        return switch (status) {
            case WAITING, SENDING -> MarkState.WAITING;
            case FAILED -> MarkState.FAILED;
            case CONFLICT -> MarkState.CONFLICT;
        };
    }
}
