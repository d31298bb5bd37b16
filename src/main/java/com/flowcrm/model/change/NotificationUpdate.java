package com.flowcrm.model.change;

import java.util.Objects;

/** A notification marked read or unread (here or in another window), as carried by {@code notification:updated}. */
public record NotificationUpdate(String id, boolean read) implements RemoteEvent {
    public NotificationUpdate {
        Objects.requireNonNull(id, "id");
    }
}
