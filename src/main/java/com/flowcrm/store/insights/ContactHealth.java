package com.flowcrm.store.insights;

import com.flowcrm.model.RelationshipHealth;
import java.time.Instant;
import java.util.List;

/**
 * The relationship health mix of all contacts and the contacts whose follow-up date has come (most overdue first).
 */
public record ContactHealth(int high, int medium, int low, List<FollowUpDue> followUpsDue) {
    public static final ContactHealth EMPTY = new ContactHealth(0, 0, 0, List.of());

    public ContactHealth {
        followUpsDue = List.copyOf(followUpsDue);
    }

    public int total() {
        return high + medium + low;
    }

    public int count(RelationshipHealth health) {
        return switch (health) {
            case HIGH -> high;
            case MEDIUM -> medium;
            case LOW -> low;
        };
    }

    /** A contact whose follow-up is due or past. */
    public record FollowUpDue(String contactId, String name, String company, Instant due, long daysOverdue,
            RelationshipHealth health, int healthScore) {
    }
}
