package com.flowcrm.demo;

import java.time.Instant;

/** Server-side user; the password is transient so it never reaches the wire. */
final class UserRecord {
    String id;
    String email;
    String name;
    String avatar;
    String role;
    Preferences preferences;
    Instant createdAt;
    Instant lastLogin;
    transient String password;

    /** The spec's user preferences. */
    static final class Preferences {
        String theme;
        boolean notifications;
        String timezone;

        Preferences(String theme, boolean notifications, String timezone) {
            this.theme = theme;
            this.notifications = notifications;
            this.timezone = timezone;
        }
    }
}
