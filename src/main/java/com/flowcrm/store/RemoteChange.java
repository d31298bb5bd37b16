package com.flowcrm.store;

import java.util.Objects;

/** A deal or contact a live event (or a reload) just created, changed or removed, so that views can show it. */
public record RemoteChange(Kind kind, String id) {
    /** Whether the item is new, changed, or gone (deleted on the server: it is no longer in the store). */
    public enum Kind { CREATED, UPDATED, DELETED }

    public RemoteChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
