package com.flowcrm.model;

import java.time.Instant;
import java.util.List;
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
import javafx.collections.ObservableList;

/**
 * A contact and the health of the relationship with them. Mutated only on the UI thread by the stores;
 * {@link #revisionProperty()} ticks once per applied change.
 *
 * <p>Every field is a plain value until someone asks for its property (JavaFX's lazy property pattern), and every
 * list an immutable one until someone asks for the observable list ({@link LazyLists}): 50,000 loaded contacts are
 * watched by a screenful of cells, and fifteen property objects and four observable lists each would be most of the
 * heap. A property or list made later holds the value from then on, so its listeners hear of every later change.
 */
public final class Contact {
    private final String id;
    private String name = "";
    private StringProperty nameProperty;
    private String email = "";
    private StringProperty emailProperty;
    private String phone = "";
    private StringProperty phoneProperty;
    private String company = "";
    private StringProperty companyProperty;
    private String title = "";
    private StringProperty titleProperty;
    private String avatar;
    private StringProperty avatarProperty;
    private RelationshipHealth relationshipHealth = RelationshipHealth.MEDIUM;
    private ObjectProperty<RelationshipHealth> relationshipHealthProperty;
    private int healthScore = 50;
    private IntegerProperty healthScoreProperty;
    private Instant lastContact;
    private ObjectProperty<Instant> lastContactProperty;
    private Instant nextFollowUp;
    private ObjectProperty<Instant> nextFollowUpProperty;
    private Sentiment sentiment = Sentiment.NEUTRAL;
    private ObjectProperty<Sentiment> sentimentProperty;
    private int churnRisk;
    private IntegerProperty churnRiskProperty;
    private int totalDeals;
    private IntegerProperty totalDealsProperty;
    private double totalValue;
    private DoubleProperty totalValueProperty;
    private List<String> tags = List.of();
    private List<String> notes = List.of();
    private List<CommunicationEvent> communicationHistory = List.of();
    private List<AIInsight> aiInsights = List.of();
    private long revision;
    private LongProperty revisionProperty;
    /** The server's version of the record (issue 13), 0 when the server sends none; no view shows it. */
    private long version;

