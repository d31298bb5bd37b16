package com.flowcrm.store;

import static com.flowcrm.store.Frames.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.RelationshipHealth;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RootStoreEventsTest {
    private final JsonMapper mapper = JsonMapper.create();
    private RootStore root;
    private LiveFrames live;
    private Deal d1;
    private Contact c1;

    @BeforeEach
    void load() {
        root = new RootStore(Runnable::run);
        live = new LiveFrames(root);
        root.deals().loadSnapshot(List.of(mapper.deal(Frames.deal("d1", "proposal", 1000, 50)).value(),
                mapper.deal(Frames.deal("d2", "prospect", 500, 10)).value()));
        root.contacts().loadSnapshot(List.of(mapper.contact(Frames.contact("c1", "Ann", 55)).value()));
        d1 = root.deals().byId("d1");
        c1 = root.contacts().byId("c1");
        root.deals().select("d1");
        root.contacts().select("c1");
    }

    private StoreCounters.Snapshot counts() {
        return root.counters().snapshot();
    }

    @Test
    void dealCreatedIsAddedFirst() {
        live.send("deal:created", Frames.deal("d3", "qualified", 700, 30));
        assertThat(root.deals().getDeals()).extracting(Deal::getId).containsExactly("d3", "d1", "d2");
        assertThat(root.deals().byId("d3").getStage()).isEqualTo(DealStage.QUALIFIED);
        assertThat(counts().applied()).isEqualTo(1);
    }

    @Test
    void dealCreatedWithAKnownIdReplacesInsteadOfDuplicating() {
        live.send("deal:created", Frames.deal("d1", "negotiation", 2000, 80));
        assertThat(root.deals().getDeals()).extracting(Deal::getId).containsExactly("d1", "d2");
        assertThat(root.deals().byId("d1")).isSameAs(d1);
        assertThat(d1.getValue()).isEqualTo(2000);
        assertThat(root.deals().selectedDealProperty().get().getStage()).isEqualTo(DealStage.NEGOTIATION);
    }

    @Test
    void dealUpdatedReachesTheDealAndTheSelection() {
        long revision = d1.getRevision();
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":\"1500\",\"title\":\"Renamed\"}}"));
        Deal selected = root.deals().selectedDealProperty().get();
        assertThat(selected).isSameAs(d1);
        assertThat(selected.getValue()).isEqualTo(1500);
        assertThat(selected.getTitle()).isEqualTo("Renamed");
        assertThat(d1.getRevision()).as("one tick per applied change").isEqualTo(revision + 1);
    }

    @Test
    void selectionSurvivesASnapshotReconcileAndSeesLaterEvents() {
        root.deals().reconcile(List.of(mapper.deal(Frames.deal("d1", "proposal", 1234, 50)).value()));
        assertThat(root.deals().selectedDealProperty().get()).isSameAs(d1);
        assertThat(d1.getValue()).isEqualTo(1234);
        assertThat(root.deals().byId("d2")).isNull();
        live.send("deal:stage_changed", json("{\"id\":\"d1\",\"stage\":\"negotiation\",\"probability\":75}"));
        assertThat(root.deals().selectedDealProperty().get().getStage()).isEqualTo(DealStage.NEGOTIATION);
    }

    @Test
    void stageChangedSetsStageAndProbabilityAlsoOnTheSelection() {
        live.send("deal:stage_changed", json("{\"id\":\"d1\",\"stage\":\"closed_won\",\"probability\":100}"));
        Deal selected = root.deals().selectedDealProperty().get();
        assertThat(selected.getStage()).isEqualTo(DealStage.CLOSED_WON);
        assertThat(selected.getProbability()).isEqualTo(100);
    }

    @Test
    void activityAddedGoesFirstSetsLastActivityAndIsNotAddedTwice() {
        d1.getActivities().add(new DealActivity("a0", ActivityType.NOTE, Instant.parse("2026-01-02T00:00:00Z"), "", null, null));
        String frame = "{\"dealId\":\"d1\",\"activity\":{\"id\":\"a1\",\"type\":\"call\",\"date\":\"2026-02-03T10:00:00Z\","
                + "\"description\":\"Called\"}}";
        live.send("deal:activity_added", json(frame));
        live.send("deal:activity_added", json(frame));
        Deal selected = root.deals().selectedDealProperty().get();
        assertThat(selected.getActivities()).extracting(DealActivity::id).containsExactly("a1", "a0");
        assertThat(selected.getLastActivity()).isEqualTo(Instant.parse("2026-02-03T10:00:00Z"));
        assertThat(counts().applied()).isEqualTo(1);
        assertThat(counts().ignored()).isEqualTo(1);
    }

    @Test
    void contactUpdatedReachesTheContactAndTheSelection() {
        live.send("contact:updated", json("{\"id\":\"c1\",\"changes\":{\"company\":\"Globex\",\"churn_risk\":20}}"));
        Contact selected = root.contacts().selectedContactProperty().get();
        assertThat(selected).isSameAs(c1);
        assertThat(selected.getCompany()).isEqualTo("Globex");
        assertThat(selected.getChurnRisk()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({"100,HIGH", "71,HIGH", "70,MEDIUM", "41,MEDIUM", "40,LOW", "0,LOW"})
    void healthChangedUsesTheSeventyFortyBoundaries(int score, RelationshipHealth expected) {
        live.send("contact:health_changed", json("{\"id\":\"c1\",\"oldScore\":55,\"newScore\":" + score + "}"));
        Contact selected = root.contacts().selectedContactProperty().get();
        assertThat(selected.getHealthScore()).isEqualTo(score);
        assertThat(selected.getRelationshipHealth()).isEqualTo(expected);
    }

    @Test
    void notificationNewIsKeptNewestFirstWithUnreadCount() {
        live.send("notification:new", json("{\"id\":\"n1\",\"title\":\"One\",\"type\":\"deal_update\",\"read\":false}"));
        live.send("notification:new", json("{\"id\":\"n2\",\"title\":\"Two\",\"type\":\"ai_insight\"}"));
        live.send("notification:new", json("{\"id\":\"n1\",\"title\":\"One again\"}"));
        assertThat(root.notifications().getNotifications()).extracting(n -> n.getId()).containsExactly("n2", "n1");
        assertThat(root.notifications().getUnreadCount()).isEqualTo(2);
        assertThat(counts().applied()).isEqualTo(2);
        assertThat(counts().ignored()).isEqualTo(1);
    }

    @Test
    void eventsForUnknownIdsChangeNothingAndAreCountedAsIgnored() {
        live.send("deal:updated", json("{\"id\":\"nope\",\"changes\":{\"value\":1}}"));
        live.send("deal:stage_changed", json("{\"id\":\"nope\",\"stage\":\"proposal\",\"probability\":5}"));
        live.send("deal:activity_added", json("{\"dealId\":\"nope\",\"activity\":{\"id\":\"a\",\"type\":\"call\",\"date\":1}}"));
        live.send("contact:updated", json("{\"id\":\"nope\",\"changes\":{\"name\":\"x\"}}"));
        live.send("contact:health_changed", json("{\"id\":\"nope\",\"newScore\":5}"));
        assertThat(counts().ignored()).isEqualTo(5);
        assertThat(counts().applied()).isZero();
        assertThat(root.deals().size()).isEqualTo(2);
    }

    /** Each case is rejected whole: nothing changes, not even the fields that were fine. */
    @ParameterizedTest
    @ValueSource(strings = {
        "deal:updated|[1,2]",
        "deal:updated|\"d1\"",
        "deal:updated|{\"changes\":{\"value\":1}}",
        "deal:updated|{\"id\":\"d1\"}",
        "deal:updated|{\"id\":\"d1\",\"changes\":{\"title\":\"ok\",\"value\":\"lots\"}}",
        "deal:updated|{\"id\":\"d1\",\"changes\":{\"title\":\"ok\",\"stage\":\"won\"}}",
        "deal:updated|{\"id\":\"d1\",\"changes\":{\"title\":\"ok\",\"probability\":101}}",
        "deal:updated|{\"id\":\"d1\",\"changes\":{\"title\":\"ok\",\"tags\":{\"a\":1}}}",
        "deal:stage_changed|{\"id\":\"d1\",\"stage\":\"won\",\"probability\":50}",
        "deal:stage_changed|{\"id\":\"d1\",\"stage\":\"negotiation\",\"probability\":-1}",
        "deal:stage_changed|{\"id\":\"d1\",\"stage\":\"negotiation\",\"probability\":\"high\"}",
        "deal:stage_changed|{\"stage\":\"negotiation\",\"probability\":60}",
        "deal:stage_changed|null",
        "deal:activity_added|{\"dealId\":\"d1\"}",
        "deal:activity_added|{\"dealId\":\"d1\",\"activity\":{\"id\":\"a1\",\"type\":\"call\",\"date\":\"someday\"}}",
        "deal:activity_added|{\"activity\":{\"id\":\"a1\",\"type\":\"call\",\"date\":\"2026-01-01\"}}",
        "deal:created|{\"title\":\"no id\"}",
        "deal:created|{\"id\":\"d9\",\"value\":\"abc\"}",
        "contact:updated|{\"id\":\"c1\",\"changes\":{\"name\":\"ok\",\"health_score\":\"good\"}}",
        "contact:updated|{\"id\":\"c1\",\"changes\":{\"name\":\"ok\",\"churnRisk\":300}}",
        "contact:updated|{\"id\":\"c1\",\"changes\":[]}",
        "contact:health_changed|{\"id\":\"c1\",\"newScore\":101}",
        "contact:health_changed|{\"id\":\"c1\",\"newScore\":\"high\"}",
        "contact:health_changed|{\"id\":\"c1\"}",
        "contact:health_changed|{\"newScore\":50}",
        "notification:new|{\"title\":\"no id\"}",
        "notification:new|42",
    })
    void invalidEventsAreRejectedWholeAndLeaveStateUnchanged(String eventAndData) {
        String[] parts = eventAndData.split("\\|", 2);
        String before = describeState();
        long d1Revision = d1.getRevision();
        live.send(parts[0], json(parts[1]));
        assertThat(describeState()).isEqualTo(before);
        assertThat(d1.getRevision()).isEqualTo(d1Revision);
        assertThat(counts().rejected()).isEqualTo(1);
        assertThat(counts().applied()).isZero();
    }

    @Test
    void unknownEventsAndMalformedFramesAreCounted() {
        String before = describeState();
        live.send("deal:exploded", json("{\"id\":\"d1\"}"));
        live.send(null, json("{}"));
        live.frame("not json {");
        live.frame("[1,2]");
        live.frame("{\"data\":{}}");
        live.frame("{\"event\":\"deal:updated\",\"data\":{\"id\":\"d1\",\"changes\":{\"value\":9}}}");
        assertThat(counts().unknown()).isEqualTo(1);
        assertThat(counts().malformed()).as("the event without a name").isEqualTo(1);
        assertThat(live.refusedFrames()).as("frames the client's reader refuses, counted there").isEqualTo(3);
        assertThat(counts().applied()).isEqualTo(1);
        assertThat(d1.getValue()).isEqualTo(9);
        assertThat(before).isNotEqualTo(describeState());
        assertThat(root.counters().snapshotProperty().get()).isEqualTo(counts());
    }

    @Test
    void clearEmptiesEveryStore() {
        live.send("notification:new", json("{\"id\":\"n1\"}"));
        root.clear();
        assertThat(root.deals().getDeals()).isEmpty();
        assertThat(root.deals().selectedDealProperty().get()).isNull();
        assertThat(root.contacts().getContacts()).isEmpty();
        assertThat(root.notifications().getNotifications()).isEmpty();
        assertThat(root.notifications().getUnreadCount()).isZero();
    }

    /** Everything an event could touch, as text, so that "unchanged" means unchanged. */
    private String describeState() {
        StringBuilder b = new StringBuilder();
        for (Deal d : root.deals().getDeals()) {
            b.append(mapper.toJson(d)).append('\n');
        }
        for (Contact c : root.contacts().getContacts()) {
            b.append(mapper.toJson(c)).append('\n');
        }
        root.notifications().getNotifications().forEach(n -> b.append(mapper.toJson(n)).append('\n'));
        return b.toString();
    }
}
