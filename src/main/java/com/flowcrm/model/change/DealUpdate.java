package com.flowcrm.model.change;

import java.util.Objects;

/** A change for one deal, as carried by {@code deal:updated} and {@code deal:stage_changed}. */
public record DealUpdate(String id, DealChanges changes) implements RemoteEvent {
    public DealUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(changes, "changes");
    }
}
