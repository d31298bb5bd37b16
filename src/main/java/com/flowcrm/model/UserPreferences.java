package com.flowcrm.model;

/** A user's preferences: theme, whether notifications pop up, and time zone (an IANA id). */
public record UserPreferences(Theme theme, boolean notifications, String timezone) {
    public static final UserPreferences DEFAULT = new UserPreferences(Theme.LIGHT, true, "UTC");

    public UserPreferences {
        theme = theme == null ? Theme.LIGHT : theme;
        timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone;
    }
}