    public Contact(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    public String getId() {
        return id;
    }

    public StringProperty nameProperty() {
        if (nameProperty == null) {
            nameProperty = new SimpleStringProperty(this, "name", name);
        }
        return nameProperty;
    }
    public String getName() { return nameProperty == null ? name : nameProperty.get(); }
    public void setName(String v) {
        String value = v == null ? "" : v;
        if (nameProperty == null) {
            name = value;
        } else {
            nameProperty.set(value);
        }
    }

    public StringProperty emailProperty() {
        if (emailProperty == null) {
            emailProperty = new SimpleStringProperty(this, "email", email);
        }
        return emailProperty;
    }
    public String getEmail() { return emailProperty == null ? email : emailProperty.get(); }
    public void setEmail(String v) {
        String value = v == null ? "" : v;
        if (emailProperty == null) {
            email = value;
        } else {
            emailProperty.set(value);
        }
    }

    public StringProperty phoneProperty() {
        if (phoneProperty == null) {
            phoneProperty = new SimpleStringProperty(this, "phone", phone);
        }
        return phoneProperty;
    }
    public String getPhone() { return phoneProperty == null ? phone : phoneProperty.get(); }
    public void setPhone(String v) {
        String value = v == null ? "" : v;
        if (phoneProperty == null) {
            phone = value;
        } else {
            phoneProperty.set(value);
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
        String value = v == null ? "" : v;
        if (companyProperty == null) {
            company = value;
        } else {
            companyProperty.set(value);
        }
    }

    public StringProperty titleProperty() {
        if (titleProperty == null) {
            titleProperty = new SimpleStringProperty(this, "title", title);
        }
        return titleProperty;
    }
    public String getTitle() { return titleProperty == null ? title : titleProperty.get(); }
    public void setTitle(String v) {
        String value = v == null ? "" : v;
        if (titleProperty == null) {
            title = value;
        } else {
            titleProperty.set(value);
        }
    }

    public StringProperty avatarProperty() {
        if (avatarProperty == null) {
            avatarProperty = new SimpleStringProperty(this, "avatar", avatar);
        }
        return avatarProperty;
    }
    public String getAvatar() { return avatarProperty == null ? avatar : avatarProperty.get(); }
    public void setAvatar(String v) {
        if (avatarProperty == null) {
            avatar = v;
        } else {
            avatarProperty.set(v);
        }
    }

    public ObjectProperty<RelationshipHealth> relationshipHealthProperty() {
        if (relationshipHealthProperty == null) {
            relationshipHealthProperty = new SimpleObjectProperty<>(this, "relationshipHealth", relationshipHealth);
        }
        return relationshipHealthProperty;
    }
    public RelationshipHealth getRelationshipHealth() {
        return relationshipHealthProperty == null ? relationshipHealth : relationshipHealthProperty.get();
    }
    public void setRelationshipHealth(RelationshipHealth v) {
        if (relationshipHealthProperty == null) {
            relationshipHealth = v;
        } else {
            relationshipHealthProperty.set(v);
        }
    }

    public IntegerProperty healthScoreProperty() {
        if (healthScoreProperty == null) {
            healthScoreProperty = new SimpleIntegerProperty(this, "healthScore", healthScore);
        }
        return healthScoreProperty;
    }
    public int getHealthScore() { return healthScoreProperty == null ? healthScore : healthScoreProperty.get(); }
    public void setHealthScore(int v) {
        if (healthScoreProperty == null) {
            healthScore = v;
        } else {
            healthScoreProperty.set(v);
        }
    }

    public ObjectProperty<Instant> lastContactProperty() {
        if (lastContactProperty == null) {
            lastContactProperty = new SimpleObjectProperty<>(this, "lastContact", lastContact);
        }
        return lastContactProperty;
    }
    public Instant getLastContact() { return lastContactProperty == null ? lastContact : lastContactProperty.get(); }
    public void setLastContact(Instant v) {
        if (lastContactProperty == null) {
            lastContact = v;
        } else {
            lastContactProperty.set(v);
        }
    }

    public ObjectProperty<Instant> nextFollowUpProperty() {
        if (nextFollowUpProperty == null) {
            nextFollowUpProperty = new SimpleObjectProperty<>(this, "nextFollowUp", nextFollowUp);
        }
        return nextFollowUpProperty;
    }
    public Instant getNextFollowUp() { return nextFollowUpProperty == null ? nextFollowUp : nextFollowUpProperty.get(); }
    public void setNextFollowUp(Instant v) {
        if (nextFollowUpProperty == null) {
            nextFollowUp = v;
        } else {
            nextFollowUpProperty.set(v);
        }
    }

    public ObjectProperty<Sentiment> sentimentProperty() {
        if (sentimentProperty == null) {
            sentimentProperty = new SimpleObjectProperty<>(this, "sentiment", sentiment);
        }
        return sentimentProperty;
    }
    public Sentiment getSentiment() { return sentimentProperty == null ? sentiment : sentimentProperty.get(); }
    public void setSentiment(Sentiment v) {
        if (sentimentProperty == null) {
            sentiment = v;
        } else {
            sentimentProperty.set(v);
        }
    }

    public IntegerProperty churnRiskProperty() {
        if (churnRiskProperty == null) {
            churnRiskProperty = new SimpleIntegerProperty(this, "churnRisk", churnRisk);
        }
        return churnRiskProperty;
    }
    public int getChurnRisk() { return churnRiskProperty == null ? churnRisk : churnRiskProperty.get(); }
    public void setChurnRisk(int v) {
        if (churnRiskProperty == null) {
            churnRisk = v;
        } else {
            churnRiskProperty.set(v);
        }
    }

    public IntegerProperty totalDealsProperty() {
        if (totalDealsProperty == null) {
            totalDealsProperty = new SimpleIntegerProperty(this, "totalDeals", totalDeals);
        }
        return totalDealsProperty;
    }
    public int getTotalDeals() { return totalDealsProperty == null ? totalDeals : totalDealsProperty.get(); }
    public void setTotalDeals(int v) {
        if (totalDealsProperty == null) {
            totalDeals = v;
        } else {
            totalDealsProperty.set(v);
        }
    }

    public DoubleProperty totalValueProperty() {
        if (totalValueProperty == null) {
            totalValueProperty = new SimpleDoubleProperty(this, "totalValue", totalValue);
        }
        return totalValueProperty;
    }
    public double getTotalValue() { return totalValueProperty == null ? totalValue : totalValueProperty.get(); }
    public void setTotalValue(double v) {
        if (totalValueProperty == null) {
            totalValue = v;
        } else {
            totalValueProperty.set(v);
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

    /** The notes as an observable list (made on the first call; it holds them from then on). */
    public ObservableList<String> getNotes() {
        ObservableList<String> observable = LazyLists.observable(notes);
        notes = observable;
        return observable;
    }
    /** The notes, read-only, without making the observable list. */
    public List<String> noteList() { return LazyLists.readOnly(notes); }
    /** Replaces the notes (no nulls) when they differ; returns whether they did. */
    public boolean replaceNotes(List<String> v) {
        if (!LazyLists.differ(notes, v)) {
            return false;
        }
        notes = LazyLists.replaced(notes, v);
        return true;
    }

    /** Communication history, newest first, as an observable list (made on the first call). */
    public ObservableList<CommunicationEvent> getCommunicationHistory() {
        ObservableList<CommunicationEvent> observable = LazyLists.observable(communicationHistory);
        communicationHistory = observable;
        return observable;
    }
    /** Communication history, newest first, read-only, without making the observable list. */
    public List<CommunicationEvent> communicationList() { return LazyLists.readOnly(communicationHistory); }
    /** Replaces the communication history (no nulls) when it differs; returns whether it did. */
    public boolean replaceCommunicationHistory(List<CommunicationEvent> v) {
        if (!LazyLists.differ(communicationHistory, v)) {
            return false;
        }
        communicationHistory = LazyLists.replaced(communicationHistory, v);
        return true;
    }

    /** The AI insights as an observable list (made on the first call; it holds them from then on). */
    public ObservableList<AIInsight> getAiInsights() {
        ObservableList<AIInsight> observable = LazyLists.observable(aiInsights);
        aiInsights = observable;
        return observable;
    }
    /** The AI insights, read-only, without making the observable list. */
    public List<AIInsight> insightList() { return LazyLists.readOnly(aiInsights); }
    /** Replaces the AI insights (no nulls) when they differ; returns whether they did. */
    public boolean replaceAiInsights(List<AIInsight> v) {
        if (!LazyLists.differ(aiInsights, v)) {
            return false;
        }
        aiInsights = LazyLists.replaced(aiInsights, v);
        return true;
    }

    /**
     * The server's version of this contact: 1 when created, one more with every change it logs; 0 when unknown (a
     * server without versions). An event whose version is not above it is stale; a write sends it as {@code If-Match}.
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
    /** Called by the store after it applied a change to this contact. */
    public void markChanged() {
        if (revisionProperty == null) {
            revision++;
        } else {
            revisionProperty.set(revisionProperty.get() + 1);
        }
    }

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
