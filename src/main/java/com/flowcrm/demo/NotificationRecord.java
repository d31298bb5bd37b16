package com.flowcrm.demo;

import java.time.Instant;
import java.util.Map;

/** Server-side notification; its fields are exactly the spec's Notification JSON shape. */
final class NotificationRecord {
    String id;
    String userId;
    String type;
    String title;
    String message;
    String priority;
    boolean read;
    String actionUrl;
    Map<String, String> metadata;
    Instant createdAt;
    Instant expiresAt;
}
