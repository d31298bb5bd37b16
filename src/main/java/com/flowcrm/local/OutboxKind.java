package com.flowcrm.local;

/** Every kind of change a rep makes that goes through the outbox, with the record type it targets. */
public enum OutboxKind {
    /** A deal moved to another stage (drag and drop, keyboard): one field, {@code stage}. */
    STAGE_MOVE(RecordType.DEAL, false),
    /** Deal fields edited in the details panel. */
    DEAL_EDIT(RecordType.DEAL, false),
    /** "Log activity" on a deal: append-only, the activity is the payload. */
    LOG_ACTIVITY(RecordType.DEAL, true),
    /** Contact fields edited. */
    CONTACT_EDIT(RecordType.CONTACT, false),
    /** A communication logged on a contact: append-only, the event is the payload. */
    LOG_COMMUNICATION(RecordType.CONTACT, true),
    /** One notification marked read: one field, {@code read}. */
    MARK_NOTIFICATION_READ(RecordType.NOTIFICATION, false),
    /** Every notification marked read: target {@link OutboxTarget#ALL_NOTIFICATIONS}, no fields. */
    MARK_ALL_READ(RecordType.NOTIFICATION, false);

    private final RecordType targetType;
    private final boolean appendOnly;

    OutboxKind(RecordType targetType, boolean appendOnly) {
        this.targetType = targetType;
        this.appendOnly = appendOnly;
    }

    /** The type of record this kind of change applies to. */
    public RecordType targetType() {
        return targetType;
    }

    /** Append-only changes carry a payload instead of fields and never conflict. */
    public boolean appendOnly() {
        return appendOnly;
    }
}
