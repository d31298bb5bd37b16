package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Confidence;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.NotificationType;
import com.flowcrm.model.Priority;
import com.flowcrm.model.RelationshipHealth;
import com.flowcrm.model.Sentiment;
import com.flowcrm.model.Theme;
import com.flowcrm.model.User;
import com.flowcrm.model.UserRole;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.ContactUpdate;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.DealCreated;
import com.flowcrm.model.change.DealUpdate;
import com.flowcrm.model.change.NotificationAdded;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonMapperTest {
    private final JsonMapper mapper = JsonMapper.create();

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    @Test
    void mapsTheSpecShapeOfADeal() {
        Mapped<Deal> m = mapper.deal(json("""
                {"id":"d1","title":"Big deal","contactId":"c1","contactName":"Ann","company":"Acme","value":12500.5,
                 "stage":"negotiation","probability":80,"confidence":"high","expectedCloseDate":"2026-03-01T00:00:00Z",
                 "createdDate":"2026-01-01T10:00:00Z","lastActivity":"2026-02-01T12:30:00Z","description":"d",
                 "tags":["a","b"],"activities":[{"id":"a1","type":"call","date":"2026-02-01T12:30:00Z","description":"x",
                 "outcome":"ok","nextStep":"send"}],"aiInsights":[{"id":"i1","type":"risk","title":"t","description":"d",
                 "impact":"high","actionable":true,"suggestedAction":"s","confidence":90,"date":"2026-02-01T00:00:00Z"}],
                 "competitorMentioned":"Globex","riskFactors":["budget"],"positiveSignals":["champion"],"priority":"high"}
                """));
        assertThat(m.isClean()).as(m.describeProblems()).isTrue();
        Deal d = m.value();
        assertThat(d.getId()).isEqualTo("d1");
        assertThat(d.getTitle()).isEqualTo("Big deal");
        assertThat(d.getContactId()).isEqualTo("c1");
        assertThat(d.getValue()).isEqualTo(12500.5);
        assertThat(d.getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(d.getProbability()).isEqualTo(80);
        assertThat(d.getConfidence()).isEqualTo(Confidence.HIGH);
        assertThat(d.getExpectedCloseDate()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(d.getTags()).containsExactly("a", "b");
        assertThat(d.getActivities()).extracting(DealActivity::id).containsExactly("a1");
        assertThat(d.getActivities().get(0).nextStep()).isEqualTo("send");
        assertThat(d.getAiInsights().get(0).confidence()).isEqualTo(90);
        assertThat(d.getCompetitorMentioned()).isEqualTo("Globex");
        assertThat(d.getRiskFactors()).containsExactly("budget");
        assertThat(d.getPositiveSignals()).containsExactly("champion");
        assertThat(d.getPriority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void acceptsSnakeCaseNamesAndAliases() {
        Mapped<Deal> m = mapper.deal(json("""
                {"id":"d1","contact_id":"c1","contact_name":"Ann","expected_close_date":"2026-03-01",
                 "last_activity_at":"2026-02-01T12:30:00Z","inserted_at":"2026-01-01T00:00:00Z",
                 "risk_factors":["budget"],"positive_signals":["champion"],"competitor_mentioned":"Globex",
                 "activities":[{"id":"a1","type":"call","date":"2026-02-01","next_step":"send"}]}
                """));
        assertThat(m.isClean()).as(m.describeProblems()).isTrue();
        Deal d = m.value();
        assertThat(d.getContactId()).isEqualTo("c1");
        assertThat(d.getContactName()).isEqualTo("Ann");
        assertThat(d.getLastActivity()).isEqualTo(Instant.parse("2026-02-01T12:30:00Z"));
        assertThat(d.getCreatedDate()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(d.getRiskFactors()).containsExactly("budget");
        assertThat(d.getPositiveSignals()).containsExactly("champion");
        assertThat(d.getCompetitorMentioned()).isEqualTo("Globex");
        assertThat(d.getActivities().get(0).nextStep()).isEqualTo("send");

        Contact c = mapper.contact(json("""
                {"id":"c1","health_score":"75","relationship_health":"high","total_deals_value":"250000.00",
                 "total_deals":3,"churn_risk":"12","last_contact":"2026-02-01","next_follow_up":null}
                """)).value();
        assertThat(c.getHealthScore()).isEqualTo(75);
        assertThat(c.getRelationshipHealth()).isEqualTo(RelationshipHealth.HIGH);
        assertThat(c.getTotalValue()).isEqualTo(250000.0);
        assertThat(c.getTotalDeals()).isEqualTo(3);
        assertThat(c.getChurnRisk()).isEqualTo(12);
        assertThat(c.getNextFollowUp()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"2026-03-01T10:15:30Z\"         | 2026-03-01T10:15:30Z",
        "\"2026-03-01T10:15:30.250Z\"     | 2026-03-01T10:15:30.250Z",
        "\"2026-03-01T12:15:30+02:00\"    | 2026-03-01T10:15:30Z",
        "\"2026-03-01T05:15:30-0500\"     | 2026-03-01T10:15:30Z",
        "\"2026-03-01T10:15:30\"          | 2026-03-01T10:15:30Z",
        "\"2026-03-01 10:15\"             | 2026-03-01T10:15:00Z",
        "\"2026-03-01\"                   | 2026-03-01T00:00:00Z",
        "1772360130000                    | 2026-03-01T10:15:30Z",
        "\"1772360130000\"                | 2026-03-01T10:15:30Z",
        "\"2026-03-01T11:15:30+01:00[Europe/Paris]\" | 2026-03-01T10:15:30Z",
    })
    void readsEveryDateForm(String raw, String expected) {
        Deal d = mapper.deal(json("{\"id\":\"d1\",\"expectedCloseDate\":" + raw + "}")).value();
        assertThat(d.getExpectedCloseDate()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"2026-13-01\"", "\"2026-02-30\"", "\"yesterday\"", "\"2026-03-01T25:00:00Z\"",
        "true", "{}"})
    void reportsABadDateAndKeepsTheRest(String raw) {
        Mapped<Deal> m = mapper.deal(json("{\"id\":\"d1\",\"title\":\"T\",\"expectedCloseDate\":" + raw + "}"));
        assertThat(m.value()).isNotNull();
        assertThat(m.value().getTitle()).isEqualTo("T");
        assertThat(m.value().getExpectedCloseDate()).isNull();
        assertThat(m.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("deal.expectedCloseDate");
            assertThat(p.message()).startsWith("not a date");
        });
    }

    @Test
    void readsNumbersSentAsStrings() {
        Deal d = mapper.deal(json("{\"id\":7,\"value\":\"12500.00\",\"probability\":\"65\"}")).value();
        assertThat(d.getId()).isEqualTo("7");
        assertThat(d.getValue()).isEqualTo(12500.0);
        assertThat(d.getProbability()).isEqualTo(65);
    }

    @Test
    void readsTagsAsStringsOrNameObjects() {
        Deal d = mapper.deal(json("{\"id\":\"d1\",\"tags\":[\"vip\",{\"name\":\"enterprise\"},\" \"]}")).value();
        assertThat(d.getTags()).containsExactly("vip", "enterprise");
        Deal single = mapper.deal(json("{\"id\":\"d1\",\"tags\":\"vip, q1\"}")).value();
        assertThat(single.getTags()).containsExactly("vip", "q1");
    }

    @Test
    void readsNotesAsStringOrList() {
        assertThat(mapper.contact(json("{\"id\":\"c1\",\"notes\":\"Met at the fair, likes golf\"}")).value().getNotes())
                .containsExactly("Met at the fair, likes golf");
        assertThat(mapper.contact(json("{\"id\":\"c1\",\"notes\":[\"one\",{\"text\":\"two\"}]}")).value().getNotes())
                .containsExactly("one", "two");
    }

    @Test
    void acceptsNullAndMissingOptionals() {
        Mapped<Deal> m = mapper.deal(json("{\"id\":\"d1\",\"competitorMentioned\":null,\"expectedCloseDate\":null,"
                + "\"tags\":null,\"title\":null}"));
        assertThat(m.isClean()).as(m.describeProblems()).isTrue();
        assertThat(m.value().getCompetitorMentioned()).isNull();
        assertThat(m.value().getTags()).isEmpty();
        assertThat(m.value().getTitle()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"closed_won,CLOSED_WON", "closed-won,CLOSED_WON", "CLOSED_LOST,CLOSED_LOST", "' Proposal ',PROPOSAL"})
    void readsStageSpellings(String raw, DealStage expected) {
        assertThat(mapper.deal(json("{\"id\":\"d1\",\"stage\":\"" + raw + "\"}")).value().getStage()).isEqualTo(expected);
    }

    @Test
    void aBadOptionalFieldIsLeftOutAndNamed() {
        Mapped<Deal> m = mapper.deal(json("{\"id\":\"d1\",\"value\":\"abc\",\"stage\":\"won-ish\",\"probability\":140}"));
        assertThat(m.isPresent()).isTrue();
        assertThat(m.isClean()).isFalse();
        assertThat(m.problems()).extracting(MappingProblem::toString).containsExactlyInAnyOrder(
                "deal.value: not a number: 'abc'", "deal.stage: unknown stage: 'won-ish'", "deal.probability: not in 0-100: 140");
        assertThat(m.value().getValue()).isZero();
        assertThat(m.value().getStage()).isEqualTo(DealStage.PROSPECT);
    }

    @Test
    void aMissingIdMeansNoValue() {
        Mapped<Deal> m = mapper.deal(json("{\"title\":\"x\"}"));
        assertThat(m.isPresent()).isFalse();
        assertThat(m.describeProblems()).isEqualTo("deal.id: missing required field");
        assertThat(mapper.deal(json("[1,2]")).describeProblems()).startsWith("deal: not an object");
        assertThat(mapper.deal(null).isPresent()).isFalse();
    }

    @Test
    void listsKeepGoodItemsAndNameBadOnes() {
        MappedList<Deal> list = mapper.deals(json("""
                [{"id":"d1"},{"title":"no id"},{"id":"d3","value":"abc"},"junk"]
                """));
        assertThat(list.values()).extracting(Deal::getId).containsExactly("d1", "d3");
        assertThat(list.skipped()).isEqualTo(2);
        assertThat(list.problems()).extracting(MappingProblem::toString).containsExactly(
                "deals[1].id: missing required field", "deals[2].value: not a number: 'abc'",
                "deals[3]: not an object: 'junk'");
        assertThat(mapper.deals(json("{\"data\":[{\"id\":\"d1\"}]}")).values()).hasSize(1);
        assertThat(mapper.deals(json("{\"error\":\"boom\"}")).problems()).hasSize(1);
    }

    @Test
    void aBadActivityInsideADealIsSkippedAndNamed() {
        Mapped<Deal> m = mapper.deal(json("""
                {"id":"d1","activities":[{"id":"a1","type":"call","date":"2026-02-01"},{"id":"a2","type":"telepathy",
                 "date":"2026-02-01"}]}"""));
        assertThat(m.value().getActivities()).extracting(DealActivity::id).containsExactly("a1");
        assertThat(m.describeProblems()).isEqualTo("deal.activities[1].type: unknown type: 'telepathy'");
    }

    @Test
    void contactHealthScoreDerivesTheHealthUnlessGiven() {
        Contact derived = mapper.contact(json("{\"id\":\"c1\",\"healthScore\":70}")).value();
        assertThat(derived.getRelationshipHealth()).isEqualTo(RelationshipHealth.MEDIUM);
        Contact given = mapper.contact(json("{\"id\":\"c1\",\"healthScore\":70,\"relationshipHealth\":\"low\"}")).value();
        assertThat(given.getRelationshipHealth()).isEqualTo(RelationshipHealth.LOW);
    }

    @Test
    void dealChangesHoldOnlyThePresentFields() {
        Mapped<DealChanges> m = mapper.dealChanges(json("{\"value\":\"900\",\"stage\":\"closed_won\",\"competitor_mentioned\":null}"));
        assertThat(m.isClean()).isTrue();
        assertThat(m.value().fields()).containsExactlyInAnyOrder(DealChanges.Field.VALUE, DealChanges.Field.STAGE,
                DealChanges.Field.COMPETITOR_MENTIONED);
        Deal d = new Deal("d1");
        d.setTitle("kept");
        d.setCompetitorMentioned("Globex");
        assertThat(m.value().applyTo(d)).isTrue();
        assertThat(d.getTitle()).isEqualTo("kept");
        assertThat(d.getValue()).isEqualTo(900);
        assertThat(d.getStage()).isEqualTo(DealStage.CLOSED_WON);
        assertThat(d.getCompetitorMentioned()).isNull();
        assertThat(m.value().applyTo(d)).as("applying again changes nothing").isFalse();
    }

    @Test
    void contactChangesDeriveHealthFromScore() {
        ContactChanges c = mapper.contactChanges(json("{\"health_score\":41}")).value();
        Contact contact = new Contact("c1");
        contact.setRelationshipHealth(RelationshipHealth.HIGH);
        c.applyTo(contact);
        assertThat(contact.getHealthScore()).isEqualTo(41);
        assertThat(contact.getRelationshipHealth()).isEqualTo(RelationshipHealth.MEDIUM);
    }

    @Test
    void inverseChangesRollBack() {
        Deal d = new Deal("d1");
        d.setStage(DealStage.PROPOSAL);
        d.setProbability(50);
        DealChanges move = new DealChanges().stage(DealStage.NEGOTIATION).probability(75);
        DealChanges undo = move.inverseOn(d);
        move.applyTo(d);
        undo.applyTo(d);
        assertThat(d.getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(d.getProbability()).isEqualTo(50);
    }

    @Test
    void eventPayloads() {
        Mapped<DealUpdate> stage = mapper.dealStageChanged(json("{\"id\":\"d1\",\"stage\":\"closed_won\",\"probability\":\"100\"}"));
        assertThat(stage.isClean()).isTrue();
        assertThat(stage.value().changes().stage()).isEqualTo(DealStage.CLOSED_WON);
        assertThat(stage.value().changes().probability()).isEqualTo(100);
        assertThat(mapper.dealStageChanged(json("{\"id\":\"d1\",\"stage\":\"nope\"}")).isPresent()).isFalse();
        assertThat(mapper.dealStageChanged(json("{\"stage\":\"proposal\"}")).describeProblems())
                .isEqualTo("data.id: missing required field");

        Mapped<DealActivityAdded> added = mapper.dealActivityAdded(json(
                "{\"deal_id\":\"d1\",\"activity\":{\"id\":\"a1\",\"type\":\"email\",\"date\":1772360130000}}"));
        assertThat(added.value().dealId()).isEqualTo("d1");
        assertThat(added.value().activity().type()).isEqualTo(ActivityType.EMAIL);

        Mapped<ContactUpdate> health = mapper.contactHealthChanged(json("{\"id\":\"c1\",\"oldScore\":50,\"newScore\":40}"));
        assertThat(health.value().changes().healthScore()).isEqualTo(40);
        assertThat(mapper.contactHealthChanged(json("{\"id\":\"c1\",\"newScore\":\"high\"}")).isPresent()).isFalse();
        assertThat(mapper.contactHealthChanged(json("{\"id\":\"c1\",\"oldScore\":-3,\"newScore\":50}")).isClean()).isFalse();

        Mapped<DealUpdate> updated = mapper.dealUpdated(json("{\"id\":\"d1\",\"changes\":{\"value\":\"x\"}}"));
        assertThat(updated.isPresent()).isTrue();
        assertThat(updated.isClean()).isFalse();
        assertThat(updated.describeProblems()).isEqualTo("data.changes.value: not a number: 'x'");
        assertThat(mapper.dealUpdated(json("{\"id\":\"d1\",\"changes\":5}")).isPresent()).isFalse();
        assertThat(mapper.contactUpdated(json("\"oops\"")).describeProblems()).isEqualTo("data: not an object: 'oops'");
    }

    @Test
    void mapsNotificationsAndUsers() {
        Notification n = mapper.notification(json("""
                {"id":"n1","user_id":"u1","type":"deal-update","title":"T","message":"M","priority":"high","is_read":"false",
                 "metadata":{"dealId":"d1","amount":5},"created_at":"2026-02-01T00:00:00Z"}""")).value();
        assertThat(n.getType()).isEqualTo(NotificationType.DEAL_UPDATE);
        assertThat(n.isRead()).isFalse();
        assertThat(n.dealId()).isEqualTo("d1");
        assertThat(n.getMetadata()).containsEntry("amount", "5");
        assertThat(n.getCreatedAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));

        User u = mapper.user(json("""
                {"id":"u1","email":"a@b.c","role":"MANAGER","preferences":{"theme":"dark","notifications":false,"time_zone":"Europe/Berlin"},
                 "last_login_at":"2026-02-01"}""")).value();
        assertThat(u.role()).isEqualTo(UserRole.MANAGER);
        assertThat(u.name()).isEqualTo("a@b.c");
        assertThat(u.preferences().theme()).isEqualTo(Theme.DARK);
        assertThat(u.preferences().notifications()).isFalse();
        assertThat(u.preferences().timezone()).isEqualTo("Europe/Berlin");
        assertThat(u.lastLogin()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void writesTheSpecShapeAndReadsItBack() {
        Deal d = mapper.deal(json("""
                {"id":"d1","title":"T","stage":"closed_won","value":10,"probability":100,"expectedCloseDate":"2026-03-01",
                 "tags":["x"],"activities":[{"id":"a1","type":"demo","date":"2026-02-01"}]}""")).value();
        var out = mapper.toJson(d);
        assertThat(out.get("stage").getAsString()).isEqualTo("closed-won");
        assertThat(out.get("expectedCloseDate").getAsString()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(out.has("competitorMentioned")).isFalse();
        assertThat(out.getAsJsonArray("activities").get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("demo");
        Deal back = mapper.deal(out).value();
        assertThat(mapper.toJson(back)).isEqualTo(out);

        Contact c = new Contact("c1");
        c.setSentiment(Sentiment.POSITIVE);
        assertThat(mapper.contact(mapper.toJson(c)).value().getSentiment()).isEqualTo(Sentiment.POSITIVE);
        var patch = mapper.toJson(new DealChanges().stage(DealStage.PROPOSAL).competitorMentioned(null));
        assertThat(patch.toString()).isEqualTo("{\"stage\":\"proposal\",\"competitorMentioned\":null}");
    }

    @Test
    void aLiveEventIsMappedByItsNameToItsTypedChange() {
        assertThat(mapper.event("deal:created", json("{\"id\":\"d1\",\"stage\":\"proposal\"}")).value())
                .isInstanceOfSatisfying(DealCreated.class, c -> assertThat(c.deal().getStage()).isEqualTo(DealStage.PROPOSAL));
        assertThat(mapper.event("deal:stage_changed", json("{\"id\":\"d1\",\"stage\":\"closed_won\"}")).value())
                .isInstanceOfSatisfying(DealUpdate.class, u -> assertThat(u.changes().stage()).isEqualTo(DealStage.CLOSED_WON));
        assertThat(mapper.event("contact:health_changed", json("{\"id\":\"c1\",\"newScore\":35}")).value())
                .isInstanceOfSatisfying(ContactUpdate.class, u -> assertThat(u.changes().healthScore()).isEqualTo(35));
        assertThat(mapper.event("notification:new", json("{\"id\":\"n1\",\"title\":\"Hi\"}")).value())
                .isInstanceOfSatisfying(NotificationAdded.class, n -> assertThat(n.notification().getTitle()).isEqualTo("Hi"));
        assertThat(JsonMapper.eventReader().apply("deal:activity_added",
                json("{\"dealId\":\"d1\",\"activity\":{\"id\":\"a1\",\"type\":\"call\",\"date\":1}}")).value())
                .isInstanceOf(DealActivityAdded.class);
    }

    @Test
    void anUnknownEventOrABadPayloadMapsToNoEventWithTheReason() {
        assertThat(mapper.event("deal:exploded", json("{}")).describeProblems()).isEqualTo("event: unknown event 'deal:exploded'");
        assertThat(mapper.event("deal:created", json("{\"title\":\"no id\"}")).describeProblems())
                .isEqualTo("deal.id: missing required field");
        assertThat(mapper.event("deal:updated", json("[1]")).isPresent()).isFalse();
    }

    @Test
    void neverThrowsOnOddInput() {
        for (String s : new String[] {"null", "1", "\"x\"", "[]", "{}", "{\"id\":{}}", "{\"id\":true}",
                "{\"id\":\"d\",\"activities\":{}}", "{\"id\":\"d\",\"tags\":[[1]]}", "{\"id\":\"d\",\"value\":\"1e999\"}",
                "{\"id\":\"d\",\"created_date\":99999999999999999999}", "{\"id\":\"d\",\"value\":\"--1\"}"}) {
            JsonElement e = json(s);
            assertThat(mapper.deal(e)).isNotNull();
            assertThat(mapper.contact(e)).isNotNull();
            assertThat(mapper.notification(e)).isNotNull();
            assertThat(mapper.user(e)).isNotNull();
            assertThat(mapper.dealUpdated(e)).isNotNull();
            assertThat(mapper.dealActivityAdded(e)).isNotNull();
            assertThat(mapper.contactHealthChanged(e)).isNotNull();
            assertThat(mapper.deals(e)).isNotNull();
        }
    }
}
