package com.flowcrm.store;

import static com.flowcrm.store.Frames.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync protocol's rules for applying events (issue 13): a deal or contact event whose version is not above the
 * record's is stale and skipped, a created deal that exists and a deletion of an unknown deal change nothing, and
 * {@code deal:deleted} and {@code notification:updated} reach the stores. Without versions (the seed's protocol, the
 * real backend today) nothing is ever skipped.
 */
class VersionedEventsTest {
    private final JsonMapper mapper = JsonMapper.create();
    private RootStore root;
    private LiveFrames live;
    private final List<RemoteChange> remoteChanges = new ArrayList<>();

    @BeforeEach
    void load() {
        root = new RootStore(Runnable::run);
        live = new LiveFrames(root);
        root.deals().loadSnapshot(List.of(
                mapper.deal(json("{\"id\":\"d1\",\"title\":\"One\",\"stage\":\"proposal\",\"value\":1000,\"version\":5}")).value(),
                mapper.deal(json("{\"id\":\"d2\",\"title\":\"Two\",\"stage\":\"prospect\",\"value\":500}")).value()));
        root.contacts().loadSnapshot(List.of(
                mapper.contact(json("{\"id\":\"c1\",\"name\":\"Ann\",\"healthScore\":55,\"version\":3}")).value()));
        root.notifications().loadSnapshot(List.of(
                mapper.notification(json("{\"id\":\"n1\",\"title\":\"Hello\",\"read\":false}")).value()));
        root.deals().addRemoteChangeListener(remoteChanges::add);
    }

    private Deal d1() {
        return root.deals().byId("d1");
    }

    private StoreCounters.Snapshot counts() {
        return root.counters().snapshot();
    }

