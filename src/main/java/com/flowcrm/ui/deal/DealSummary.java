package com.flowcrm.ui.deal;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealInsight;
import com.flowcrm.ui.kit.DisplayFormats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the details panel shows of the open deal, ready to read: the header's texts, the key figures, the facts,
 * the description, tags, risks, signals, insights and the activities newest first. {@link #show} recomputes them
 * and a property or list changes only when its text does, so a live change of a deal rewrites the few labels it
 * touched and the panel builds nothing again. UI thread.
 */
public final class DealSummary {
    /** One row of the facts: a caption and its value, always the same property. */
    public record Fact(String key, ReadOnlyStringProperty value) {
    }

    private final Clock clock;
    private final ReadOnlyStringWrapper title = text("title");
    private final ReadOnlyStringWrapper subtitle = text("subtitle");
    private final ReadOnlyStringWrapper stage = text("stage");
    private final ReadOnlyStringWrapper stageStyle = text("stageStyle");
    private final ReadOnlyStringWrapper contactId = text("contactId");
    private final ReadOnlyBooleanWrapper hasContact = new ReadOnlyBooleanWrapper(this, "hasContact");
    private final ReadOnlyStringWrapper value = text("value");
    private final ReadOnlyStringWrapper probability = text("probability");
    private final ReadOnlyStringWrapper weighted = text("weighted");
    private final ReadOnlyStringWrapper description = text("description");
    private final ReadOnlyStringWrapper contactFact = text("contactFact");
    private final ReadOnlyStringWrapper companyFact = text("companyFact");
    private final ReadOnlyStringWrapper confidenceFact = text("confidenceFact");
    private final ReadOnlyStringWrapper priorityFact = text("priorityFact");
    private final ReadOnlyStringWrapper expectedCloseFact = text("expectedCloseFact");
    private final ReadOnlyStringWrapper createdFact = text("createdFact");
    private final ReadOnlyStringWrapper lastActivityFact = text("lastActivityFact");
    private final ReadOnlyStringWrapper competitorFact = text("competitorFact");
    private final List<Fact> facts = List.of(
            new Fact("Contact", contactFact.getReadOnlyProperty()),
            new Fact("Company", companyFact.getReadOnlyProperty()),
            new Fact("Stage", stage.getReadOnlyProperty()),
            new Fact("Confidence", confidenceFact.getReadOnlyProperty()),
            new Fact("Priority", priorityFact.getReadOnlyProperty()),
            new Fact("Expected close", expectedCloseFact.getReadOnlyProperty()),
            new Fact("Created", createdFact.getReadOnlyProperty()),
            new Fact("Last activity", lastActivityFact.getReadOnlyProperty()),
            new Fact("Competitor", competitorFact.getReadOnlyProperty()));
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<String> risks = FXCollections.observableArrayList();
    private final ObservableList<String> signals = FXCollections.observableArrayList();
    private final ObservableList<DealInsight> insights = FXCollections.observableArrayList();
    private final ObservableList<DealActivity> activities = FXCollections.observableArrayList();
    // made once: a read-only view holds its listeners, and one made per call could be collected with them
    private final ObservableList<String> tagsShown = FXCollections.unmodifiableObservableList(tags);
    private final ObservableList<String> risksShown = FXCollections.unmodifiableObservableList(risks);
    private final ObservableList<String> signalsShown = FXCollections.unmodifiableObservableList(signals);
    private final ObservableList<DealInsight> insightsShown = FXCollections.unmodifiableObservableList(insights);
    private final ObservableList<DealActivity> activitiesShown = FXCollections.unmodifiableObservableList(activities);

    public DealSummary(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private ReadOnlyStringWrapper text(String name) {
        return new ReadOnlyStringWrapper(this, name, "");
    }

    /** Takes the deal's current values; what did not change keeps its property untouched. */
    public void show(Deal deal) {
        title.set(deal.getTitle());
        subtitle.set(deal.getCompany() + (deal.getContactName().isBlank() ? "" : " \u00b7 " + deal.getContactName()));
        contactId.set(deal.getContactId() == null ? "" : deal.getContactId());
        hasContact.set(deal.getContactId() != null);
        stage.set(deal.getStage().label());
        stageStyle.set("stage-" + deal.getStage().wireName());
        value.set(DisplayFormats.money(deal.getValue()));
        probability.set(deal.getProbability() + "%");
        weighted.set(DisplayFormats.money(deal.getWeightedValue()));

        contactFact.set(orDash(deal.getContactName()));
        companyFact.set(orDash(deal.getCompany()));
        confidenceFact.set(orDash(DisplayFormats.label(deal.getConfidence())));
        priorityFact.set(orDash(DisplayFormats.label(deal.getPriority())));
        expectedCloseFact.set(orDash(DisplayFormats.date(deal.getExpectedCloseDate(), deal.getExpectedCloseOffset())
                + (deal.isOverdue(clock.instant()) ? "  (overdue)" : "")));
        createdFact.set(orDash(DisplayFormats.date(deal.getCreatedDate(), clock.getZone())));
        lastActivityFact.set(orDash(DisplayFormats.relative(deal.getLastActivity(), clock)));
        competitorFact.set(deal.getCompetitorMentioned() == null ? "None named" : deal.getCompetitorMentioned());

        description.set(deal.getDescription().isBlank() ? "No description." : deal.getDescription());
        replace(tags, deal.getTags());
        replace(risks, deal.getRiskFactors());
        replace(signals, deal.getPositiveSignals());
        replace(insights, deal.getAiInsights());
        List<DealActivity> newestFirst = new ArrayList<>(deal.getActivities());
        newestFirst.sort(Comparator.comparing(DealActivity::date).reversed());
        replace(activities, newestFirst);
    }

    private static <T> void replace(ObservableList<T> shown, List<T> now) {
        if (!shown.equals(now)) {
            shown.setAll(now);
        }
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "\u2014" : text;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** "Company · Contact name". */
    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    /** The stage's label, e.g. "Closed won". */
    public ReadOnlyStringProperty stageProperty() {
        return stage.getReadOnlyProperty();
    }

    /** The stage's style class, e.g. {@code stage-closed-won}, so the badge takes the stage's colour. */
    public ReadOnlyStringProperty stageStyleProperty() {
        return stageStyle.getReadOnlyProperty();
    }

    /** The id of the deal's contact, empty when it has none. */
    public ReadOnlyStringProperty contactIdProperty() {
        return contactId.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasContactProperty() {
        return hasContact.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty probabilityProperty() {
        return probability.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty weightedProperty() {
        return weighted.getReadOnlyProperty();
    }

    /** The facts in the order the panel lists them; the same rows for every deal. */
    public List<Fact> facts() {
        return facts;
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public ObservableList<String> tags() {
        return tagsShown;
    }

    public ObservableList<String> risks() {
        return risksShown;
    }

    public ObservableList<String> signals() {
        return signalsShown;
    }

    public ObservableList<DealInsight> insights() {
        return insightsShown;
    }

    /** The deal's activities, newest first. */
    public ObservableList<DealActivity> activities() {
        return activitiesShown;
    }
}
