package com.flowcrm.local;

import java.util.Objects;

/** The record an outbox entry changes; entries with the same target are sent in the order they were made. */
public record OutboxTarget(RecordType type, String id) {
    /** The target of "mark all read". */
    public static final OutboxTarget ALL_NOTIFICATIONS = new OutboxTarget(RecordType.NOTIFICATION, "*");

    public OutboxTarget {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("An outbox target needs the " + type.wireName() + "'s id");
        }
    }

    public static OutboxTarget deal(String id) {
        return new OutboxTarget(RecordType.DEAL, id);
    }

    public static OutboxTarget contact(String id) {
        return new OutboxTarget(RecordType.CONTACT, id);
    }

    public static OutboxTarget notification(String id) {
        return new OutboxTarget(RecordType.NOTIFICATION, id);
    }

    @Override
    public String toString() {
        return type.wireName() + " " + id;
    }
}
