package com.flowcrm.store;

import static com.flowcrm.store.Frames.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.change.DealActivityAdded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rep's own activity reaches the store twice: first as the answer to the POST (no version), then as the server's
 * versioned {@code deal:activity_added}, possibly after a catch-up applied older changes in between. The soak (issue
 * 16) found such deals a version behind the server, with their activities out of order and an older lastActivity,
 * because the event was dropped as a repeat.
 */
class OwnActivityThenEventTest {
    private final JsonMapper mapper = JsonMapper.create();
    private RootStore root;
    private LiveFrames live;

    @BeforeEach
    void load() {
        root = new RootStore(Runnable::run);
        live = new LiveFrames(root);
        root.deals().loadSnapshot(List.of(mapper.deal(json("{\"id\":\"d1\",\"title\":\"One\",\"stage\":\"proposal\","
                + "\"value\":1000,\"lastActivity\":\"2026-02-03T09:00:00Z\",\"version\":16}")).value()));
    }

    private Deal d1() {
        return root.deals().byId("d1");
    }

    private static DealActivity activity(String id, String date) {
        return new DealActivity(id, ActivityType.EMAIL, Instant.parse(date), "sent the revised quote", null, null);
    }

    @Test
    void theEventOfAnActivityAlreadyShownStillBringsItsVersionItsPlaceAndItsDate() {
        // the POST's answer: shown at once
        root.deals().applyActivity(new DealActivityAdded("d1", activity("a-mine", "2026-02-03T10:00:23Z")));
        // after a reconnect, the catch-up: first a colleague's activity and edit older than mine...
        live.send("deal:activity_added", json("{\"dealId\":\"d1\",\"activity\":{\"id\":\"a-older\",\"type\":\"call\","
                + "\"date\":\"2026-02-03T10:00:10Z\",\"description\":\"Called\"},\"version\":17}"));
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":1200,"
                + "\"lastActivity\":\"2026-02-03T10:00:18Z\"},\"version\":18}"));
        // ...then mine, as the server logged it
        live.send("deal:activity_added", json("{\"dealId\":\"d1\",\"activity\":{\"id\":\"a-mine\",\"type\":\"email\","
                + "\"date\":\"2026-02-03T10:00:23Z\",\"description\":\"sent the revised quote\"},\"version\":19}"));

        assertThat(d1().getVersion()).isEqualTo(19);
        assertThat(d1().getActivities()).extracting(DealActivity::id).containsExactly("a-mine", "a-older");
        assertThat(d1().getLastActivity()).isEqualTo(Instant.parse("2026-02-03T10:00:23Z"));
    }

    @Test
    void aRepeatWithoutAVersionChangesNothing() {
        live.send("deal:activity_added", json("{\"dealId\":\"d1\",\"activity\":{\"id\":\"a1\",\"type\":\"call\","
                + "\"date\":\"2026-02-03T10:00:10Z\",\"description\":\"Called\"},\"version\":17}"));
        long revision = d1().getRevision();

        root.deals().applyActivity(new DealActivityAdded("d1", activity("a1", "2026-02-03T10:00:10Z")));

        assertThat(d1().getActivities()).extracting(DealActivity::id).containsExactly("a1");
        assertThat(d1().getVersion()).isEqualTo(17);
        assertThat(d1().getRevision()).isEqualTo(revision);
    }

    @Test
    void anActivityDatedBeforeTheLastOneLeavesLastActivityAsTheServerDoes() {
        live.send("deal:activity_added", json("{\"dealId\":\"d1\",\"activity\":{\"id\":\"a1\",\"type\":\"note\","
                + "\"date\":\"2026-02-01T08:00:00Z\",\"description\":\"Back-dated note\"},\"version\":17}"));

        assertThat(d1().getActivities()).extracting(DealActivity::id).containsExactly("a1");
        assertThat(d1().getLastActivity()).isEqualTo(Instant.parse("2026-02-03T09:00:00Z"));
    }
}