    @Test
    void theVersionIsReadFromTheListsAndFromEveryEvent() {
        assertThat(d1().getVersion()).isEqualTo(5);
        assertThat(root.deals().byId("d2").getVersion()).as("a server without versions").isZero();
        assertThat(root.contacts().byId("c1").getVersion()).isEqualTo(3);

        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":1100},\"version\":6}"));
        live.send("deal:stage_changed", json("{\"id\":\"d1\",\"stage\":\"negotiation\",\"probability\":80,\"version\":\"7\"}"));
        live.send("deal:activity_added", json("{\"dealId\":\"d1\",\"activity\":{\"id\":\"a1\",\"type\":\"call\","
                + "\"date\":\"2026-02-03T10:00:00Z\",\"description\":\"Called\"},\"version\":8}"));
        live.send("contact:updated", json("{\"id\":\"c1\",\"changes\":{\"title\":\"CTO\"},\"version\":4}"));
        live.send("contact:health_changed", json("{\"id\":\"c1\",\"oldScore\":55,\"newScore\":80,\"version\":5.0}"));

        assertThat(d1().getVersion()).isEqualTo(8);
        assertThat(d1().getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(d1().getActivities()).extracting(DealActivity::id).containsExactly("a1");
        Contact c1 = root.contacts().byId("c1");
        assertThat(c1.getVersion()).isEqualTo(5);
        assertThat(c1.getHealthScore()).isEqualTo(80);
        assertThat(counts().applied()).isEqualTo(5);
        assertThat(mapper.toJson(d1()).get("version").getAsLong()).as("written back").isEqualTo(8);
        assertThat(mapper.toJson(root.deals().byId("d2")).has("version")).as("no version, none written").isFalse();
    }

    @Test
    void anEventWhoseVersionIsNotAboveTheRecordsIsStaleAndSkipped() {
        long revision = d1().getRevision();
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":1},\"version\":5}"));
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":2},\"version\":4}"));
        live.send("deal:stage_changed", json("{\"id\":\"d1\",\"stage\":\"closed-lost\",\"version\":5}"));
        live.send("deal:activity_added", json("{\"dealId\":\"d1\",\"activity\":{\"id\":\"a9\",\"type\":\"call\","
                + "\"date\":\"2026-02-03T10:00:00Z\"},\"version\":5}"));
        live.send("contact:updated", json("{\"id\":\"c1\",\"changes\":{\"name\":\"Old\"},\"version\":3}"));
        live.send("contact:health_changed", json("{\"id\":\"c1\",\"newScore\":1,\"version\":2}"));

        assertThat(d1().getValue()).isEqualTo(1000);
        assertThat(d1().getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(d1().getActivities()).isEmpty();
        assertThat(d1().getVersion()).isEqualTo(5);
        assertThat(d1().getRevision()).isEqualTo(revision);
        assertThat(root.contacts().byId("c1").getName()).isEqualTo("Ann");
        assertThat(root.contacts().byId("c1").getHealthScore()).isEqualTo(55);
        assertThat(counts().ignored()).isEqualTo(6);
        assertThat(counts().applied()).isZero();
        assertThat(remoteChanges).isEmpty();
    }

    @Test
    void withoutAVersionOnEitherSideNothingIsSkipped() {
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":1}}"));
        live.send("deal:updated", json("{\"id\":\"d2\",\"changes\":{\"value\":2},\"version\":1}"));
        live.send("deal:updated", json("{\"id\":\"d2\",\"changes\":{\"value\":3}}"));

        assertThat(d1().getValue()).isEqualTo(1);
        assertThat(d1().getVersion()).as("an event without a version leaves the known one").isEqualTo(5);
        assertThat(root.deals().byId("d2").getValue()).isEqualTo(3);
        assertThat(root.deals().byId("d2").getVersion()).isEqualTo(1);
        assertThat(counts().applied()).isEqualTo(3);
    }

    @Test
    void aVersionOnlyChangeIsNoVisibleChange() {
        long revision = d1().getRevision();
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":1000},\"version\":6}"));

        assertThat(d1().getVersion()).isEqualTo(6);
        assertThat(d1().getRevision()).as("nothing a rep sees moved: no flash, no redraw").isEqualTo(revision);
        assertThat(remoteChanges).isEmpty();
    }

    @Test
    void aBadVersionRejectsTheEventWhole() {
        for (String bad : List.of("0", "-2", "1.5", "\"seven\"", "true", "{}")) {
            live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":1},\"version\":" + bad + "}"));
        }
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":1,\"version\":\"x\"}}"));

        assertThat(counts().rejected()).isEqualTo(7);
        assertThat(d1().getValue()).isEqualTo(1000);
    }

    @Test
    void aCreatedDealThatExistsIsIgnoredWhenBothHaveVersions() {
        live.send("deal:created", json("{\"id\":\"d1\",\"title\":\"Replayed\",\"stage\":\"prospect\",\"version\":1}"));

        assertThat(d1().getTitle()).isEqualTo("One");
        assertThat(root.deals().getDeals()).hasSize(2);
        assertThat(counts().ignored()).isEqualTo(1);
    }

    @Test
    void dealDeletedLeavesTheStoreTheColumnAndTheSelectionAndIsToldToTheViews() {
        root.deals().select("d1");
        assertThat(root.deals().dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("d1");

        live.send("deal:deleted", json("{\"id\":\"d1\",\"version\":6}"));

        assertThat(root.deals().byId("d1")).isNull();
        assertThat(root.deals().getDeals()).extracting(Deal::getId).containsExactly("d2");
        assertThat(root.deals().dealsInStage(DealStage.PROPOSAL)).isEmpty();
        assertThat(root.deals().stageSummaryProperty(DealStage.PROPOSAL).get().count()).isZero();
        assertThat(root.deals().selectedDealProperty().get()).isNull();
        assertThat(remoteChanges).containsExactly(new RemoteChange(RemoteChange.Kind.DELETED, "d1"));
        assertThat(counts().applied()).isEqualTo(1);
    }

    @Test
    void aDeletionOfAnUnknownDealChangesNothing() {
        live.send("deal:deleted", json("{\"id\":\"d1\",\"version\":6}"));
        live.send("deal:deleted", json("{\"id\":\"d1\",\"version\":6}"));
        live.send("deal:deleted", json("{\"id\":\"nope\"}"));
        live.send("deal:deleted", json("{\"version\":6}"));

        assertThat(counts().applied()).isEqualTo(1);
        assertThat(counts().ignored()).isEqualTo(2);
        assertThat(counts().rejected()).as("no id").isEqualTo(1);
        assertThat(counts().unknown()).as("no longer an unknown event").isZero();
        assertThat(root.deals().getDeals()).extracting(Deal::getId).containsExactly("d2");
    }

    @Test
    void notificationUpdatedSetsTheReadStateAndTheUnreadCount() {
        live.send("notification:updated", json("{\"id\":\"n1\",\"changes\":{\"read\":true}}"));
        assertThat(root.notifications().byId("n1").isRead()).isTrue();
        assertThat(root.notifications().getUnreadCount()).isZero();

        live.send("notification:updated", json("{\"id\":\"n1\",\"changes\":{\"read\":false}}"));
        assertThat(root.notifications().getUnreadCount()).isEqualTo(1);

        live.send("notification:updated", json("{\"id\":\"nope\",\"changes\":{\"read\":true}}"));
        live.send("notification:updated", json("{\"id\":\"n1\",\"changes\":{}}"));
        live.send("notification:updated", json("{\"id\":\"n1\",\"changes\":{\"read\":\"maybe\"}}"));
        assertThat(counts().applied()).isEqualTo(2);
        assertThat(counts().ignored()).isEqualTo(1);
        assertThat(counts().rejected()).isEqualTo(2);
        assertThat(counts().unknown()).isZero();
    }

    @Test
    void aDetailsAnswerOlderThanTheStoreIsNotMergedOverIt() {
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"title\":\"Newer\"},\"version\":7}"));
        Deal fetchedBefore = mapper.deal(json("{\"id\":\"d1\",\"title\":\"Older\",\"stage\":\"proposal\",\"version\":6}")).value();

        assertThat(root.deals().mergeDetails(fetchedBefore)).isFalse();
        assertThat(d1().getTitle()).isEqualTo("Newer");
        assertThat(d1().getVersion()).isEqualTo(7);
    }
}
