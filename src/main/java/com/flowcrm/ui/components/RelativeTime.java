package com.flowcrm.ui.components;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** "just now", "5 min ago", "3 h ago", "yesterday", "Mar 4": how long ago something happened, for lists. */
public final class RelativeTime {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private RelativeTime() {
    }

    public static String since(Instant then, Instant now, ZoneId zone) {
        if (then == null) {
            return "";
        }
        Duration age = Duration.between(then, now);
        if (age.isNegative() || age.toSeconds() < 60) {
            return "just now";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + " min ago";
        }
        if (age.toHours() < 24) {
            return age.toHours() + " h ago";
        }
        if (age.toHours() < 48) {
            return "yesterday";
        }
        boolean sameYear = then.atZone(zone).getYear() == now.atZone(zone).getYear();
        return (sameYear ? DAY : DAY_YEAR).format(then.atZone(zone));
    }
}
