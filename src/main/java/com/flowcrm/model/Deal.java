package com.flowcrm.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * A deal in the pipeline. Mutated only on the UI thread by the stores; every field a view shows or an
 * event changes is a property, and {@link #revisionProperty()} ticks once per applied change so that a
 * list cell can watch one property instead of twenty.
 *
 * <p>Every field is a plain value until someone asks for its property (JavaFX's lazy property pattern), and every
 * list an immutable one until someone asks for the observable list ({@link LazyLists}): 10,000 loaded deals are
 * watched by the cards on screen. A property or list made later holds the value from then on, so its listeners
 * hear of every later change.
 */
public final class Deal {
    private final String id;
    private String title = "";
    private StringProperty titleProperty;
    private String contactId;
    private StringProperty contactIdProperty;
    private String contactName = "";
    private StringProperty contactNameProperty;
    private String company = "";
    private StringProperty companyProperty;
    private double value;
    private DoubleProperty valueProperty;
    private DealStage stage = DealStage.PROSPECT;
    private ObjectProperty<DealStage> stageProperty;
    private int probability;
    private IntegerProperty probabilityProperty;
    private Confidence confidence = Confidence.MEDIUM;
    private ObjectProperty<Confidence> confidenceProperty;
    private Instant expectedCloseDate;
    private ObjectProperty<Instant> expectedCloseDateProperty;
    /** The offset the backend wrote the close date with; set before the instant, so its listeners see both. */
    private ZoneOffset expectedCloseOffset = ZoneOffset.UTC;
    private Instant createdDate;
    private ObjectProperty<Instant> createdDateProperty;
    private Instant lastActivity;
    private ObjectProperty<Instant> lastActivityProperty;
    private String description = "";
    private StringProperty descriptionProperty;
    private String competitorMentioned;
    private StringProperty competitorMentionedProperty;
    private Priority priority = Priority.MEDIUM;
    private ObjectProperty<Priority> priorityProperty;
    private List<String> tags = List.of();
    private List<DealActivity> activities = List.of();
    private List<DealInsight> aiInsights = List.of();
    private List<String> riskFactors = List.of();
    private List<String> positiveSignals = List.of();
    private long revision;
    private LongProperty revisionProperty;
    /** The server's version of the record (issue 13), 0 when the server sends none; no view shows it. */
    private long version;

    public Deal(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    public String getId() {
        return id;
    }

    public StringProperty titleProperty() {
        if (titleProperty == null) {
            titleProperty = new SimpleStringProperty(this, "title", title);
        }
        return titleProperty;
    }
    public String getTitle() { return titleProperty == null ? title : titleProperty.get(); }
    public void setTitle(String v) {
        String text = v == null ? "" : v;
        if (titleProperty == null) {
            title = text;
        } else {
            titleProperty.set(text);
        }
    }

    public StringProperty contactIdProperty() {
        if (contactIdProperty == null) {
            contactIdProperty = new SimpleStringProperty(this, "contactId", contactId);
        }
        return contactIdProperty;
    }
    public String getContactId() { return contactIdProperty == null ? contactId : contactIdProperty.get(); }
    public void setContactId(String v) {
        if (contactIdProperty == null) {
            contactId = v;
        } else {
            contactIdProperty.set(v);
        }
    }

    public StringProperty contactNameProperty() {
        if (contactNameProperty == null) {
            contactNameProperty = new SimpleStringProperty(this, "contactName", contactName);
        }
        return contactNameProperty;
    }
    public String getContactName() { return contactNameProperty == null ? contactName : contactNameProperty.get(); }
    public void setContactName(String v) {
        String text = v == null ? "" : v;
        if (contactNameProperty == null) {
            contactName = text;
        } else {
            contactNameProperty.set(text);
        }
    }

    public StringProperty companyProperty() {
        if (companyProperty == null) {
            companyProperty = new SimpleStringProperty(this, "company", company);
        }
        return companyProperty;
    }
    public String getCompany() { return companyProperty == null ? company : companyProperty.get(); }
    public void setCompany(String v) {
        String text = v == null ? "" : v;
        if (companyProperty == null) {
            company = text;
        } else {
            companyProperty.set(text);
        }
    }

    public DoubleProperty valueProperty() {
        if (valueProperty == null) {
            valueProperty = new SimpleDoubleProperty(this, "value", value);
        }
        return valueProperty;
    }
    public double getValue() { return valueProperty == null ? value : valueProperty.get(); }
    public void setValue(double v) {
        if (valueProperty == null) {
            value = v;
        } else {
            valueProperty.set(v);
        }
    }

    public ObjectProperty<DealStage> stageProperty() {
        if (stageProperty == null) {
            stageProperty = new SimpleObjectProperty<>(this, "stage", stage);
        }
        return stageProperty;
    }
    public DealStage getStage() { return stageProperty == null ? stage : stageProperty.get(); }
    public void setStage(DealStage v) {
        Objects.requireNonNull(v, "stage");
        if (stageProperty == null) {
            stage = v;
        } else {
            stageProperty.set(v);
        }
    }

    public IntegerProperty probabilityProperty() {
        if (probabilityProperty == null) {
            probabilityProperty = new SimpleIntegerProperty(this, "probability", probability);
        }
        return probabilityProperty;
    }
    public int getProbability() { return probabilityProperty == null ? probability : probabilityProperty.get(); }
    public void setProbability(int v) {
        if (probabilityProperty == null) {
            probability = v;
        } else {
            probabilityProperty.set(v);
        }
    }

    public ObjectProperty<Confidence> confidenceProperty() {
        if (confidenceProperty == null) {
            confidenceProperty = new SimpleObjectProperty<>(this, "confidence", confidence);
        }
        return confidenceProperty;
    }
    public Confidence getConfidence() { return confidenceProperty == null ? confidence : confidenceProperty.get(); }
    public void setConfidence(Confidence v) {
        if (confidenceProperty == null) {
            confidence = v;
        } else {
            confidenceProperty.set(v);
        }
    }

    /** Read-only: the setters keep the instant and the offset it was given in together. */
    public ReadOnlyObjectProperty<Instant> expectedCloseDateProperty() {
        if (expectedCloseDateProperty == null) {
            expectedCloseDateProperty = new SimpleObjectProperty<>(this, "expectedCloseDate", expectedCloseDate);
        }
        return expectedCloseDateProperty;
    }
    public Instant getExpectedCloseDate() {
        return expectedCloseDateProperty == null ? expectedCloseDate : expectedCloseDateProperty.get();
    }
    /** Sets the close date as an instant, read in UTC (a date the app itself picked). */
    public void setExpectedCloseDate(Instant v) { setExpectedCloseAsGiven(v == null ? null : v.atOffset(ZoneOffset.UTC)); }

    /**
     * Sets the close date as the backend wrote it: the instant and the offset it was written with, so that
     * "2026-12-31T23:00:00-05:00" stays a December date (its instant is already January in UTC).
     */
    public void setExpectedCloseAsGiven(OffsetDateTime v) {
        expectedCloseOffset = v == null ? ZoneOffset.UTC : v.getOffset();
        Instant close = v == null ? null : v.toInstant();
        if (expectedCloseDateProperty == null) {
            expectedCloseDate = close;
        } else {
            expectedCloseDateProperty.set(close);
        }
    }

    /** The close date with the offset it was given in, or null; forecasts and the export use it. */
    public OffsetDateTime getExpectedCloseAsGiven() {
        Instant close = getExpectedCloseDate();
        return close == null ? null : close.atOffset(expectedCloseOffset);
    }

    /** The calendar date of the close date as given (no time-zone shift), or null; a deal's forecast month is its month. */
    public LocalDate getExpectedCloseDay() {
        Instant close = getExpectedCloseDate();
        // the local date at the offset given, without building an OffsetDateTime: forecasts read it for every deal
        return close == null ? null
                : LocalDate.ofEpochDay(Math.floorDiv(close.getEpochSecond() + expectedCloseOffset.getTotalSeconds(), 86_400L));
    }

    public ObjectProperty<Instant> createdDateProperty() {
        if (createdDateProperty == null) {
            createdDateProperty = new SimpleObjectProperty<>(this, "createdDate", createdDate);
        }
        return createdDateProperty;
    }
    public Instant getCreatedDate() { return createdDateProperty == null ? createdDate : createdDateProperty.get(); }
    public void setCreatedDate(Instant v) {
        if (createdDateProperty == null) {
            createdDate = v;
        } else {
            createdDateProperty.set(v);
        }
    }

    public ObjectProperty<Instant> lastActivityProperty() {
        if (lastActivityProperty == null) {
            lastActivityProperty = new SimpleObjectProperty<>(this, "lastActivity", lastActivity);
        }
        return lastActivityProperty;
    }
    public Instant getLastActivity() { return lastActivityProperty == null ? lastActivity : lastActivityProperty.get(); }
    public void setLastActivity(Instant v) {
        if (lastActivityProperty == null) {
            lastActivity = v;
        } else {
            lastActivityProperty.set(v);
        }
    }

    public StringProperty descriptionProperty() {
        if (descriptionProperty == null) {
            descriptionProperty = new SimpleStringProperty(this, "description", description);
        }
        return descriptionProperty;
    }
    public String getDescription() { return descriptionProperty == null ? description : descriptionProperty.get(); }
    public void setDescription(String v) {
        String text = v == null ? "" : v;
        if (descriptionProperty == null) {
            description = text;
        } else {
            descriptionProperty.set(text);
        }
    }

    public StringProperty competitorMentionedProperty() {
        if (competitorMentionedProperty == null) {
            competitorMentionedProperty = new SimpleStringProperty(this, "competitorMentioned", competitorMentioned);
        }
        return competitorMentionedProperty;
    }
    public String getCompetitorMentioned() {
        return competitorMentionedProperty == null ? competitorMentioned : competitorMentionedProperty.get();
    }
    public void setCompetitorMentioned(String v) {
        String name = v == null || v.isBlank() ? null : v;
        if (competitorMentionedProperty == null) {
            competitorMentioned = name;
        } else {
            competitorMentionedProperty.set(name);
        }
    }

    public ObjectProperty<Priority> priorityProperty() {
        if (priorityProperty == null) {
            priorityProperty = new SimpleObjectProperty<>(this, "priority", priority);
        }
        return priorityProperty;
    }
    public Priority getPriority() { return priorityProperty == null ? priority : priorityProperty.get(); }
    public void setPriority(Priority v) {
        if (priorityProperty == null) {
            priority = v;
        } else {
            priorityProperty.set(v);
        }
    }

    /** The tags as an observable list (made on the first call; it holds them from then on). */
    public ObservableList<String> getTags() {
        ObservableList<String> observable = LazyLists.observable(tags);
        tags = observable;
        return observable;
    }
    /** The tags, read-only, without making the observable list. */
    public List<String> tagList() { return LazyLists.readOnly(tags); }
    /** Replaces the tags (no nulls) when they differ; returns whether they did. */
    public boolean replaceTags(List<String> v) {
        if (!LazyLists.differ(tags, v)) {
            return false;
        }
        tags = LazyLists.replaced(tags, v);
        return true;
    }

    /** Activities, newest first, as an observable list (made on the first call; it holds them from then on). */
    public ObservableList<DealActivity> getActivities() {
        ObservableList<DealActivity> observable = LazyLists.observable(activities);
        activities = observable;
        return observable;
    }
    /** Activities, newest first, read-only, without making the observable list. */
    public List<DealActivity> activityList() { return LazyLists.readOnly(activities); }
    /** Replaces the activities (no nulls) when they differ; returns whether they did. */
    public boolean replaceActivities(List<DealActivity> v) {
        if (!LazyLists.differ(activities, v)) {
            return false;
        }
        activities = LazyLists.replaced(activities, v);
        return true;
    }

    /** The AI insights as an observable list (made on the first call; it holds them from then on). */
    public ObservableList<DealInsight> getAiInsights() {
        ObservableList<DealInsight> observable = LazyLists.observable(aiInsights);
        aiInsights = observable;
        return observable;
    }
    /** The AI insights, read-only, without making the observable list. */
    public List<DealInsight> insightList() { return LazyLists.readOnly(aiInsights); }
    /** Replaces the AI insights (no nulls) when they differ; returns whether they did. */
    public boolean replaceAiInsights(List<DealInsight> v) {
        if (!LazyLists.differ(aiInsights, v)) {
            return false;
        }
        aiInsights = LazyLists.replaced(aiInsights, v);
        return true;
    }

    /** The risk factors as an observable list (made on the first call; it holds them from then on). */
    public ObservableList<String> getRiskFactors() {
        ObservableList<String> observable = LazyLists.observable(riskFactors);
        riskFactors = observable;
        return observable;
    }
    /** The risk factors, read-only, without making the observable list. */
    public List<String> riskFactorList() { return LazyLists.readOnly(riskFactors); }
    /** Replaces the risk factors (no nulls) when they differ; returns whether they did. */
    public boolean replaceRiskFactors(List<String> v) {
        if (!LazyLists.differ(riskFactors, v)) {
            return false;
        }
        riskFactors = LazyLists.replaced(riskFactors, v);
        return true;
    }

    /** The positive signals as an observable list (made on the first call; it holds them from then on). */
    public ObservableList<String> getPositiveSignals() {
        ObservableList<String> observable = LazyLists.observable(positiveSignals);
        positiveSignals = observable;
        return observable;
    }
    /** The positive signals, read-only, without making the observable list. */
    public List<String> positiveSignalList() { return LazyLists.readOnly(positiveSignals); }
    /** Replaces the positive signals (no nulls) when they differ; returns whether they did. */
    public boolean replacePositiveSignals(List<String> v) {
        if (!LazyLists.differ(positiveSignals, v)) {
            return false;
        }
        positiveSignals = LazyLists.replaced(positiveSignals, v);
        return true;
    }

    /**
     * The server's version of this deal: 1 when created, one more with every change it logs; 0 when unknown (a server
     * without versions). An event whose version is not above it is stale; a write sends it as {@code If-Match}.
     */
    public long getVersion() { return version; }
    public void setVersion(long v) { version = v; }

    /** Ticks once for every change a store applies; views and derived lists watch this one property. */
    public ReadOnlyLongProperty revisionProperty() {
        if (revisionProperty == null) {
            revisionProperty = new SimpleLongProperty(this, "revision", revision);
        }
        return revisionProperty;
    }
    public long getRevision() { return revisionProperty == null ? revision : revisionProperty.get(); }
    /** Called by the store after it applied a change to this deal. */
    public void markChanged() {
        if (revisionProperty == null) {
            revision++;
        } else {
            revisionProperty.set(revisionProperty.get() + 1);
        }
    }

    /** value x probability, the deal's contribution to the weighted forecast. */
    public double getWeightedValue() {
        return getValue() * getProbability() / 100.0;
    }

    /** Hot: more likely than not to close, probability above 70. */
    public boolean isHot() {
        return getProbability() > 70;
    }

    /** At risk: risk factors are known or a competitor was named. */
    public boolean isAtRisk() {
        return !riskFactors.isEmpty() || getCompetitorMentioned() != null;
    }

    /** Still open and expected to close between now and now + window. */
    public boolean isClosingWithin(Instant now, Duration window) {
        Instant close = getExpectedCloseDate();
        return close != null && !getStage().isClosed() && !close.isBefore(now) && !close.isAfter(now.plus(window));
    }

    /** Open and expected to close before now. */
    public boolean isOverdue(Instant now) {
        Instant close = getExpectedCloseDate();
        return close != null && !getStage().isClosed() && close.isBefore(now);
    }

    @Override
    public String toString() {
        return "Deal[" + id + ", " + getTitle() + ", " + getStage() + "]";
    }
}
