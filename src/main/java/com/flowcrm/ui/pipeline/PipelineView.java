package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
import com.flowcrm.store.DealFilter;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.NavigableView;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.deal.DealDetailsPanel;
import com.flowcrm.ui.deal.DealDetailsViewModel;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.ViewChrome;
import com.flowcrm.ui.offline.PendingMarks;
import java.time.Clock;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The pipeline: filter chips and search, the live board of six stage columns, and the deal details panel. */
public final class PipelineView implements NavigableView {
    static final String STYLESHEET = Objects.requireNonNull(
            PipelineView.class.getResource("/com/flowcrm/ui/views.css"), "views.css").toExternalForm();

    private final PipelineViewModel viewModel;
    private final DealDetailsViewModel details;
    private final PipelineBoard board;
    private final BorderPane root = new BorderPane();

    public PipelineView(SessionStore session, Navigator navigator) {
        this(session, navigator, Clock.systemDefaultZone());
    }

    PipelineView(SessionStore session, Navigator navigator, Clock clock) {
        PendingMarks marks = new PendingMarks(session.pendingChanges());
        viewModel = new PipelineViewModel(session.commands(), marks);
        details = new DealDetailsViewModel(session.commands(), clock, marks);
        board = new PipelineBoard(viewModel, clock);
        root.getStyleClass().add("pipeline-view");
        root.getStylesheets().add(STYLESHEET);
        root.setId("pipeline-view");

        VBox top = new VBox(12, header(), toolbar(), banner());
        top.getStyleClass().add("view-top");
        root.setTop(top);
        root.setCenter(board);

        DealDetailsPanel panel = new DealDetailsPanel(details, clock);
        panel.setOnClose(() -> viewModel.openDealProperty().set(null));
        panel.setOnOpenContact(navigator::showContact);
        viewModel.recentChanges().pulseProperty().addListener(o -> {
            Deal open = viewModel.openDealProperty().get();
            if (open != null && open.getId().equals(viewModel.recentChanges().lastMarked())) {
                panel.showRemoteChange();
            }
        });
        viewModel.openDealProperty().addListener((obs, old, deal) -> {
            details.open(deal);
            root.setRight(deal == null ? null : panel);
        });
        ViewChrome.closeOnEscape(root, viewModel.openDealProperty());
    }

    private Node header() {
        Label total = new Label();
        total.setId("pipeline-total");
        total.textProperty().bind(Bindings.createStringBinding(
                () -> DisplayFormats.money(viewModel.pipelineTotalProperty().get()), viewModel.pipelineTotalProperty()));
        Label weighted = new Label();
        weighted.setId("pipeline-weighted");
        weighted.textProperty().bind(Bindings.createStringBinding(
                () -> DisplayFormats.money(viewModel.weightedForecastProperty().get()), viewModel.weightedForecastProperty()));
        Label openCount = new Label();
        openCount.setId("pipeline-open-count");
        openCount.textProperty().bind(viewModel.openDealCountProperty().asString());
        return ViewChrome.liveTitleRow("Pipeline", ViewChrome.stat("Total pipeline", total, Feather.LAYERS),
                ViewChrome.stat("Weighted forecast", weighted, Feather.TARGET),
                ViewChrome.stat("Open deals", openCount, Feather.BRIEFCASE));
    }

    private Node toolbar() {
        HBox chipRow = ViewChrome.chips(DealFilter.values(), viewModel.filterProperty(), PipelineView::chipText,
                "filter-");
        HBox searchBox = ViewChrome.searchBox(viewModel.searchTextProperty(), "Search title, company or contact",
                "deal-search");

        Label hint = new Label(null, new FontIcon(Feather.INFO));
        hint.getStyleClass().add("keyboard-hint");
        hint.setTooltip(new Tooltip("Arrows move the selection, Enter opens a deal,\n"
                + "Ctrl+Shift+Left/Right moves it one stage. Drag cards between columns."));
        hint.setAccessibleText("Keyboard shortcuts");

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(12, chipRow, focusChip(), spacer, searchBox, hint);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("view-toolbar");
        return row;
    }

    /** Shown while the board is narrowed to the deals of an Insights chart, tile or list; its button clears that. */
    private Node focusChip() {
        Label text = new Label(null, new FontIcon(Feather.FILTER));
        text.setId("focus-chip-label");
        text.textProperty().bind(Bindings.createStringBinding(() -> viewModel.focusProperty().get() == null ? ""
                : viewModel.focusProperty().get().label(), viewModel.focusProperty()));
        Button clear = ViewChrome.iconButton(Feather.X, "Show all deals again", "Clear the focus",
                () -> viewModel.focusProperty().set(null));
        clear.setId("focus-chip-clear");
        HBox chip = new HBox(4, text, clear);
        chip.setId("focus-chip");
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("focus-chip");
        chip.visibleProperty().bind(viewModel.focusProperty().isNotNull());
        chip.managedProperty().bind(chip.visibleProperty());
        return chip;
    }

    private static String chipText(DealFilter filter) {
        return switch (filter) {
            case ALL -> "All";
            case HOT -> "Hot";
            case AT_RISK -> "At risk";
            case CLOSING_SOON -> "Closing soon";
        };
    }

    private Node banner() {
        Label text = new Label();
        text.setId("board-message");
        text.setWrapText(true);
        text.textProperty().bind(viewModel.messageProperty());
        text.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button dismiss = ViewChrome.iconButton(Feather.X, "Dismiss", "Dismiss message", viewModel::dismissMessage);
        HBox banner = new HBox(8, text, spacer, dismiss);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("board-banner");
        banner.visibleProperty().bind(viewModel.messageProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    @Override
    public Node getNode() {
        return root;
    }

    @Override
    public void reveal(String id) {
        Deal deal = viewModel.findDeal(id);
        if (deal == null) {
            return;
        }
        if (!board.column(deal.getStage()).list().getItems().contains(deal)) {
            // the active filter hides it; show everything rather than a deal the rep cannot see
            viewModel.filterProperty().set(DealFilter.ALL);
            viewModel.searchTextProperty().set("");
            viewModel.focusProperty().set(null);
        }
        board.select(deal);
        viewModel.openDealProperty().set(deal);
        Platform.runLater(() -> board.select(deal));
    }

    PipelineViewModel viewModel() {
        return viewModel;
    }

    DealDetailsViewModel details() {
        return details;
    }
}
