package com.flowcrm.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A deal in the pipeline. Mutated only on the UI thread by the stores; every field a view shows or an
 * event changes is a property, and {@link #revisionProperty()} ticks once per applied change so that a
 * list cell can watch one property instead of twenty.
 */
public final class Deal {
    private final String id;
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty contactId = new SimpleStringProperty(this, "contactId");
    private final StringProperty contactName = new SimpleStringProperty(this, "contactName", "");
    private final StringProperty company = new SimpleStringProperty(this, "company", "");
    private final DoubleProperty value = new SimpleDoubleProperty(this, "value");
    private final ObjectProperty<DealStage> stage = new SimpleObjectProperty<>(this, "stage", DealStage.PROSPECT);
    private final IntegerProperty probability = new SimpleIntegerProperty(this, "probability");
    private final ObjectProperty<Confidence> confidence = new SimpleObjectProperty<>(this, "confidence", Confidence.MEDIUM);
    private final ObjectProperty<Instant> expectedCloseDate = new SimpleObjectProperty<>(this, "expectedCloseDate");
    /** The offset the backend wrote the close date with; set before the instant, so its listeners see both. */
    private ZoneOffset expectedCloseOffset = ZoneOffset.UTC;
    private final ObjectProperty<Instant> createdDate = new SimpleObjectProperty<>(this, "createdDate");
    private final ObjectProperty<Instant> lastActivity = new SimpleObjectProperty<>(this, "lastActivity");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final StringProperty competitorMentioned = new SimpleStringProperty(this, "competitorMentioned");
    private final ObjectProperty<Priority> priority = new SimpleObjectProperty<>(this, "priority", Priority.MEDIUM);
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<DealActivity> activities = FXCollections.observableArrayList();
    private final ObservableList<DealInsight> aiInsights = FXCollections.observableArrayList();
    private final ObservableList<String> riskFactors = FXCollections.observableArrayList();
    private final ObservableList<String> positiveSignals = FXCollections.observableArrayList();
    private final LongProperty revision = new SimpleLongProperty(this, "revision");
    /** The server's version of the record (issue 13), 0 when the server sends none; no view shows it. */
    private long version;

    public Deal(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    public String getId() {
        return id;
    }

    public StringProperty titleProperty() { return title; }
    public String getTitle() { return title.get(); }
    public void setTitle(String v) { title.set(v == null ? "" : v); }

    public StringProperty contactIdProperty() { return contactId; }
    public String getContactId() { return contactId.get(); }
    public void setContactId(String v) { contactId.set(v); }

    public StringProperty contactNameProperty() { return contactName; }
    public String getContactName() { return contactName.get(); }
    public void setContactName(String v) { contactName.set(v == null ? "" : v); }

    public StringProperty companyProperty() { return company; }
    public String getCompany() { return company.get(); }
    public void setCompany(String v) { company.set(v == null ? "" : v); }

    public DoubleProperty valueProperty() { return value; }
    public double getValue() { return value.get(); }
    public void setValue(double v) { value.set(v); }

    public ObjectProperty<DealStage> stageProperty() { return stage; }
    public DealStage getStage() { return stage.get(); }
    public void setStage(DealStage v) { stage.set(Objects.requireNonNull(v, "stage")); }

    public IntegerProperty probabilityProperty() { return probability; }
    public int getProbability() { return probability.get(); }
    public void setProbability(int v) { probability.set(v); }

    public ObjectProperty<Confidence> confidenceProperty() { return confidence; }
    public Confidence getConfidence() { return confidence.get(); }
    public void setConfidence(Confidence v) { confidence.set(v); }

    /** Read-only: the setters keep the instant and the offset it was given in together. */
    public ReadOnlyObjectProperty<Instant> expectedCloseDateProperty() { return expectedCloseDate; }
    public Instant getExpectedCloseDate() { return expectedCloseDate.get(); }
    /** Sets the close date as an instant, read in UTC (a date the app itself picked). */
    public void setExpectedCloseDate(Instant v) { setExpectedCloseAsGiven(v == null ? null : v.atOffset(ZoneOffset.UTC)); }

    /**
     * Sets the close date as the backend wrote it: the instant and the offset it was written with, so that
     * "2026-12-31T23:00:00-05:00" stays a December date (its instant is already January in UTC).
     */
    public void setExpectedCloseAsGiven(OffsetDateTime v) {
        expectedCloseOffset = v == null ? ZoneOffset.UTC : v.getOffset();
        expectedCloseDate.set(v == null ? null : v.toInstant());
    }

    /** The close date with the offset it was given in, or null; forecasts and the export use it. */
    public OffsetDateTime getExpectedCloseAsGiven() {
        Instant close = expectedCloseDate.get();
        return close == null ? null : close.atOffset(expectedCloseOffset);
    }

    /** The calendar date of the close date as given (no time-zone shift), or null; a deal's forecast month is its month. */
    public LocalDate getExpectedCloseDay() {
        Instant close = expectedCloseDate.get();
        // the local date at the offset given, without building an OffsetDateTime: forecasts read it for every deal
        return close == null ? null
                : LocalDate.ofEpochDay(Math.floorDiv(close.getEpochSecond() + expectedCloseOffset.getTotalSeconds(), 86_400L));
    }

    public ObjectProperty<Instant> createdDateProperty() { return createdDate; }
    public Instant getCreatedDate() { return createdDate.get(); }
    public void setCreatedDate(Instant v) { createdDate.set(v); }

    public ObjectProperty<Instant> lastActivityProperty() { return lastActivity; }
    public Instant getLastActivity() { return lastActivity.get(); }
    public void setLastActivity(Instant v) { lastActivity.set(v); }

    public StringProperty descriptionProperty() { return description; }
    public String getDescription() { return description.get(); }
    public void setDescription(String v) { description.set(v == null ? "" : v); }

    public StringProperty competitorMentionedProperty() { return competitorMentioned; }
    public String getCompetitorMentioned() { return competitorMentioned.get(); }
    public void setCompetitorMentioned(String v) { competitorMentioned.set(v == null || v.isBlank() ? null : v); }

    public ObjectProperty<Priority> priorityProperty() { return priority; }
    public Priority getPriority() { return priority.get(); }
    public void setPriority(Priority v) { priority.set(v); }

    public ObservableList<String> getTags() { return tags; }
    /** Activities, newest first. */
    public ObservableList<DealActivity> getActivities() { return activities; }
    public ObservableList<DealInsight> getAiInsights() { return aiInsights; }
    public ObservableList<String> getRiskFactors() { return riskFactors; }
    public ObservableList<String> getPositiveSignals() { return positiveSignals; }

    /**
     * The server's version of this deal: 1 when created, one more with every change it logs; 0 when unknown (a server
     * without versions). An event whose version is not above it is stale; a write sends it as {@code If-Match}.
     */
    public long getVersion() { return version; }
    public void setVersion(long v) { version = v; }

    /** Ticks once for every change a store applies; views and derived lists watch this one property. */
    public ReadOnlyLongProperty revisionProperty() { return revision; }
    public long getRevision() { return revision.get(); }
    /** Called by the store after it applied a change to this deal. */
    public void markChanged() { revision.set(revision.get() + 1); }

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
