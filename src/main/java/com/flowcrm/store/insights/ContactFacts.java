package com.flowcrm.store.insights;

import com.flowcrm.model.Contact;
import com.flowcrm.model.RelationshipHealth;
import java.time.Instant;

/**
 * What the contacts' insights read of a contact, copied (immutable, for a computation away from the UI thread);
 * {@code health} is never null (a contact without a level counts as medium).
 */
public record ContactFacts(String id, String name, String company, Instant nextFollowUp, RelationshipHealth health,
        int healthScore) {

    /** Read on the thread that owns the contact. */
    public static ContactFacts of(Contact c) {
        RelationshipHealth health = c.getRelationshipHealth() == null ? RelationshipHealth.MEDIUM : c.getRelationshipHealth();
        return new ContactFacts(c.getId(), c.getName(), c.getCompany(), c.getNextFollowUp(), health, c.getHealthScore());
    }
}
