package com.flowcrm.store;

import static com.flowcrm.store.Frames.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rep's optimistic edit is rolled back when its request fails, but never over what the server said since: a request
 * whose answer was lost (a cut connection) may have been applied, and its event may have arrived before the failure.
 * The soak (issue 16) found a deal shown back in its old stage for good although the server had the move.
 */
class RollbackAfterServerNewsTest {
    private final JsonMapper mapper = JsonMapper.create();
    private RootStore root;
    private LiveFrames live;

    @BeforeEach
    void load() {
        root = new RootStore(Runnable::run);
        live = new LiveFrames(root);
        root.deals().loadSnapshot(List.of(mapper.deal(json("{\"id\":\"d1\",\"title\":\"One\",\"stage\":\"proposal\","
                + "\"value\":1000,\"version\":6}")).value()));
    }

    private Deal d1() {
        return root.deals().byId("d1");
    }

    @Test
    void aMoveWhoseEventArrivedBeforeItsAnswerWasLostStaysWhereTheServerPutIt() {
        LocalEdit move = root.deals().moveToStage("d1", DealStage.PROSPECT);
        live.send("deal:stage_changed", json("{\"id\":\"d1\",\"stage\":\"prospect\",\"probability\":10,\"version\":7}"));
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":1200},\"version\":8}"));

        move.rollback();

        assertThat(d1().getStage()).isEqualTo(DealStage.PROSPECT);
        assertThat(d1().getValue()).isEqualTo(1200);
    }

    @Test
    void aMoveTheServerNeverSawIsRolledBackEvenWhenOtherFieldsChangedMeanwhile() {
        LocalEdit move = root.deals().moveToStage("d1", DealStage.PROSPECT);
        live.send("deal:updated", json("{\"id\":\"d1\",\"changes\":{\"value\":1200},\"version\":7}"));

        move.rollback();

        assertThat(d1().getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(d1().getValue()).isEqualTo(1200);
    }

    @Test
    void aReloadAfterTheEditCountsAsTheServersWordToo() {
        LocalEdit move = root.deals().moveToStage("d1", DealStage.PROSPECT);
        root.deals().reconcile(List.of(mapper.deal(json("{\"id\":\"d1\",\"title\":\"One\",\"stage\":\"qualified\","
                + "\"value\":1000,\"version\":7}")).value()));

        move.rollback();

        assertThat(d1().getStage()).isEqualTo(DealStage.QUALIFIED);
    }
}
