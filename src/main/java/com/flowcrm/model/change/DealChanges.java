package com.flowcrm.model.change;

import com.flowcrm.model.Confidence;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealInsight;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Priority;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * A typed partial change of a deal: only the fields it names are applied. Built by the mapper from a
 * {@code deal:updated} payload, by the details panel for a rep's edit (sent as a PUT body), by stores for optimistic
 * edits, and from a whole deal to merge it into another.
 */
public final class DealChanges extends FieldPatch<DealChanges.Field, Deal, DealChanges> {
    /** Shared by every change: {@code values()} clones the array, once per mapped record. */
    private static final Field[] FIELDS = Field.values();

    /** The fields a change can name. */
    public enum Field {
        TITLE, CONTACT_ID, CONTACT_NAME, COMPANY, VALUE, STAGE, PROBABILITY, CONFIDENCE, EXPECTED_CLOSE_DATE,
        CREATED_DATE, LAST_ACTIVITY, DESCRIPTION, COMPETITOR_MENTIONED, PRIORITY, TAGS, ACTIVITIES, AI_INSIGHTS,
        RISK_FACTORS, POSITIVE_SIGNALS,
        /** The server's version the change brings the deal to; not a visible change (see {@link #version(long)}). */
        VERSION
    }

    public DealChanges() {
        super(Field.class, FIELDS);
    }

    /** A change that names every field of the deal with its current value; applying it copies the deal. */
    public static DealChanges of(Deal d) {
        return new DealChanges().title(d.getTitle()).contactId(d.getContactId()).contactName(d.getContactName())
                .company(d.getCompany()).value(d.getValue()).stage(d.getStage()).probability(d.getProbability())
                .confidence(d.getConfidence()).expectedCloseAsGiven(d.getExpectedCloseAsGiven())
                .createdDate(d.getCreatedDate()).lastActivity(d.getLastActivity()).description(d.getDescription())
                .competitorMentioned(d.getCompetitorMentioned()).priority(d.getPriority()).tags(d.tagList())
                .activities(d.activityList()).aiInsights(d.insightList()).riskFactors(d.riskFactorList())
                .positiveSignals(d.positiveSignalList()).versionIfKnown(d.getVersion());
    }

    @Override
    DealChanges snapshotOf(Deal d) {
        return of(d);
    }

    @Override
    DealChanges empty() {
        return new DealChanges();
    }

    public DealChanges title(String v) { return put(Field.TITLE, v == null ? "" : v); }
    public DealChanges contactId(String v) { return put(Field.CONTACT_ID, v); }
    public DealChanges contactName(String v) { return put(Field.CONTACT_NAME, v == null ? "" : v); }
    public DealChanges company(String v) { return put(Field.COMPANY, v == null ? "" : v); }
    public DealChanges value(double v) { return put(Field.VALUE, v); }
    public DealChanges stage(DealStage v) { return put(Field.STAGE, Objects.requireNonNull(v, "stage")); }
    public DealChanges probability(int v) { return put(Field.PROBABILITY, v); }
    public DealChanges confidence(Confidence v) { return put(Field.CONFIDENCE, Objects.requireNonNull(v, "confidence")); }
    /** A close date the app picked, read in UTC. */
    public DealChanges expectedCloseDate(Instant v) { return put(Field.EXPECTED_CLOSE_DATE, v == null ? null : v.atOffset(ZoneOffset.UTC)); }
    /** A close date as the backend wrote it; the offset keeps its calendar date (see {@link Deal#getExpectedCloseDay()}). */
    public DealChanges expectedCloseAsGiven(OffsetDateTime v) { return put(Field.EXPECTED_CLOSE_DATE, v); }
    public DealChanges createdDate(Instant v) { return put(Field.CREATED_DATE, v); }
    public DealChanges lastActivity(Instant v) { return put(Field.LAST_ACTIVITY, v); }
    public DealChanges description(String v) { return put(Field.DESCRIPTION, v == null ? "" : v); }
    public DealChanges competitorMentioned(String v) { return put(Field.COMPETITOR_MENTIONED, v == null || v.isBlank() ? null : v); }
    public DealChanges priority(Priority v) { return put(Field.PRIORITY, Objects.requireNonNull(v, "priority")); }
    public DealChanges tags(List<String> v) { return put(Field.TAGS, copy(v)); }
    public DealChanges activities(List<DealActivity> v) { return put(Field.ACTIVITIES, copy(v)); }
    public DealChanges aiInsights(List<DealInsight> v) { return put(Field.AI_INSIGHTS, copy(v)); }
    public DealChanges riskFactors(List<String> v) { return put(Field.RISK_FACTORS, copy(v)); }
    public DealChanges positiveSignals(List<String> v) { return put(Field.POSITIVE_SIGNALS, copy(v)); }
    /**
     * The version the server gave the deal with this change. Applying it sets the deal's version but counts as no
     * change (nothing a rep sees moved); a version of 0 (unknown) never replaces a known one.
     */
    public DealChanges version(long v) { return put(Field.VERSION, v); }

