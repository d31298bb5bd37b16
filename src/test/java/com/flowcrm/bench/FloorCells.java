package com.flowcrm.bench;

import com.flowcrm.model.Deal;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.text.Text;

/**
 * The floor experiment's board ({@code -Dbench.boardCells=text}): every board column keeps its list, its fixed cell
 * height, its data and its place in the window, but a card is one {@code Text} node (the deal's title and value,
 * rewritten when the deal changes). What the latency profile still spends with it is JavaFX's own work (the lists
 * re-binding their cells, the pulse, the bounds walk, the software renderer) and our stores and other views: the
 * difference to the real board is what our cards cost.
 */
final class FloorCells {
    static final String PROPERTY = "bench.boardCells";
    static final String STYLE_CLASS = "floor-text-cell";

    private FloorCells() {
    }

    /** Whether the run replaces the board's cards (the property is {@code text}); anything else is refused. */
    static boolean enabled() {
        String value = System.getProperty(PROPERTY, "").strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("cards")) {
            return false;
        }
        if (!value.equals("text")) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected text or cards");
        }
        return true;
    }

    /** On the FX thread, with the scene shown (the lists exist once their skins do): one Text per board cell. */
    @SuppressWarnings("unchecked")
    static int apply(Scene scene) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        int lists = 0;
        for (Node node : scene.getRoot().lookupAll(".deal-list")) {
            if (node instanceof ListView<?> list) {
                ((ListView<Deal>) list).setCellFactory(lv -> new TextCell());
                lists++;
            }
        }
        if (lists == 0) {
            throw new IllegalStateException("-D" + PROPERTY + "=text: no board list (.deal-list) in the scene");
        }
        return lists;
    }

    /** A board cell that is one Text: follows its deal's revision like the real cell, lays out inside itself. */
    private static final class TextCell extends ListCell<Deal> {
        private final Text text = new Text();
        private final InvalidationListener changed = o -> write();
        private final WeakInvalidationListener weakChanged = new WeakInvalidationListener(changed);
        private Deal watched;

        TextCell() {
            getStyleClass().add(STYLE_CLASS);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Deal deal, boolean empty) {
            super.updateItem(deal, empty);
            Deal next = empty ? null : deal;
            if (next != watched) {
                if (watched != null) {
                    watched.revisionProperty().removeListener(weakChanged);
                }
                watched = next;
                if (next != null) {
                    next.revisionProperty().addListener(weakChanged);
                }
            }
            write();
            setGraphic(next == null ? null : text);
        }

        private void write() {
            Deal deal = watched;
            text.setText(deal == null ? "" : deal.getTitle() + "  $" + Math.round(deal.getValue()));
        }

        /** As the real cell: the list gives it a fixed size, so a changed text is laid out inside it. */
        @Override
        public void requestLayout() {
            setNeedsLayout(true);
        }
    }
}
