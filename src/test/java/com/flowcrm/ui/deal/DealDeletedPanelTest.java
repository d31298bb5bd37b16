package com.flowcrm.ui.deal;

import static com.flowcrm.ui.deal.LiveDemoSession.PATIENCE;
import static com.flowcrm.ui.deal.LiveDemoSession.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.DealFocus;
import com.flowcrm.store.SyncStatus;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.pipeline.PipelineView;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A deal deleted on the server while a rep has it open (issue 13's {@code deal:deleted}), live and through the
 * catch-up after a reconnect: the card leaves the board, the selection goes, and the open panel stays readable,
 * says the deal was deleted and offers nothing to save.
 */
class DealDeletedPanelTest {
    private final FxRobot robot = new FxRobot();
    private LiveDemoSession live;
    private PipelineView view;

    @BeforeAll
    static void toolkit() throws Exception {
        LiveDemoSession.prepareToolkit();
    }

    @BeforeEach
    void showBoard() throws Exception {
        live = LiveDemoSession.start();
        Navigator navigator = new Navigator() {
            @Override
            public void showDeal(String dealId) {
                view.reveal(dealId);
            }

            @Override
            public void showContact(String contactId) {
            }

            @Override
            public void showDeals(DealFocus focus) {
            }
        };
        view = LiveDemoSession.show(() -> new PipelineView(live.session(), navigator));
    }

    @AfterEach
    void closeBoard() throws Exception {
        FxToolkit.cleanupStages();
        live.close();
    }

    @Test
    void aDealDeletedBySomeoneElseLeavesTheBoardAndTheOpenPanelSaysSo() throws Exception {
        String id = openFirstProposal();

        live.server().deleteDeal(id);

        assertDeletedWhileOpen(id);
        robot.clickOn("#close-details");
        await().atMost(PATIENCE).until(() -> onFx(() -> robot.lookup("#deal-details").tryQuery().isEmpty()));
    }

    @Test
    void aDealDeletedWhileTheConnectionWasDownIsRemovedByTheCatchUp() throws Exception {
        String id = openFirstProposal();
        long catchUpsBefore = live.session().syncStatus().lastCatchUp() == null ? 0 : 1;
        assertThat(catchUpsBefore).isZero();
        assertThat(live.session().syncStatus().mode()).isEqualTo(SyncStatus.Mode.RESUME);

        live.demo().stopWebSocket();
        live.server().deleteDeal(id);
        live.demo().startWebSocket();

        await().atMost(PATIENCE).until(() -> live.session().syncStatus().lastCatchUp() != null);
        assertDeletedWhileOpen(id);
        assertThat(live.session().syncStatus().lastCatchUp().changes()).isGreaterThanOrEqualTo(1);
    }

    private String openFirstProposal() throws Exception {
        String id = onFx(() -> list(DealStage.PROPOSAL).getItems().get(0).getId());
        robot.interact(() -> view.reveal(id));
        await().atMost(PATIENCE).until(() -> onFx(() -> robot.lookup("#deal-details").tryQuery().isPresent()
                && live.session().root().deals().selectedDealProperty().get() != null));
        return id;
    }

    private void assertDeletedWhileOpen(String id) throws Exception {
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> ids(DealStage.PROPOSAL))).doesNotContain(id);
            assertThat(onFx(() -> live.session().root().deals().byId(id))).isNull();
            assertThat(onFx(() -> live.session().root().deals().selectedDealProperty().get())).isNull();
            assertThat(onFx(() -> robot.lookup("#deal-details").tryQuery().isPresent())).as("the panel stays").isTrue();
            assertThat(onFx(() -> robot.lookup("#deal-details-message").queryAs(Label.class).getText()))
                    .isEqualTo(DealDetailsViewModel.DELETED_MESSAGE);
            assertThat(onFx(() -> robot.lookup("#deal-details-message").query().isVisible())).isTrue();
        });
        assertThat(onFx(() -> List.of("#edit-title", "#save-deal", "#activity-description").stream()
                .map(query -> robot.lookup(query).query().isDisabled()).toList()))
                .as("the edit and the activity form offer nothing to send").containsExactly(true, true, true);
    }

    private ListView<Deal> list(DealStage stage) {
        return robot.lookup("#list-" + stage.wireName()).query();
    }

    private List<String> ids(DealStage stage) {
        return list(stage).getItems().stream().map(Deal::getId).toList();
    }
}
