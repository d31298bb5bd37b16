package com.flowcrm.ui.pipeline;

import static com.flowcrm.ui.deal.LiveDemoSession.PATIENCE;
import static com.flowcrm.ui.deal.LiveDemoSession.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.deal.LiveDemoSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * One selection on the board against the demo backend: after a click, a drag, a keyboard move, a refused drop or
 * a refused keyboard move, exactly one column shows a selected card, and it is the card the rep last handled.
 */
class BoardSelectionTest {
    private final FxRobot robot = new FxRobot();
    private LiveDemoSession live;

    @BeforeAll
    static void toolkit() throws Exception {
        LiveDemoSession.prepareToolkit();
    }

    @BeforeEach
    void showBoard() throws Exception {
        live = LiveDemoSession.start();
        Navigator nowhere = new Navigator() {
            @Override
            public void showDeal(String dealId) {
            }

            @Override
            public void showContact(String contactId) {
            }

            @Override
            public void showDeals(com.flowcrm.store.DealFocus focus) {
                throw new AssertionError("this view opens no focused board: " + focus.label());
            }
        };
        LiveDemoSession.show(() -> new PipelineView(live.session(), nowhere));
    }

    @AfterEach
    void closeBoard() throws Exception {
        FxToolkit.cleanupStages();
        live.close();
    }

    @Test
    void selectingACardInOneColumnClearsEveryOtherColumn() throws Exception {
        robot.clickOn(cell(DealStage.PROSPECT, 0));
        assertThat(onFx(this::selections)).containsExactly(Map.entry("Prospect", id(DealStage.PROSPECT, 0)));

        String qualified = id(DealStage.QUALIFIED, 1);
        robot.clickOn(cell(DealStage.QUALIFIED, 1));
        assertThat(onFx(this::selections)).containsExactly(Map.entry("Qualified", qualified));

        // the arrow keys move the one selection to the neighbouring column
        robot.type(KeyCode.RIGHT);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onFx(this::selections)).hasSize(1).containsKey("Proposal"));
    }

    @Test
    void aDraggedCardIsTheOnlySelectionInItsNewColumn() throws Exception {
        robot.clickOn(cell(DealStage.PROPOSAL, 0));
        String dragged = id(DealStage.PROSPECT, 0);
        robot.drag(cell(DealStage.PROSPECT, 0), MouseButton.PRIMARY).dropTo(robot.lookup("#list-negotiation").<Node>query());

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(live.server().deal(dragged).get("stage").getAsString()).isEqualTo("negotiation");
            assertThat(onFx(this::selections)).containsExactly(Map.entry("Negotiation", dragged));
            assertThat(onFx(() -> list(DealStage.NEGOTIATION).isFocused())).isTrue();
        });
    }

    @Test
    void afterARefusedDropTheDraggedCardIsTheOnlySelectionBackInItsColumn() throws Exception {
        robot.clickOn(cell(DealStage.PROSPECT, 0));
        String dragged = id(DealStage.QUALIFIED, 0);
        live.server().refuseNextStageChange(409, "Deal is locked for review");
        robot.drag(cell(DealStage.QUALIFIED, 0), MouseButton.PRIMARY).dropTo(robot.lookup("#list-proposal").<Node>query());

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> ids(DealStage.QUALIFIED))).contains(dragged);
            assertThat(onFx(() -> ids(DealStage.PROPOSAL))).doesNotContain(dragged);
            assertThat(onFx(this::selections)).containsExactly(Map.entry("Qualified", dragged));
            assertThat(onFx(() -> list(DealStage.QUALIFIED).isFocused())).isTrue();
        });
        assertThat(live.server().deal(dragged).get("stage").getAsString()).isEqualTo("qualified");

        // the keyboard carries on from the card that came back
        int index = onFx(() -> list(DealStage.QUALIFIED).getItems().indexOf(deal(dragged)));
        robot.type(KeyCode.DOWN);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onFx(this::selections))
                .containsExactly(Map.entry("Qualified", id(DealStage.QUALIFIED, index + 1))));
    }

    @Test
    void aKeyboardMoveKeepsTheMovedCardTheOnlySelectionAndARefusedOneBringsItBack() throws Exception {
        String moved = id(DealStage.PROPOSAL, 0);
        robot.clickOn(cell(DealStage.PROPOSAL, 0));
        moveWithKeyboard(KeyCode.RIGHT);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(live.server().deal(moved).get("stage").getAsString()).isEqualTo("negotiation");
            assertThat(onFx(this::selections)).containsExactly(Map.entry("Negotiation", moved));
            assertThat(onFx(() -> list(DealStage.NEGOTIATION).isFocused())).isTrue();
        });

        live.server().refuseNextStageChange(409, "Deal is locked for review");
        moveWithKeyboard(KeyCode.RIGHT);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> robot.lookup("#board-message").<javafx.scene.control.Label>query().getText()))
                    .contains("Deal is locked for review");
            assertThat(onFx(() -> ids(DealStage.NEGOTIATION))).contains(moved);
            assertThat(onFx(this::selections)).containsExactly(Map.entry("Negotiation", moved));
            assertThat(onFx(() -> list(DealStage.NEGOTIATION).isFocused())).isTrue();
        });
        assertThat(live.server().deal(moved).get("stage").getAsString()).isEqualTo("negotiation");
    }

    @Test
    void theSelectionFollowsACardAColleagueMoves() throws Exception {
        String id = id(DealStage.QUALIFIED, 0);
        robot.clickOn(cell(DealStage.QUALIFIED, 0));
        live.server().changeDealStage(id, "closed-won");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> ids(DealStage.CLOSED_WON))).contains(id);
            assertThat(onFx(this::selections)).containsExactly(Map.entry("Closed won", id));
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void moveWithKeyboard(KeyCode direction) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, direction).release(direction, KeyCode.SHIFT, KeyCode.CONTROL);
    }

    /** Column label -> id of its selected card, for every column that has one. */
    private Map<String, String> selections() {
        Map<String, String> selected = new TreeMap<>();
        for (DealStage stage : DealStage.values()) {
            Deal deal = list(stage).getSelectionModel().getSelectedItem();
            if (deal != null) {
                selected.put(stage.label(), deal.getId());
            }
        }
        return selected;
    }

    private ListView<Deal> list(DealStage stage) {
        return robot.lookup("#list-" + stage.wireName()).query();
    }

    private List<String> ids(DealStage stage) {
        return new ArrayList<>(list(stage).getItems().stream().map(Deal::getId).toList());
    }

    private String id(DealStage stage, int index) throws Exception {
        return onFx(() -> list(stage).getItems().get(index).getId());
    }

    private Deal deal(String id) {
        for (DealStage stage : DealStage.values()) {
            for (Deal deal : list(stage).getItems()) {
                if (deal.getId().equals(id)) {
                    return deal;
                }
            }
        }
        throw new AssertionError("no card for " + id);
    }

    private DealCardCell cell(DealStage stage, int index) throws Exception {
        String id = id(stage, index);
        return onFx(() -> robot.from(list(stage)).lookup(".deal-card-cell").queryAllAs(DealCardCell.class).stream()
                .filter(c -> !c.isEmpty() && c.getItem() != null && c.getItem().getId().equals(id) && c.isVisible())
                .findFirst().orElseThrow());
    }
}
