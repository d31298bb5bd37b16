package com.flowcrm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deal and Contact keep plain values until a property or an observable list is asked for: whatever was set before
 * is in the property when it comes, and a listener added then hears of every change after, through the setters,
 * the property or the store's list replacements.
 */
class LazyModelTest {
    /** One property of a model: how it is set and read, and two distinct values for it. */
    record Field<T>(String name, Function<T, ObservableValue<?>> property, BiConsumer<T, Object> setter,
            Function<T, Object> getter, Object first, Object second) {
        @Override
        public String toString() {
            return name;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T, V> Field<T> field(String name, Function<T, ObservableValue<?>> property, BiConsumer<T, V> setter,
            Function<T, Object> getter, V first, V second) {
        return new Field<>(name, property, (BiConsumer<T, Object>) setter, getter, first, second);
    }

    static Stream<Arguments> dealFields() {
        Instant a = Instant.parse("2026-03-01T00:00:00Z");
        Instant b = Instant.parse("2026-04-01T12:00:00Z");
        return Stream.of(
                field("title", Deal::titleProperty, Deal::setTitle, Deal::getTitle, "Renewal", "Upsell"),
                field("contactId", Deal::contactIdProperty, Deal::setContactId, Deal::getContactId, "c-1", "c-2"),
                field("contactName", Deal::contactNameProperty, Deal::setContactName, Deal::getContactName, "Ann", "Bo"),
                field("company", Deal::companyProperty, Deal::setCompany, Deal::getCompany, "Acme", "Globex"),
                field("value", Deal::valueProperty, Deal::setValue, Deal::getValue, 1000.0, 2500.5),
                field("stage", Deal::stageProperty, Deal::setStage, Deal::getStage, DealStage.PROPOSAL,
                        DealStage.CLOSED_WON),
                field("probability", Deal::probabilityProperty, Deal::setProbability, Deal::getProbability, 40, 90),
                field("confidence", Deal::confidenceProperty, Deal::setConfidence, Deal::getConfidence, Confidence.LOW,
                        Confidence.HIGH),
                field("expectedCloseDate", Deal::expectedCloseDateProperty, Deal::setExpectedCloseDate,
                        Deal::getExpectedCloseDate, a, b),
                field("createdDate", Deal::createdDateProperty, Deal::setCreatedDate, Deal::getCreatedDate, a, b),
                field("lastActivity", Deal::lastActivityProperty, Deal::setLastActivity, Deal::getLastActivity, a, b),
                field("description", Deal::descriptionProperty, Deal::setDescription, Deal::getDescription, "x", "y"),
                field("competitorMentioned", Deal::competitorMentionedProperty, Deal::setCompetitorMentioned,
                        Deal::getCompetitorMentioned, "Initech", "Globex"),
                field("priority", Deal::priorityProperty, Deal::setPriority, Deal::getPriority, Priority.LOW,
                        Priority.HIGH))
                .map(Arguments::of);
    }

    static Stream<Arguments> contactFields() {
        Instant a = Instant.parse("2026-03-01T00:00:00Z");
        Instant b = Instant.parse("2026-04-01T12:00:00Z");
        return Stream.of(
                field("name", Contact::nameProperty, Contact::setName, Contact::getName, "Ann", "Bo"),
                field("email", Contact::emailProperty, Contact::setEmail, Contact::getEmail, "a@x.io", "b@x.io"),
                field("phone", Contact::phoneProperty, Contact::setPhone, Contact::getPhone, "1", "2"),
                field("company", Contact::companyProperty, Contact::setCompany, Contact::getCompany, "Acme", "Globex"),
                field("title", Contact::titleProperty, Contact::setTitle, Contact::getTitle, "CTO", "CFO"),
                field("avatar", Contact::avatarProperty, Contact::setAvatar, Contact::getAvatar, "a.png", "b.png"),
                field("relationshipHealth", Contact::relationshipHealthProperty, Contact::setRelationshipHealth,
                        Contact::getRelationshipHealth, RelationshipHealth.LOW, RelationshipHealth.HIGH),
                field("healthScore", Contact::healthScoreProperty, Contact::setHealthScore, Contact::getHealthScore,
                        20, 80),
                field("lastContact", Contact::lastContactProperty, Contact::setLastContact, Contact::getLastContact, a, b),
                field("nextFollowUp", Contact::nextFollowUpProperty, Contact::setNextFollowUp,
                        Contact::getNextFollowUp, a, b),
                field("sentiment", Contact::sentimentProperty, Contact::setSentiment, Contact::getSentiment,
                        Sentiment.POSITIVE, Sentiment.NEGATIVE),
                field("churnRisk", Contact::churnRiskProperty, Contact::setChurnRisk, Contact::getChurnRisk, 10, 70),
                field("totalDeals", Contact::totalDealsProperty, Contact::setTotalDeals, Contact::getTotalDeals, 1, 4),
                field("totalValue", Contact::totalValueProperty, Contact::setTotalValue, Contact::getTotalValue,
                        10.0, 99.5))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("dealFields")
    void aDealPropertyAskedForLateHoldsTheValueAndItsListenerHearsWhatFollows(Field<Deal> field) {
        Deal deal = new Deal("d-1");
        field.setter().accept(deal, field.first());
        assertThat(field.getter().apply(deal)).isEqualTo(field.first());

        ObservableValue<?> property = field.property().apply(deal);
        assertThat((Object) property.getValue()).isEqualTo(field.first());
        assertThat(field.property().apply(deal)).as("made once").isSameAs(property);
        List<Object> heard = new ArrayList<>();
        property.addListener((obs, old, now) -> heard.add(now));

        field.setter().accept(deal, field.second());

        assertThat(heard).containsExactly(field.second());
        assertThat(field.getter().apply(deal)).isEqualTo(field.second());
    }

    @ParameterizedTest
    @MethodSource("contactFields")
    void aContactPropertyAskedForLateHoldsTheValueAndItsListenerHearsWhatFollows(Field<Contact> field) {
        Contact contact = new Contact("c-1");
        field.setter().accept(contact, field.first());
        assertThat(field.getter().apply(contact)).isEqualTo(field.first());

        ObservableValue<?> property = field.property().apply(contact);
        assertThat((Object) property.getValue()).isEqualTo(field.first());
        List<Object> heard = new ArrayList<>();
        property.addListener((obs, old, now) -> heard.add(now));

        field.setter().accept(contact, field.second());

        assertThat(heard).containsExactly(field.second());
        assertThat(field.getter().apply(contact)).isEqualTo(field.second());
    }

    @Test
    void defaultsAreThoseOfBefore() {
        Deal deal = new Deal("d-1");
        assertThat(deal.getTitle()).isEmpty();
        assertThat(deal.getStage()).isEqualTo(DealStage.PROSPECT);
        assertThat(deal.getConfidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(deal.getPriority()).isEqualTo(Priority.MEDIUM);
        assertThat(deal.getContactId()).isNull();
        assertThat(deal.titleProperty().get()).isEmpty();
        Contact contact = new Contact("c-1");
        assertThat(contact.getHealthScore()).isEqualTo(50);
        assertThat(contact.getRelationshipHealth()).isEqualTo(RelationshipHealth.MEDIUM);
        assertThat(contact.getSentiment()).isEqualTo(Sentiment.NEUTRAL);
        assertThat(contact.healthScoreProperty().get()).isEqualTo(50);
    }

    @Test
    void theSettersRulesHoldWithAndWithoutTheProperty() {
        Deal deal = new Deal("d-1");
        deal.setTitle(null);
        deal.setCompetitorMentioned("  ");
        assertThat(deal.getTitle()).isEmpty();
        assertThat(deal.getCompetitorMentioned()).isNull();
        assertThatThrownBy(() -> deal.setStage(null)).isInstanceOf(NullPointerException.class);
        deal.titleProperty();
        deal.competitorMentionedProperty();
        deal.stageProperty();
        deal.setTitle(null);
        deal.setCompetitorMentioned(" ");
        assertThat(deal.titleProperty().get()).isEmpty();
        assertThat(deal.competitorMentionedProperty().get()).isNull();
        assertThatThrownBy(() -> deal.setStage(null)).isInstanceOf(NullPointerException.class);
        assertThat(deal.getStage()).isEqualTo(DealStage.PROSPECT);
    }

    @Test
    void aBoundPropertyIsWhatTheGetterReads() {
        Contact contact = new Contact("c-1");
        SimpleStringProperty source = new SimpleStringProperty("Bound name");
        ((Property<String>) contact.nameProperty()).bind(source);
        source.set("Renamed");
        assertThat(contact.getName()).isEqualTo("Renamed");
    }

    @Test
    void theCloseDateKeepsItsOffsetWhenItsPropertyComesLate() {
        Deal deal = new Deal("d-1");
        deal.setExpectedCloseAsGiven(OffsetDateTime.parse("2026-12-31T23:00:00-05:00"));
        List<Object> heard = new ArrayList<>();
        deal.expectedCloseDateProperty().addListener((obs, old, now) -> heard.add(deal.getExpectedCloseDay()));
        deal.setExpectedCloseAsGiven(OffsetDateTime.parse("2027-01-31T23:00:00-05:00"));
        assertThat(heard).hasToString("[2027-01-31]");
        assertThat(deal.getExpectedCloseAsGiven()).isEqualTo(OffsetDateTime.parse("2027-01-31T23:00:00-05:00"));
    }

    @Test
    void aListIsPlainUntilAskedForAndItsListenerHearsLaterReplacements() {
        Deal deal = new Deal("d-1");
        assertThat(deal.replaceTags(List.of("vip", "renewal"))).isTrue();
        assertThat(deal.replaceTags(List.of("vip", "renewal"))).as("the same items change nothing").isFalse();
        assertThat(deal.tagList()).containsExactly("vip", "renewal");
        assertThatThrownBy(() -> deal.tagList().add("x")).isInstanceOf(UnsupportedOperationException.class);

        ObservableList<String> tags = deal.getTags();
        assertThat(tags).containsExactly("vip", "renewal");
        assertThat(deal.getTags()).as("made once").isSameAs(tags);
        List<String> heard = new ArrayList<>();
        tags.addListener((ListChangeListener<String>) change -> heard.add(String.join(",", change.getList())));

        assertThat(deal.replaceTags(List.of("lost"))).isTrue();
        tags.add("again");

        assertThat(heard).containsExactly("lost", "lost,again");
        assertThat(deal.tagList()).containsExactly("lost", "again");
        assertThatThrownBy(() -> deal.tagList().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyListOfADealAndAContactWorksThatWay() {
        Deal deal = new Deal("d-1");
        DealActivity call = new DealActivity("a-1", ActivityType.CALL, Instant.EPOCH, "x", null, null);
        deal.replaceActivities(List.of(call));
        deal.replaceRiskFactors(List.of("budget"));
        deal.replacePositiveSignals(List.of("champion"));
        assertThat(deal.isAtRisk()).isTrue();
        assertThat(deal.getActivities()).containsExactly(call);
        assertThat(deal.getRiskFactors()).containsExactly("budget");
        assertThat(deal.getPositiveSignals()).containsExactly("champion");
        assertThat(deal.getAiInsights()).isEmpty();
        deal.getRiskFactors().clear();
        assertThat(deal.isAtRisk()).isFalse();

        Contact contact = new Contact("c-1");
        contact.replaceNotes(List.of("prefers email"));
        contact.replaceAiInsights(List.of());
        assertThat(contact.noteList()).containsExactly("prefers email");
        assertThat(contact.insightList()).isEmpty();
        List<Integer> sizes = new ArrayList<>();
        contact.getCommunicationHistory().addListener((ListChangeListener<CommunicationEvent>) c -> sizes.add(c.getList().size()));
        contact.replaceCommunicationHistory(List.of(new CommunicationEvent("m-1", CommunicationType.EMAIL, Instant.EPOCH,
                "Hi", "Hello", Sentiment.NEUTRAL, null)));
        assertThat(sizes).containsExactly(1);
        assertThat(contact.communicationList()).hasSize(1);
    }

    @Test
    void theRevisionCountsBeforeItsPropertyAndItsListenerHearsLaterTicks() {
        Contact contact = new Contact("c-1");
        contact.markChanged();
        contact.markChanged();
        assertThat(contact.getRevision()).isEqualTo(2);
        List<Number> heard = new ArrayList<>();
        contact.revisionProperty().addListener((obs, old, now) -> heard.add(now));
        assertThat(contact.revisionProperty().get()).isEqualTo(2);

        contact.markChanged();

        assertThat(heard).containsExactly(3L);
        assertThat(contact.getRevision()).isEqualTo(3);
        Deal deal = new Deal("d-1");
        deal.markChanged();
        List<Number> dealHeard = new ArrayList<>();
        deal.revisionProperty().addListener((obs, old, now) -> dealHeard.add(now));
        deal.markChanged();
        assertThat(dealHeard).containsExactly(2L);
    }

    @Test
    void theVersionTravelsThroughTheChangesWhetherOrNotTheRecordsPropertiesWereMade() {
        Deal plain = new Deal("d-1");
        plain.setTitle("Renewal");
        plain.setVersion(4);
        Deal observed = new Deal("d-2");
        observed.titleProperty().addListener((obs, old, now) -> { });
        observed.getTags();
        observed.setVersion(9);
        assertThat(DealChanges.of(plain).version()).isEqualTo(4);
        assertThat(DealChanges.of(observed).version()).isEqualTo(9);

        Deal copy = new Deal("d-1");
        DealChanges.of(plain).applyTo(copy);
        assertThat(copy.getVersion()).isEqualTo(4);
        assertThat(copy.getTitle()).isEqualTo("Renewal");

        Contact contact = new Contact("c-1");
        contact.setVersion(3);
        contact.getNotes();
        Contact contactCopy = new Contact("c-1");
        ContactChanges.of(contact).applyTo(contactCopy);
        assertThat(contactCopy.getVersion()).isEqualTo(3);
    }
}
