package com.flowcrm.store;

import com.flowcrm.model.Contact;
import com.flowcrm.model.RelationshipHealth;
import java.time.Duration;
import java.time.Instant;

/** The contact list filters; the wire name is the REST {@code filter} query value. */
public enum ContactFilter {
    ALL("all", "All contacts"),
    /** Total deal value of at least 100,000. */
    HIGH_VALUE("high-value", "High value"),
    /** Relationship health low, or churn risk of 60 or more. */
    AT_RISK("at-risk", "At risk"),
    /** Last contact within the past 7 days. */
    RECENT("recent", "Recent");

    public static final double HIGH_VALUE_THRESHOLD = 100_000;
    public static final int AT_RISK_CHURN = 60;
    public static final Duration RECENT_WINDOW = Duration.ofDays(7);
    /** Without contact for this long, a contact needs a follow-up even when none is scheduled. */
    public static final Duration FOLLOW_UP_AFTER = Duration.ofDays(30);

    private final String wireName;
    private final String label;

    ContactFilter(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    public boolean test(Contact c, Instant now) {
        return switch (this) {
            case ALL -> true;
            case HIGH_VALUE -> isHighValue(c);
            case AT_RISK -> isAtRisk(c);
            case RECENT -> isRecent(c, now);
        };
    }

    public static boolean isHighValue(Contact c) {
        return c.getTotalValue() >= HIGH_VALUE_THRESHOLD;
    }

    public static boolean isAtRisk(Contact c) {
        return c.getRelationshipHealth() == RelationshipHealth.LOW || c.getChurnRisk() >= AT_RISK_CHURN;
    }

    public static boolean isRecent(Contact c, Instant now) {
        Instant last = c.getLastContact();
        return last != null && !last.isAfter(now) && last.isAfter(now.minus(RECENT_WINDOW));
    }

    /** A follow-up is due (scheduled at or before now), or there was no contact for 30 days. */
    public static boolean needsFollowUp(Contact c, Instant now) {
        Instant next = c.getNextFollowUp();
        if (next != null) {
            return !next.isAfter(now);
        }
        Instant last = c.getLastContact();
        return last == null || last.isBefore(now.minus(FOLLOW_UP_AFTER));
    }
}
