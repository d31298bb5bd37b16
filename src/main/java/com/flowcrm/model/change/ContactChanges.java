package com.flowcrm.model.change;

import com.flowcrm.model.AIInsight;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import com.flowcrm.model.RelationshipHealth;
import com.flowcrm.model.Sentiment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A typed partial change of a contact: only the fields it names are applied. A change of the health score also
 * sets the relationship health the seed derives from it, unless the change names the health too.
 */
public final class ContactChanges extends FieldPatch<ContactChanges.Field, Contact, ContactChanges> {
    /** Shared by every change: {@code values()} clones the array, once per mapped record. */
    private static final Field[] FIELDS = Field.values();

    /** The fields a change can name. */
    public enum Field {
        NAME, EMAIL, PHONE, COMPANY, TITLE, AVATAR, RELATIONSHIP_HEALTH, HEALTH_SCORE, LAST_CONTACT, NEXT_FOLLOW_UP,
        SENTIMENT, CHURN_RISK, TOTAL_DEALS, TOTAL_VALUE, TAGS, NOTES, COMMUNICATION_HISTORY, AI_INSIGHTS,
        /** The server's version the change brings the contact to; not a visible change (see {@link #version(long)}). */
        VERSION
    }

    public ContactChanges() {
        super(Field.class, FIELDS);
    }

    /** A change that names every field of the contact with its current value; applying it copies the contact. */
    public static ContactChanges of(Contact c) {
        return new ContactChanges().name(c.getName()).email(c.getEmail()).phone(c.getPhone()).company(c.getCompany())
                .title(c.getTitle()).avatar(c.getAvatar()).relationshipHealth(c.getRelationshipHealth())
                .healthScore(c.getHealthScore()).lastContact(c.getLastContact()).nextFollowUp(c.getNextFollowUp())
                .sentiment(c.getSentiment()).churnRisk(c.getChurnRisk()).totalDeals(c.getTotalDeals())
                .totalValue(c.getTotalValue()).tags(c.tagList()).notes(c.noteList())
                .communicationHistory(c.communicationList()).aiInsights(c.insightList())
                .versionIfKnown(c.getVersion());
    }

    @Override
    ContactChanges snapshotOf(Contact c) {
        return of(c);
    }

    @Override
    ContactChanges empty() {
        return new ContactChanges();
    }

    /** Also restores the health when the score changes, since applying the score derives it. */
    @Override
    public ContactChanges inverseOn(Contact c) {
        ContactChanges inverse = super.inverseOn(c);
        if (has(Field.HEALTH_SCORE)) {
            inverse.put(Field.RELATIONSHIP_HEALTH, c.getRelationshipHealth());
        }
        return inverse;
    }

    public ContactChanges name(String v) { return put(Field.NAME, v == null ? "" : v); }
    public ContactChanges email(String v) { return put(Field.EMAIL, v == null ? "" : v); }
    public ContactChanges phone(String v) { return put(Field.PHONE, v == null ? "" : v); }
    public ContactChanges company(String v) { return put(Field.COMPANY, v == null ? "" : v); }
    public ContactChanges title(String v) { return put(Field.TITLE, v == null ? "" : v); }
    public ContactChanges avatar(String v) { return put(Field.AVATAR, v); }
    public ContactChanges relationshipHealth(RelationshipHealth v) {
        return put(Field.RELATIONSHIP_HEALTH, Objects.requireNonNull(v, "relationshipHealth"));
    }
    public ContactChanges healthScore(int v) { return put(Field.HEALTH_SCORE, v); }
    public ContactChanges lastContact(Instant v) { return put(Field.LAST_CONTACT, v); }
    public ContactChanges nextFollowUp(Instant v) { return put(Field.NEXT_FOLLOW_UP, v); }
    public ContactChanges sentiment(Sentiment v) { return put(Field.SENTIMENT, Objects.requireNonNull(v, "sentiment")); }
    public ContactChanges churnRisk(int v) { return put(Field.CHURN_RISK, v); }
    public ContactChanges totalDeals(int v) { return put(Field.TOTAL_DEALS, v); }
    public ContactChanges totalValue(double v) { return put(Field.TOTAL_VALUE, v); }
    public ContactChanges tags(List<String> v) { return put(Field.TAGS, copy(v)); }
    public ContactChanges notes(List<String> v) { return put(Field.NOTES, copy(v)); }
    public ContactChanges communicationHistory(List<CommunicationEvent> v) { return put(Field.COMMUNICATION_HISTORY, copy(v)); }
    public ContactChanges aiInsights(List<AIInsight> v) { return put(Field.AI_INSIGHTS, copy(v)); }
    /**
     * The version the server gave the contact with this change. Applying it sets the contact's version but counts as
     * no change (nothing a rep sees moved); a version of 0 (unknown) never replaces a known one.
     */
    public ContactChanges version(long v) { return put(Field.VERSION, v); }

