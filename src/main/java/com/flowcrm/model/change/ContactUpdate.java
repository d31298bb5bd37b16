package com.flowcrm.model.change;

import java.util.Objects;

/** A change for one contact, as carried by {@code contact:updated} and {@code contact:health_changed}. */
public record ContactUpdate(String id, ContactChanges changes) implements RemoteEvent {
    public ContactUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(changes, "changes");
    }
}
