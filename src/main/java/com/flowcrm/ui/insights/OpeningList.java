package com.flowcrm.ui.insights;

import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/** What the Insights lists share: fixed-height rows, a placeholder, and a click or Enter opening the row's item. */
final class OpeningList {
    private OpeningList() {
    }

    /** Fixed row height (cheap scrolling through thousands), the placeholder text, and Enter opening the selection. */
    static <T> void setUp(ListView<T> list, String id, double rowHeight, String emptyText, Consumer<T> open) {
        list.setId(id);
        list.getStyleClass().add("insights-list");
        list.setFixedCellSize(rowHeight);
        Label empty = new Label(emptyText);
        empty.getStyleClass().add("insights-empty");
        list.setPlaceholder(empty);
        list.setOnKeyPressed(e -> {
            T selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                open.accept(selected);
                e.consume();
            }
        });
    }

    /** A click on the row (not the end of a drag) opens its item. */
    static <T> void openOnClick(ListCell<T> cell, Consumer<T> open) {
        cell.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && cell.getItem() != null) {
                open.accept(cell.getItem());
            }
        });
    }
}
