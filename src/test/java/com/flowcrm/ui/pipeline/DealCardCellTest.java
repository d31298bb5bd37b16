package com.flowcrm.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.FakeCrmApi;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionCommands;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.FxPulses;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * A board cell writes its card once per pulse, for what it shows when the frame is drawn: a batch of live events that
 * shifts a column five times, or changes one deal ten times, costs each visible card one rewrite, and a cell re-bound to
 * the deal it already shows, unchanged, costs none.
 */
class DealCardCellTest {
    private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ObservableList<Deal> column = FXCollections.observableArrayList();
    private ListView<Deal> list;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs the work on the FX thread, then waits until a pulse has laid the scene out after it. */
    private <T> T onFx(Callable<T> work) throws Exception {
        return FxPulses.onFxThenPulse(stage, work);
    }

    private static Deal deal(String id, double value) {
        Deal deal = new Deal(id);
        deal.setTitle("Deal " + id);
        deal.setCompany("Company " + id);
        deal.setStage(DealStage.QUALIFIED);
        deal.setValue(value);
        deal.setLastActivity(NOW);
        return deal;
    }

    @BeforeEach
    void show() throws Exception {
        for (int i = 0; i < 20; i++) {
            column.add(deal("d" + i, 10_000 + i * 1_000));
        }
        PipelineViewModel viewModel = new PipelineViewModel(
                new SessionCommands(new RootStore(Runnable::run), FakeCrmApi::new, reason -> { }));
        CardDragGesture drag = new CardDragGesture(new Pane(), viewModel, new BoardSelection());
        onFx(() -> {
            list = new ListView<>(column);
            list.setFixedCellSize(StageColumn.CARD_CELL_HEIGHT);
            list.setCellFactory(lv -> new DealCardCell(viewModel, CLOCK, drag));
            list.getStylesheets().add(PipelineView.STYLESHEET);
            stage = new Stage();
            stage.setScene(new Scene(new StackPane(list), 320, 640));
            stage.show();
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        Stage shown = stage;
        stage = null;
        onFx(() -> {
            shown.close();
            return null;
        });
    }

    private List<DealCardCell> visibleCells() {
        List<DealCardCell> cells = new ArrayList<>();
        for (javafx.scene.Node node : list.lookupAll(".deal-card-cell")) {
            if (node instanceof DealCardCell cell && cell.isVisible() && cell.getItem() != null) {
                cells.add(cell);
            }
        }
        return cells;
    }

    private int rewrites() {
        return list.lookupAll(".deal-card-cell").stream().mapToInt(n -> ((DealCardCell) n).rewrites()).sum();
    }

    @Test
    void fiveDealsInsertedAtTheTopInOneBatchWriteEachVisibleCardOnce() throws Exception {
        int visible = onFx(() -> visibleCells().size());
        assertThat(visible).as("a screenful of cards").isBetween(3, 8);
        int before = onFx(this::rewrites);

        onFx(() -> {
            for (int i = 0; i < 5; i++) {
                column.add(0, deal("new" + i, 500_000 + i * 1_000));
            }
            return null;
        });

        int written = onFx(this::rewrites) - before;
        assertThat(written).as("each visible card written once, not once per insert").isLessThanOrEqualTo(visible + 1);
        assertThat(onFx(() -> visibleCells().stream().allMatch(c -> c.card().titleText().equals(c.getItem().getTitle())
                && c.card().valueText().equals(DisplayFormats.compactMoney(c.getItem().getValue())))))
                .as("every card shows its own deal").isTrue();
        assertThat(onFx(() -> list.lookupAll(".deal-card-cell").stream().map(n -> (DealCardCell) n)
                .filter(c -> c.getItem() != null && c.getIndex() == 0).findFirst().orElseThrow().card().titleText()))
                .isEqualTo("Deal new4");
    }

    @Test
    void tenChangesOfOneDealInOneBatchWriteItsCardOnceWithTheLastValue() throws Exception {
        Deal first = column.get(0);
        DealCardCell cell = onFx(() -> visibleCells().stream().filter(c -> c.getItem() == first).findFirst().orElseThrow());
        int before = onFx(cell::rewrites);

        onFx(() -> {
            for (int i = 1; i <= 10; i++) {
                first.setValue(100_000 * i);
                first.markChanged();
            }
            return null;
        });

        assertThat(onFx(cell::rewrites) - before).isEqualTo(1);
        assertThat(onFx(() -> cell.card().valueText())).isEqualTo(DisplayFormats.compactMoney(1_000_000));
    }

    @Test
    void cellsReboundToTheDealsTheyShowUnchangedDoNotWriteTheirCardsAgain() throws Exception {
        int visible = onFx(() -> visibleCells().size());
        int before = onFx(this::rewrites);

        // a deal leaves the column below the top card and another arrives on top: every cell from the second one down
        // is re-bound twice and ends on the deal it showed
        onFx(() -> {
            column.remove(1);
            column.add(0, deal("arrived", 42_000));
            return null;
        });

        assertThat(visible).isGreaterThan(3);
        assertThat(onFx(this::rewrites) - before).as("only the two cards whose deal changed").isEqualTo(2);
        assertThat(onFx(() -> visibleCells().stream().allMatch(c -> c.card().titleText().equals(c.getItem().getTitle()))))
                .isTrue();

        Deal second = column.get(2);
        int now = onFx(this::rewrites);
        onFx(() -> {
            second.setTitle("Renamed renewal");
            second.markChanged();
            return null;
        });
        assertThat(onFx(this::rewrites)).as("a new revision is written").isEqualTo(now + 1);
        assertThat(onFx(() -> visibleCells().stream().filter(c -> c.getItem() == second).findFirst().orElseThrow()
                .card().titleText())).isEqualTo("Renamed renewal");
    }
}
