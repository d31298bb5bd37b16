package com.flowcrm.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One change of the rep's on its way to the server, as the Pending changes panel and the pending marks show it: what
 * it is, on which record ({@code label} is what a rep reads: the deal's title, the contact's name), when it was made,
 * where it stands, the server's reason when it was refused, and per field what the rep started from, what they chose
 * and, in a conflict, what the server has now. Immutable; a new instance replaces it when it moves on.
 *
 * @param reason        the server's reason for {@link Status#FAILED}, the last network error while it is retried, else null
 * @param nextAttemptAt when a change that could not be sent is tried again, or null
 */
public record PendingChange(UUID id, Instant createdAt, Kind kind, PendingTarget target, String label, Status status,
        String reason, List<PendingField> fields, Instant nextAttemptAt) {

    /** What the rep did. */
    public enum Kind {
        STAGE_MOVE, DEAL_EDIT, LOG_ACTIVITY, CONTACT_EDIT, LOG_COMMUNICATION, MARK_NOTIFICATION_READ, MARK_ALL_READ;

        /** In words: "Stage move", "Deal edit", ... */
        public String label() {
            return switch (this) {
                case STAGE_MOVE -> "Stage move";
                case DEAL_EDIT -> "Deal edit";
                case LOG_ACTIVITY -> "Activity";
                case CONTACT_EDIT -> "Contact edit";
                case LOG_COMMUNICATION -> "Logged communication";
                case MARK_NOTIFICATION_READ -> "Notification read";
                case MARK_ALL_READ -> "All notifications read";
            };
        }
    }

    /** Where the change stands. */
    public enum Status {
        /** Saved on this computer, waiting to be sent (also while the server cannot be reached). */
        WAITING,
        /** Being sent now. */
        SENDING,
        /** The server refused it ({@link #reason()}); it is rolled back on screen until the rep retries or discards it. */
        FAILED,
        /** Some fields changed on the server meanwhile; it waits for "keep mine" or "keep theirs". */
        CONFLICT
    }

    /**
     * One field of a change, each value readable as it is ("Proposal", "125000", "none").
     *
     * @param field  the field's wire name ({@code stage}, {@code value}, {@code expectedCloseDate})
     * @param label  the field in words ("Stage", "Expected close")
     * @param base   what the rep saw when they made the change
     * @param yours  what they chose
     * @param theirs what the server has now, in a conflict; else null
     */
    public record PendingField(String field, String label, String base, String yours, String theirs) {
        public PendingField {
            Objects.requireNonNull(field, "field");
        }

        public boolean inConflict() {
            return theirs != null;
        }
    }

    public PendingChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        label = label == null ? target.id() : label;
        fields = List.copyOf(fields);
    }

    /** True while it still has to reach the server on its own (waiting or sending): counted as "waiting to send". */
    public boolean isWaiting() {
        return status == Status.WAITING || status == Status.SENDING;
    }

    /** True when the rep has to act (retry, discard, keep mine or theirs). */
    public boolean needsAttention() {
        return status == Status.FAILED || status == Status.CONFLICT;
    }
}
