package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.StageSummary;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.ViewChrome;
import java.time.Clock;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * One stage of the board: a header with the stage's name, the count of the deals shown (exact up to 99,999,
 * abbreviated beyond) and their total and weighted value, and a virtualized list of cards. Closed stages can be
 * collapsed to a narrow strip.
 */
final class StageColumn extends VBox {
    /** Every card has the same height, which keeps scrolling through thousands of deals cheap. */
    static final double CARD_CELL_HEIGHT = 150;
    private static final PseudoClass COLLAPSED = PseudoClass.getPseudoClass("collapsed");

    private final DealStage stage;
    private final ListView<Deal> list;
    private final BooleanProperty collapsed = new SimpleBooleanProperty(this, "collapsed");

    StageColumn(DealStage stage, PipelineViewModel viewModel, CardDragGesture drag, BoardSelection selection,
            Clock clock) {
        this.stage = stage;
        getStyleClass().addAll("stage-column", "stage-" + stage.wireName());
        setId("column-" + stage.wireName());
        ReadOnlyObjectProperty<StageSummary> summary = viewModel.summaryProperty(stage);

        Region dot = new Region();
        dot.getStyleClass().add("stage-dot");
        Label name = new Label(stage.label());
        name.getStyleClass().add("column-title");
        name.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox titleRow = new HBox(5, dot, name, spacer);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        titleRow.getStyleClass().add("column-title-row");

        // the count has a line of its own: beside "Negotiation" or "Closed won" and the collapse toggle, five digits
        // do not fit the narrowest column (184 px, what the board gives at the default 1280x800 window)
        Label count = new Label();
        count.getStyleClass().add("column-count");
        count.setId("count-" + stage.wireName());
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> countText(summary.get().count()), summary));
        Label countWord = new Label();
        countWord.getStyleClass().add("column-count-word");
        countWord.textProperty().bind(Bindings.createStringBinding(
                () -> summary.get().count() == 1 ? "deal" : "deals", summary));
        HBox countLine = new HBox(4, count, countWord);
        countLine.setAlignment(Pos.BASELINE_LEFT);
        countLine.getStyleClass().add("column-count-line");

        Label total = new Label();
        total.setId("total-" + stage.wireName());
        total.textProperty().bind(Bindings.createStringBinding(
                () -> DisplayFormats.compactMoney(summary.get().totalValue()), summary));
        Label weighted = new Label();
        weighted.setId("weighted-" + stage.wireName());
        weighted.textProperty().bind(Bindings.createStringBinding(
                () -> DisplayFormats.compactMoney(summary.get().weightedValue()), summary));
        // written when it shows (and while it shows), not on every batch that touches the stage
        Tooltip exact = new Tooltip();
        exact.setOnShowing(e -> exact.setText(exactText(summary.get())));
        summary.addListener((obs, old, now) -> {
            if (exact.isShowing()) {
                exact.setText(exactText(now));
            }
        });
        HBox totalsLine = new HBox(16, columnFigure("Total", total), columnFigure("Weighted", weighted));
        totalsLine.getStyleClass().add("column-totals");
        totalsLine.setId("totals-" + stage.wireName());
        VBox header = new VBox(2, titleRow, countLine, totalsLine);
        header.getStyleClass().add("column-header");
        Tooltip.install(header, exact);

        ObservableList<Deal> deals = viewModel.dealsIn(stage);
        selection.beforeListOver(deals);
        list = new ListView<>(deals);
        list.getStyleClass().add("deal-list");
        list.setId("list-" + stage.wireName());
        list.setFixedCellSize(CARD_CELL_HEIGHT);
        list.setCellFactory(lv -> new DealCardCell(viewModel, clock, drag));
        Label empty = new Label("No deals here");
        empty.getStyleClass().add("column-empty");
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        getChildren().addAll(header, list);

        if (stage.isClosed()) {
            Button collapse = columnToggle(Feather.CHEVRONS_LEFT, "Collapse " + stage.label(), () -> collapsed.set(true));
            collapse.setId("collapse-" + stage.wireName());
            titleRow.getChildren().add(collapse);

            Button expand = columnToggle(Feather.CHEVRONS_RIGHT, "Expand " + stage.label(), () -> collapsed.set(false));
            expand.setId("expand-" + stage.wireName());
            Label vertical = new Label();
            vertical.getStyleClass().add("column-title");
            vertical.textProperty().bind(Bindings.createStringBinding(
                    () -> stage.label() + "  \u00b7  " + countText(summary.get().count()), summary));
            vertical.setRotate(90);
            VBox strip = new VBox(12, expand, new Group(vertical));
            strip.setAlignment(Pos.TOP_CENTER);
            strip.getStyleClass().add("collapsed-strip");
            collapsed.addListener((obs, was, isCollapsed) -> {
                pseudoClassStateChanged(COLLAPSED, isCollapsed);
                getChildren().setAll(isCollapsed ? java.util.List.of(strip) : java.util.List.of(header, list));
                relayoutBoard();
            });
        }
        selection.attach(this);
    }

    /**
     * A stage's deal count as the header shows it: exact up to 99,999 ("12,345"), then abbreviated like the money
     * figures ("123k", "1.2M"), so it is never wider than the widest exact count; the tooltip has the exact one.
     */
    static String countText(int count) {
        if (count < 100_000) {
            return DisplayFormats.count(count);
        }
        if (count < 999_500) {
            return Math.round(count / 1_000.0) + "k";
        }
        double millions = count / 1_000_000.0;
        String text = String.format(Locale.US, millions >= 99.95 ? "%.0f" : "%.1f", millions);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + "M";
    }

    /** "1,234 deals", "Total $1,234,567", "Weighted (value x probability) $617,000" on three lines. */
    static String exactText(StageSummary summary) {
        return DisplayFormats.count(summary.count()) + (summary.count() == 1 ? " deal" : " deals")
                + "\nTotal " + DisplayFormats.money(summary.totalValue())
                + "\nWeighted (value x probability) " + DisplayFormats.money(summary.weightedValue());
    }

    private static VBox columnFigure(String caption, Label value) {
        Label label = new Label(caption);
        label.getStyleClass().add("column-figure-caption");
        value.getStyleClass().add("column-figure-value");
        return new VBox(0, label, value);
    }

    private static Button columnToggle(Feather icon, String tip, Runnable action) {
        Button button = ViewChrome.iconButton(icon, tip, tip, action);
        button.getStyleClass().add("column-toggle");
        return button;
    }

    /**
     * The board gives each column its size (fixed widths, the board's height), and nothing a column shows changes what
     * it asks for: a new count, total or card is laid out inside the column, not by the whole board and its scroll
     * pane again. Collapsing is the exception ({@link #relayoutBoard}).
     */
    @Override
    public void requestLayout() {
        setNeedsLayout(true);
    }

    /** The column's content changed what it asks for (collapsed, expanded): the board lays out again. */
    private void relayoutBoard() {
        super.requestLayout();
    }

    DealStage stage() {
        return stage;
    }

    ListView<Deal> list() {
        return list;
    }

    BooleanProperty collapsedProperty() {
        return collapsed;
    }

    /**
     * Scrolls only as far as needed to show the card; ListView.scrollTo puts a card at the top, which for the last
     * few cards of a column leaves them below the fold.
     */
    void scrollIntoView(int index) {
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo(index);
        } else {
            list.scrollTo(index);
        }
    }
}
