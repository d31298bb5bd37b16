package com.flowcrm.store;

import java.util.Objects;

/** The record a pending change is about: a deal, a contact, a notification, or every notification ("mark all read"). */
public record PendingTarget(Type type, String id) {
    /** The kinds of record a rep changes. */
    public enum Type { DEAL, CONTACT, NOTIFICATION }

    /** The target of "mark all read". */
    public static final PendingTarget ALL_NOTIFICATIONS = new PendingTarget(Type.NOTIFICATION, "*");

    public PendingTarget {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A pending change's target needs an id");
        }
    }

    public static PendingTarget deal(String id) {
        return new PendingTarget(Type.DEAL, id);
    }

    public static PendingTarget contact(String id) {
        return new PendingTarget(Type.CONTACT, id);
    }

    public static PendingTarget notification(String id) {
        return new PendingTarget(Type.NOTIFICATION, id);
    }
}
