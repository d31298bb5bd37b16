package com.flowcrm.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A notification for the user; only {@code read} changes after it arrives. */
public final class Notification {
    private final String id;
    private final String userId;
    private final NotificationType type;
    private final String title;
    private final String message;
    private final Priority priority;
    private final BooleanProperty read = new SimpleBooleanProperty(this, "read");
    private final String actionUrl;
    private final Map<String, String> metadata;
    private final Instant createdAt;
    private final Instant expiresAt;

    public Notification(String id, String userId, NotificationType type, String title, String message,
            Priority priority, boolean read, String actionUrl, Map<String, String> metadata, Instant createdAt,
            Instant expiresAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.userId = userId;
        this.type = type;
        this.title = title == null ? "" : title;
        this.message = message == null ? "" : message;
        this.priority = priority == null ? Priority.MEDIUM : priority;
        this.read.set(read);
        this.actionUrl = actionUrl;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String getId() { return id; }
    public String getUserId() { return userId; }
    public NotificationType getType() { return type; }
    public String getTitle() { return title; }
    public String getMessage() { return message; }
    public Priority getPriority() { return priority; }
    public BooleanProperty readProperty() { return read; }
    public boolean isRead() { return read.get(); }
    public void setRead(boolean v) { read.set(v); }
    public String getActionUrl() { return actionUrl; }
    /** Extra facts as strings, e.g. {@code dealId} or {@code contactId}. */
    public Map<String, String> getMetadata() { return metadata; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }

    /** The deal this notification is about, when its metadata names one. */
    public String dealId() {
        return metadata.get("dealId");
    }

    /** The contact this notification is about, when its metadata names one. */
    public String contactId() {
        return metadata.get("contactId");
    }

    @Override
    public String toString() {
        return "Notification[" + id + ", " + title + "]";
    }
}