    private ContactChanges versionIfKnown(long v) { return v > 0 ? version(v) : this; }

    public Integer healthScore() { return (Integer) get(Field.HEALTH_SCORE); }
    public RelationshipHealth relationshipHealth() { return (RelationshipHealth) get(Field.RELATIONSHIP_HEALTH); }
    /** The version the change names, or 0 when it names none. */
    public long version() { return has(Field.VERSION) ? (Long) get(Field.VERSION) : 0; }

    /** Also derives the relationship health from a new health score, unless the change names the health. */
    @Override
    public boolean applyTo(Contact c) {
        boolean changed = super.applyTo(c);
        if (has(Field.HEALTH_SCORE) && !has(Field.RELATIONSHIP_HEALTH)) {
            RelationshipHealth derived = RelationshipHealth.fromScore((Integer) get(Field.HEALTH_SCORE));
            changed |= set(c.getRelationshipHealth(), derived, () -> c.setRelationshipHealth(derived));
        }
        return changed;
    }

    @Override
    @SuppressWarnings("unchecked")
    boolean applyField(Contact c, Field f, Object v) {
        return switch (f) {
            case NAME -> set(c.getName(), v, () -> c.setName((String) v));
            case EMAIL -> set(c.getEmail(), v, () -> c.setEmail((String) v));
            case PHONE -> set(c.getPhone(), v, () -> c.setPhone((String) v));
            case COMPANY -> set(c.getCompany(), v, () -> c.setCompany((String) v));
            case TITLE -> set(c.getTitle(), v, () -> c.setTitle((String) v));
            case AVATAR -> set(c.getAvatar(), v, () -> c.setAvatar((String) v));
            case RELATIONSHIP_HEALTH -> set(c.getRelationshipHealth(), v,
                    () -> c.setRelationshipHealth((RelationshipHealth) v));
            case HEALTH_SCORE -> set(c.getHealthScore(), v, () -> c.setHealthScore((Integer) v));
            case LAST_CONTACT -> set(c.getLastContact(), v, () -> c.setLastContact((Instant) v));
            case NEXT_FOLLOW_UP -> set(c.getNextFollowUp(), v, () -> c.setNextFollowUp((Instant) v));
            case SENTIMENT -> set(c.getSentiment(), v, () -> c.setSentiment((Sentiment) v));
            case CHURN_RISK -> set(c.getChurnRisk(), v, () -> c.setChurnRisk((Integer) v));
            case TOTAL_DEALS -> set(c.getTotalDeals(), v, () -> c.setTotalDeals((Integer) v));
            case TOTAL_VALUE -> set(c.getTotalValue(), v, () -> c.setTotalValue((Double) v));
            case TAGS -> c.replaceTags((List<String>) v);
            case NOTES -> c.replaceNotes((List<String>) v);
            case COMMUNICATION_HISTORY -> c.replaceCommunicationHistory((List<CommunicationEvent>) v);
            case AI_INSIGHTS -> c.replaceAiInsights((List<AIInsight>) v);
            case VERSION -> {
                Long version = (Long) v;
                if (version != null && version > 0) {
                    c.setVersion(version);
                }
                yield false;
            }
        };
    }
}
