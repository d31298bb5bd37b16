package com.flowcrm.store;

import static com.flowcrm.store.Frames.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootStoreThreadingTest {
    private final JsonMapper mapper = JsonMapper.create();

    @Test
    void tenThousandFramesFromTheSocketThreadAreAppliedInOrderInOneUiRun() throws Exception {
        ManualExecutor ui = new ManualExecutor();
        RootStore root = new RootStore(ui);
        LiveFrames live = new LiveFrames(root);
        root.loadSnapshot(List.of(mapper.deal(Frames.deal("d1", "prospect", 0, 10)).value()), null, null);
        ui.pulse();
        Deal d1 = root.deals().byId("d1");
        List<Double> seenValues = new ArrayList<>();
        d1.valueProperty().addListener((obs, old, now) -> seenValues.add(now.doubleValue()));
        int runsBefore = ui.executeCalls();

        Thread socket = new Thread(() -> {
            for (int i = 1; i <= 10_000; i++) {
                live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":" + i + "}}"));
            }
        }, "socket-read");
        socket.start();
        socket.join();
        assertThat(d1.getValue()).as("the socket thread never touches a model").isZero();
        ui.pulse();

        assertThat(ui.executeCalls() - runsBefore).isEqualTo(1);
        assertThat(seenValues).hasSize(10_000);
        for (int i = 0; i < seenValues.size(); i++) {
            assertThat(seenValues.get(i)).isEqualTo(i + 1.0);
        }
        assertThat(root.counters().snapshot().applied()).isEqualTo(10_000);
        assertThat(root.counters().snapshotProperty().get().applied()).isEqualTo(10_000);
        assertThat(d1.getRevision()).isEqualTo(10_000);
    }

    @Test
    void eventsDuringAResyncAreAppliedAfterTheFreshListSoTheyAreNotLost() {
        ManualExecutor ui = new ManualExecutor();
        RootStore root = new RootStore(ui);
        LiveFrames live = new LiveFrames(root);
        root.loadSnapshot(List.of(mapper.deal(Frames.deal("d1", "prospect", 100, 10)).value()), null, null);
        ui.pulse();
        Deal d1 = root.deals().byId("d1");

        root.beginResync();
        live.send("deal:stage_changed", json("{\"id\":\"d1\",\"stage\":\"negotiation\",\"probability\":80}"));
        live.send("deal:created", Frames.deal("d2", "qualified", 5, 20));
        ui.pulse();
        assertThat(d1.getStage()).as("held back while the fresh list loads").isEqualTo(DealStage.PROSPECT);
        assertThat(root.deals().byId("d2")).isNull();

        // the fresh list was fetched before the stage change happened on the server
        root.completeResync(List.of(mapper.deal(Frames.deal("d1", "proposal", 150, 40)).value()), null, null);
        ui.pulse();
        assertThat(root.deals().byId("d1")).isSameAs(d1);
        assertThat(d1.getValue()).isEqualTo(150);
        assertThat(d1.getStage()).isEqualTo(DealStage.NEGOTIATION);
        assertThat(d1.getProbability()).isEqualTo(80);
        assertThat(root.deals().getDeals()).extracting(Deal::getId).containsExactly("d2", "d1");
        assertThat(root.deals().dealsInStage(DealStage.NEGOTIATION)).containsExactly(d1);
    }

    @Test
    void anAbortedResyncStillAppliesTheHeldEvents() {
        ManualExecutor ui = new ManualExecutor();
        RootStore root = new RootStore(ui);
        LiveFrames live = new LiveFrames(root);
        root.loadSnapshot(List.of(mapper.deal(Frames.deal("d1", "prospect", 100, 10)).value()), null, null);
        ui.pulse();
        root.beginResync();
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":7}}"));
        ui.pulse();
        assertThat(root.deals().byId("d1").getValue()).isEqualTo(100);
        root.abortResync();
        ui.pulse();
        assertThat(root.deals().byId("d1").getValue()).isEqualTo(7);
    }
}
