package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.ui.kit.LiveScrollPane;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * The six stage columns side by side, with one selection across them ({@link BoardSelection}), keyboard navigation
 * (arrows move the selection, Enter opens the deal, Ctrl+Shift+Left/Right moves it one stage) and drag and drop
 * between them.
 */
final class PipelineBoard extends StackPane {
    private static final double COLUMN_MIN_WIDTH = 184;
    private static final double COLLAPSED_WIDTH = 52;

    private final PipelineViewModel viewModel;
    private final List<StageColumn> columns = new ArrayList<>();
    private final BoardSelection selection = new BoardSelection();

    PipelineBoard(PipelineViewModel viewModel, Clock clock) {
        this.viewModel = viewModel;
        getStyleClass().add("pipeline-board");
        Pane overlay = new Pane();
        CardDragGesture drag = new CardDragGesture(overlay, viewModel, selection);
        HBox row = new HBox(10);
        row.getStyleClass().add("board-columns");
        for (DealStage stage : DealStage.values()) {
            StageColumn column = new StageColumn(stage, viewModel, drag, selection, clock);
            columns.add(column);
            drag.attachTarget(column);
            sizeColumn(column);
            row.getChildren().add(column);
            column.list().addEventFilter(KeyEvent.KEY_PRESSED, e -> onKey(column, e));
        }
        ScrollPane scroller = new LiveScrollPane(row);
        scroller.getStyleClass().add("board-scroller");
        scroller.setFitToHeight(true);
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        getChildren().addAll(scroller, overlay);

    }

    private static void sizeColumn(StageColumn column) {
        column.setMinWidth(COLUMN_MIN_WIDTH);
        column.setPrefWidth(COLUMN_MIN_WIDTH);
        column.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(column, Priority.ALWAYS);
        column.collapsedProperty().addListener((obs, was, collapsed) -> {
            double width = collapsed ? COLLAPSED_WIDTH : COLUMN_MIN_WIDTH;
            column.setMinWidth(width);
            column.setPrefWidth(width);
            column.setMaxWidth(collapsed ? COLLAPSED_WIDTH : Double.MAX_VALUE);
            HBox.setHgrow(column, collapsed ? Priority.NEVER : Priority.ALWAYS);
        });
    }

    private void onKey(StageColumn column, KeyEvent e) {
        KeyCode code = e.getCode();
        boolean horizontal = code == KeyCode.LEFT || code == KeyCode.RIGHT;
        int direction = code == KeyCode.LEFT ? -1 : 1;
        Deal selected = column.list().getSelectionModel().getSelectedItem();
        if (horizontal && e.isShiftDown() && (e.isControlDown() || e.isShortcutDown())) {
            e.consume();
            if (selected != null) {
                DealStage target = direction < 0 ? selected.getStage().previous() : selected.getStage().next();
                column(target).collapsedProperty().set(false);
                // the selection and the keyboard focus follow the card to its new column, and back if refused
                selection.select(selected);
                viewModel.moveBy(selected, direction);
            }
        } else if (horizontal && !e.isShiftDown() && !e.isControlDown() && !e.isAltDown()) {
            e.consume();
            focusNeighbour(column, direction);
        } else if (code == KeyCode.ENTER && selected != null) {
            e.consume();
            viewModel.openDealProperty().set(selected);
        }
    }

    private void focusNeighbour(StageColumn from, int direction) {
        int index = columns.indexOf(from);
        int row = Math.max(0, from.list().getSelectionModel().getSelectedIndex());
        for (int i = index + direction; i >= 0 && i < columns.size(); i += direction) {
            StageColumn next = columns.get(i);
            ListView<Deal> list = next.list();
            if (!next.collapsedProperty().get() && !list.getItems().isEmpty()) {
                int target = Math.min(row, list.getItems().size() - 1);
                list.requestFocus();
                list.getSelectionModel().clearAndSelect(target);
                list.getFocusModel().focus(target);
                next.scrollIntoView(target);
                return;
            }
        }
    }

    StageColumn column(DealStage stage) {
        return columns.get(stage.ordinal());
    }

    /** Selects the deal in its column (expanding it if collapsed) and gives that column the focus. */
    void select(Deal deal) {
        StageColumn column = column(deal.getStage());
        column.collapsedProperty().set(false);
        column.list().requestFocus();
        selection.select(deal);
    }

}
