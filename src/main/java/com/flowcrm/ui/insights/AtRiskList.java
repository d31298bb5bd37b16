package com.flowcrm.ui.insights;

import com.flowcrm.store.insights.AtRiskDeal;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.ListItems;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The deals at risk, highest value first, each saying why; a click (or Enter) opens the deal. */
final class AtRiskList {
    static final double ROW_HEIGHT = 66;

    private final ListView<AtRiskDeal> list = new ListView<>();

    AtRiskList(Consumer<String> openDeal) {
        OpeningList.setUp(list, "at-risk-list", ROW_HEIGHT, "No deal at risk. Nothing idle, late or flagged.",
                deal -> openDeal.accept(deal.id()));
        list.setCellFactory(v -> new Row(openDeal));
    }

    ListView<AtRiskDeal> node() {
        return list;
    }

    /** Replaces the rows; the list keeps its cells and redraws only what is visible. */
    void show(List<AtRiskDeal> deals) {
        ListItems.showComputed(list, deals);
    }

    /** A row: built once per cell, an update rewrites its texts. */
    private static final class Row extends ListCell<AtRiskDeal> {
        private final Region dot = new Region();
        private final Label title = new Label();
        private final Label value = new Label();
        private final Label meta = new Label();
        private final Label reasons = new Label();
        private final javafx.scene.control.Tooltip reasonsTip = new javafx.scene.control.Tooltip();
        private final HBox graphic;

        Row(Consumer<String> openDeal) {
            getStyleClass().add("at-risk-row");
            dot.getStyleClass().addAll("stage-dot", "stage-badge");
            title.getStyleClass().add("at-risk-title");
            title.setMinWidth(0);
            value.getStyleClass().add("at-risk-value");
            value.setMinWidth(Region.USE_PREF_SIZE);
            meta.getStyleClass().add("at-risk-meta");
            meta.setMinWidth(0);
            reasons.getStyleClass().add("at-risk-reasons");
            reasons.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
            reasons.setMinWidth(0);
            reasons.setTooltip(reasonsTip);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(8, title, spacer, value);
            top.setAlignment(Pos.CENTER_LEFT);
            VBox text = new VBox(2, top, meta, reasons);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            graphic = new HBox(10, dot, text);
            graphic.setAlignment(Pos.TOP_LEFT);
            graphic.setMinWidth(0);
            setPrefWidth(0);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            OpeningList.openOnClick(this, deal -> openDeal.accept(deal.id()));
        }

        @Override
        protected void updateItem(AtRiskDeal deal, boolean empty) {
            super.updateItem(deal, empty);
            if (empty || deal == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            dot.getStyleClass().removeIf(c -> c.startsWith("stage-") && !c.equals("stage-dot") && !c.equals("stage-badge"));
            dot.getStyleClass().add(StageStyles.of(deal.stage()));
            title.setText(deal.title());
            value.setText(DisplayFormats.compactMoney(deal.value()));
            meta.setText((deal.company().isBlank() ? "" : deal.company() + " \u00b7 ") + deal.stage().label());
            reasons.setText(String.join(" \u00b7 ", deal.reasons()));
            reasonsTip.setText(String.join("\n", deal.reasons()));
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("rotting"), deal.rotting());
            setAccessibleText(deal.title() + ", " + DisplayFormats.money(deal.value()) + ", " + String.join(", ", deal.reasons()));
            setGraphic(graphic);
        }
    }
}
