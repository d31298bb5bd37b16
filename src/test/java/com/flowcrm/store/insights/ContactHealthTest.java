package com.flowcrm.store.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contacts part of the insights: the health mix and the follow-ups that are due. */
class ContactHealthTest {
    private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

    private static Contact contact(String id, int score, Instant followUp) {
        Contact c = new Contact(id);
        c.setName("Contact " + id);
        c.applyHealthScore(score);
        c.setNextFollowUp(followUp);
        return c;
    }

    @Test
    void mixCountsEveryContactAndFollowUpsDueAreMostOverdueFirst() {
        List<Contact> contacts = List.of(
                contact("h", 90, null),
                contact("m", 55, NOW.plus(Duration.ofDays(2))),
                contact("l1", 20, NOW.minus(Duration.ofDays(3))),
                contact("l2", 40, NOW.minus(Duration.ofDays(10))),
                contact("now", 71, NOW));
        ContactHealth health = InsightsCalculator.contactHealth(contacts, NOW);
        assertThat(health.high()).isEqualTo(2);
        assertThat(health.medium()).isEqualTo(1);
        assertThat(health.low()).isEqualTo(2);
        assertThat(health.total()).isEqualTo(5);
        assertThat(health.followUpsDue()).extracting(ContactHealth.FollowUpDue::contactId).containsExactly("l2", "l1", "now");
        assertThat(health.followUpsDue().get(0).daysOverdue()).isEqualTo(10);
    }
}
