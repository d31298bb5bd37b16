package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ListView;
import javafx.scene.control.MultipleSelectionModel;

/**
 * The one selected card of the board. Each column's ListView has a selection model of its own, and a ListView moves
 * its selection to a neighbouring card when the selected one leaves its list, so after a move or a rolled-back drop
 * two columns showed a selected card. Here the board's selection is one deal; a column's selection only mirrors it:
 * the column holding that deal selects it, every other column selects nothing, also while the deal moves between
 * columns (a drag, a keyboard move, a refused move rolled back, a colleague's change).
 *
 * <p>A selection change in a column counts as the rep's choice unless it happens while that column's list is
 * changing: {@link #beforeListOver} hears of each change before the ListView does, so the ListView's own shuffling
 * of its selection during the change is ignored and put right once the change is through.
 */
final class BoardSelection {
    private final ObjectProperty<Deal> selected = new SimpleObjectProperty<>(this, "selected");
    private final List<StageColumn> columns = new ArrayList<>();
    private int changing;
    private boolean mirroring;

    BoardSelection() {
        selected.addListener((obs, old, deal) -> mirrorAll());
    }

    /** Makes the deal the board's selection, selected in whichever column shows it and in no other, and in sight. */
    void select(Deal deal) {
        selected.set(deal);
        for (StageColumn column : columns) {
            int index = deal == null || deal.getStage() != column.stage() ? -1 : column.list().getItems().indexOf(deal);
            if (index >= 0) {
                column.scrollIntoView(index);
            }
        }
    }

    /** Call with a column's deals before the ListView over them is created, so this listener runs before the list's. */
    void beforeListOver(ObservableList<Deal> deals) {
        deals.addListener((ListChangeListener<Deal>) change -> changing++);
    }

    /** Mirrors the board's selection in the column and takes the rep's selections in it as the board's. */
    void attach(StageColumn column) {
        columns.add(column);
        ListView<Deal> list = column.list();
        list.getItems().addListener((ListChangeListener<Deal>) change -> {
            changing--;
            if (changing == 0) {
                mirror(column);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, deal) -> {
            if (mirroring || changing > 0) {
                return;
            }
            if (deal != null) {
                selected.set(deal);
            } else if (old == selected.get()) {
                // the rep deselected it (Ctrl+click)
                selected.set(null);
            }
        });
    }

    private void mirrorAll() {
        for (StageColumn column : columns) {
            mirror(column);
        }
    }

    /**
     * Cheap on every change of a column's list: a column that cannot hold the deal (another stage) at most clears,
     * and the holder looks the deal up only when it does not have it selected already, i.e. after it moved.
     */
    private void mirror(StageColumn column) {
        Deal deal = selected.get();
        ListView<Deal> list = column.list();
        MultipleSelectionModel<Deal> model = list.getSelectionModel();
        mirroring = true;
        try {
            if (deal == null || deal.getStage() != column.stage()) {
                if (!model.isEmpty()) {
                    model.clearSelection();
                }
                return;
            }
            int current = model.getSelectedIndex();
            if (current >= 0 && current < list.getItems().size() && list.getItems().get(current) == deal) {
                return;
            }
            int index = list.getItems().indexOf(deal);
            if (index < 0) {
                // the filter or the search hides it; it is selected again when it shows
                model.clearSelection();
                return;
            }
            model.clearAndSelect(index);
            list.getFocusModel().focus(index);
            column.scrollIntoView(index);
            if (focusIsOnAnotherColumn(column)) {
                list.requestFocus();
            }
        } finally {
            mirroring = false;
        }
    }

    /** The keyboard follows the card when it changes column under the rep's hands, never away from a text field. */
    private boolean focusIsOnAnotherColumn(StageColumn holder) {
        for (StageColumn column : columns) {
            if (column != holder && column.list().isFocused()) {
                return true;
            }
        }
        return false;
    }
}
