package com.flowcrm.model.change;

import com.flowcrm.model.Notification;
import java.util.Objects;

/** A new notification for the user, as carried by {@code notification:new}. */
public record NotificationAdded(Notification notification) implements RemoteEvent {
    public NotificationAdded {
        Objects.requireNonNull(notification, "notification");
    }
}
