package com.flowcrm.model;

import java.time.Instant;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A contact and the health of the relationship with them. Mutated only on the UI thread by the stores;
 * {@link #revisionProperty()} ticks once per applied change.
 */
public final class Contact {
    private final String id;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty email = new SimpleStringProperty(this, "email", "");
    private final StringProperty phone = new SimpleStringProperty(this, "phone", "");
    private final StringProperty company = new SimpleStringProperty(this, "company", "");
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty avatar = new SimpleStringProperty(this, "avatar");
    private final ObjectProperty<RelationshipHealth> relationshipHealth =
            new SimpleObjectProperty<>(this, "relationshipHealth", RelationshipHealth.MEDIUM);
    private final IntegerProperty healthScore = new SimpleIntegerProperty(this, "healthScore", 50);
    private final ObjectProperty<Instant> lastContact = new SimpleObjectProperty<>(this, "lastContact");
    private final ObjectProperty<Instant> nextFollowUp = new SimpleObjectProperty<>(this, "nextFollowUp");
    private final ObjectProperty<Sentiment> sentiment = new SimpleObjectProperty<>(this, "sentiment", Sentiment.NEUTRAL);
    private final IntegerProperty churnRisk = new SimpleIntegerProperty(this, "churnRisk");
    private final IntegerProperty totalDeals = new SimpleIntegerProperty(this, "totalDeals");
    private final DoubleProperty totalValue = new SimpleDoubleProperty(this, "totalValue");
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<CommunicationEvent> communicationHistory = FXCollections.observableArrayList();
    private final ObservableList<AIInsight> aiInsights = FXCollections.observableArrayList();
    private final LongProperty revision = new SimpleLongProperty(this, "revision");
    /** The server's version of the record (issue 13), 0 when the server sends none; no view shows it. */
    private long version;

    public Contact(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    public String getId() {
        return id;
    }

    public StringProperty nameProperty() { return name; }
    public String getName() { return name.get(); }
    public void setName(String v) { name.set(v == null ? "" : v); }

    public StringProperty emailProperty() { return email; }
    public String getEmail() { return email.get(); }
    public void setEmail(String v) { email.set(v == null ? "" : v); }

    public StringProperty phoneProperty() { return phone; }
    public String getPhone() { return phone.get(); }
    public void setPhone(String v) { phone.set(v == null ? "" : v); }

    public StringProperty companyProperty() { return company; }
    public String getCompany() { return company.get(); }
    public void setCompany(String v) { company.set(v == null ? "" : v); }

    public StringProperty titleProperty() { return title; }
    public String getTitle() { return title.get(); }
    public void setTitle(String v) { title.set(v == null ? "" : v); }

    public StringProperty avatarProperty() { return avatar; }
    public String getAvatar() { return avatar.get(); }
    public void setAvatar(String v) { avatar.set(v); }

    public ObjectProperty<RelationshipHealth> relationshipHealthProperty() { return relationshipHealth; }
    public RelationshipHealth getRelationshipHealth() { return relationshipHealth.get(); }
    public void setRelationshipHealth(RelationshipHealth v) { relationshipHealth.set(v); }

    public IntegerProperty healthScoreProperty() { return healthScore; }
    public int getHealthScore() { return healthScore.get(); }
    public void setHealthScore(int v) { healthScore.set(v); }

    public ObjectProperty<Instant> lastContactProperty() { return lastContact; }
    public Instant getLastContact() { return lastContact.get(); }
    public void setLastContact(Instant v) { lastContact.set(v); }

    public ObjectProperty<Instant> nextFollowUpProperty() { return nextFollowUp; }
    public Instant getNextFollowUp() { return nextFollowUp.get(); }
    public void setNextFollowUp(Instant v) { nextFollowUp.set(v); }

    public ObjectProperty<Sentiment> sentimentProperty() { return sentiment; }
    public Sentiment getSentiment() { return sentiment.get(); }
    public void setSentiment(Sentiment v) { sentiment.set(v); }

    public IntegerProperty churnRiskProperty() { return churnRisk; }
    public int getChurnRisk() { return churnRisk.get(); }
    public void setChurnRisk(int v) { churnRisk.set(v); }

    public IntegerProperty totalDealsProperty() { return totalDeals; }
    public int getTotalDeals() { return totalDeals.get(); }
    public void setTotalDeals(int v) { totalDeals.set(v); }

    public DoubleProperty totalValueProperty() { return totalValue; }
    public double getTotalValue() { return totalValue.get(); }
    public void setTotalValue(double v) { totalValue.set(v); }

    public ObservableList<String> getTags() { return tags; }
    public ObservableList<String> getNotes() { return notes; }
    /** Communication history, newest first. */
    public ObservableList<CommunicationEvent> getCommunicationHistory() { return communicationHistory; }
    public ObservableList<AIInsight> getAiInsights() { return aiInsights; }

    /**
     * The server's version of this contact: 1 when created, one more with every change it logs; 0 when unknown (a
     * server without versions). An event whose version is not above it is stale; a write sends it as {@code If-Match}.
     */
    public long getVersion() { return version; }
    public void setVersion(long v) { version = v; }

    /** Ticks once for every change a store applies; views and derived lists watch this one property. */
    public ReadOnlyLongProperty revisionProperty() { return revision; }
    public long getRevision() { return revision.get(); }
    /** Called by the store after it applied a change to this contact. */
    public void markChanged() { revision.set(revision.get() + 1); }

    /** Sets the score and the health the seed derives from it (above 70 high, above 40 medium, else low). */
    public void applyHealthScore(int score) {
        setHealthScore(score);
        setRelationshipHealth(RelationshipHealth.fromScore(score));
    }

    @Override
    public String toString() {
        return "Contact[" + id + ", " + getName() + "]";
    }
}
