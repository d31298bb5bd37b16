package com.flowcrm.model.change;

import java.util.Objects;

/**
 * A deal the server deleted, as carried by {@code deal:deleted}.
 *
 * @param version the deal's version the deletion gave it (0 when the server sends none)
 */
public record DealDeleted(String id, long version) implements RemoteEvent {
    public DealDeleted {
        Objects.requireNonNull(id, "id");
    }
}
