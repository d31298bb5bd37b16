package com.flowcrm.store;

import java.util.Objects;

/** A deal or contact a live event just created or changed, so that views can highlight it. */
public record RemoteChange(Kind kind, String id) {
    /** Whether the item is new or changed. */
    public enum Kind { CREATED, UPDATED }

    public RemoteChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