    private DealChanges versionIfKnown(long v) { return v > 0 ? version(v) : this; }

    public String title() { return (String) get(Field.TITLE); }
    public Double value() { return (Double) get(Field.VALUE); }
    public DealStage stage() { return (DealStage) get(Field.STAGE); }
    public Integer probability() { return (Integer) get(Field.PROBABILITY); }
    /** The version the change names, or 0 when it names none. */
    public long version() { return has(Field.VERSION) ? (Long) get(Field.VERSION) : 0; }

    @Override
    @SuppressWarnings("unchecked")
    boolean applyField(Deal d, Field f, Object v) {
        return switch (f) {
            case TITLE -> set(d.getTitle(), v, () -> d.setTitle((String) v));
            case CONTACT_ID -> set(d.getContactId(), v, () -> d.setContactId((String) v));
            case CONTACT_NAME -> set(d.getContactName(), v, () -> d.setContactName((String) v));
            case COMPANY -> set(d.getCompany(), v, () -> d.setCompany((String) v));
            case VALUE -> set(d.getValue(), v, () -> d.setValue((Double) v));
            case STAGE -> set(d.getStage(), v, () -> d.setStage((DealStage) v));
            case PROBABILITY -> set(d.getProbability(), v, () -> d.setProbability((Integer) v));
            case CONFIDENCE -> set(d.getConfidence(), v, () -> d.setConfidence((Confidence) v));
            case EXPECTED_CLOSE_DATE -> set(d.getExpectedCloseAsGiven(), v, () -> d.setExpectedCloseAsGiven((OffsetDateTime) v));
            case CREATED_DATE -> set(d.getCreatedDate(), v, () -> d.setCreatedDate((Instant) v));
            case LAST_ACTIVITY -> set(d.getLastActivity(), v, () -> d.setLastActivity((Instant) v));
            case DESCRIPTION -> set(d.getDescription(), v, () -> d.setDescription((String) v));
            case COMPETITOR_MENTIONED -> set(d.getCompetitorMentioned(), v, () -> d.setCompetitorMentioned((String) v));
            case PRIORITY -> set(d.getPriority(), v, () -> d.setPriority((Priority) v));
            case TAGS -> d.replaceTags((List<String>) v);
            case ACTIVITIES -> d.replaceActivities((List<DealActivity>) v);
            case AI_INSIGHTS -> d.replaceAiInsights((List<DealInsight>) v);
            case RISK_FACTORS -> d.replaceRiskFactors((List<String>) v);
            case POSITIVE_SIGNALS -> d.replacePositiveSignals((List<String>) v);
            case VERSION -> {
                Long version = (Long) v;
                if (version != null && version > 0) {
                    d.setVersion(version);
                }
                yield false;
            }
        };
    }
}
