package com.flowcrm.ui.insights;

import atlantafx.base.theme.Styles;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionStore;
import com.flowcrm.store.insights.AtRiskDeal;
import com.flowcrm.store.insights.DealGroup;
import com.flowcrm.store.insights.DealRules;
import com.flowcrm.store.insights.Forecast;
import com.flowcrm.store.insights.InsightsCsv;
import com.flowcrm.store.insights.PipelineInsights;
import com.flowcrm.ui.NavigableView;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.LiveScrollPane;
import com.flowcrm.ui.kit.ViewChrome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Insights: key figures, the forecast by month stacked by stage, the pipeline by stage, the deals at risk and the
 * contacts' health, all computed from the stores and following live events (redrawn at most four times a
 * second). Every bar, tile and row opens its deals on the board, or the deal or contact; every chart exports to
 * PNG and CSV.
 */
public final class InsightsView implements NavigableView {
    private static final String VIEWS_STYLESHEET = Objects.requireNonNull(
            InsightsView.class.getResource("/com/flowcrm/ui/views.css"), "views.css").toExternalForm();
    private static final String STYLESHEET = Objects.requireNonNull(
            InsightsView.class.getResource("/com/flowcrm/ui/insights.css"), "insights.css").toExternalForm();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US);
    private static final ExecutorService FILE_WRITER =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("insights-export").daemon().factory());
    /** Computes the insights from copies of the records, off the UI thread (one computation at a time). */
    private static final ExecutorService COMPUTE =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("insights-compute").daemon().factory());

    private final InsightsViewModel viewModel;
    private final Clock clock;
    private final BorderPane root = new BorderPane();
    private final Label liveLine = new Label();
    private final Label message = new Label();
    private final KeyFigureTiles tiles;
    private final CardExporter exporter;
    private final ChartCard forecastCard = new ChartCard("forecast-card", "Forecast by expected close month");
    private final ChartCard stageCard = new ChartCard("stage-card", "Pipeline by stage");
    private final ChartCard atRiskCard = new ChartCard("at-risk-card", "Deals at risk");
    private final ChartCard contactsCard = new ChartCard("contacts-card", "Contacts");
    private final ForecastChart forecast;
    private final StageChart stages;
    private final AtRiskList atRisk;
    private final ContactHealthPanel contacts;
    private final Label noOpenDeals = new Label("No open deals to forecast.");
    private final Timeline clockTick;
    /** The at-risk list the card's summary was written for. */
    private List<AtRiskDeal> atRiskSummarized;

    /** The view as the app and the benchmark build it. */
    public InsightsView(SessionStore session, Navigator navigator) {
        this(session.root(), navigator, Clock.systemDefaultZone(), RedrawThrottle.fxTimer(), System::nanoTime, FILE_WRITER);
    }

    InsightsView(RootStore store, Navigator navigator, Clock clock, RedrawThrottle.Timer timer, LongSupplier nanoTime,
            Executor io) {
        this.clock = clock;
        viewModel = new InsightsViewModel(store, navigator, clock, timer, nanoTime, COMPUTE, Platform::runLater);
        forecast = new ForecastChart(DealRules.thisMonth(clock.instant()), viewModel::openForecast);
        stages = new StageChart(viewModel::openStage);
        atRisk = new AtRiskList(viewModel::openDeal);
        contacts = new ContactHealthPanel(viewModel::openContact);
        tiles = new KeyFigureTiles(viewModel, clock);
        exporter = new CardExporter(() -> root.getScene() == null ? null : root.getScene().getWindow(),
                () -> viewModel.insightsProperty().get(), io, message);

        root.getStyleClass().add("insights-view");
        root.getStylesheets().addAll(VIEWS_STYLESHEET, STYLESHEET);
        root.setId("insights-view");
        root.setTop(header());
        root.setCenter(body());

        // an invalidation listener: a change listener makes the property compare the old and new insights with equals,
        // every list in them included, on the UI thread at every redraw
        viewModel.insightsProperty().addListener(o -> show(viewModel.insightsProperty().get()));
        viewModel.weightedProperty().addListener((obs, old, now) -> {
            PipelineInsights shown = viewModel.insightsProperty().get();
            if (shown != null) {
                showForecast(shown);
            }
        });
        clockTick = new Timeline(new KeyFrame(javafx.util.Duration.minutes(1), e -> viewModel.timePassed()));
        clockTick.setCycleCount(Animation.INDEFINITE);
        // computed only while on screen; the first showing draws at once
        root.sceneProperty().addListener((obs, old, scene) -> setShowing(scene != null));
        setShowing(root.getScene() != null);
    }

    private void setShowing(boolean showing) {
        viewModel.setShowing(showing);
        if (showing) {
            clockTick.play();
        } else {
            clockTick.stop();
        }
    }

    // ---- layout -----------------------------------------------------------------------------------------------

    private Node header() {
        liveLine.getStyleClass().add("insights-live");
        liveLine.setId("insights-live");
        liveLine.setGraphic(new FontIcon(Feather.RADIO));
        message.getStyleClass().add("insights-message");
        message.setId("insights-message");
        message.setWrapText(true);
        Button limits = new Button("Rotting limits", new FontIcon(Feather.SLIDERS));
        limits.setId("rotting-limits");
        limits.getStyleClass().add(Styles.FLAT);
        limits.setTooltip(new Tooltip("How many idle days each stage allows before a deal is rotting"));
        limits.setOnAction(e -> editRottingLimits());
        HBox title = ViewChrome.titleRow("Insights", message, limits);
        VBox top = new VBox(4, title, liveLine);
        top.getStyleClass().add("view-top");
        return top;
    }

    private Node body() {
        ToggleGroup mode = new ToggleGroup();
        ToggleButton weighted = new ToggleButton("Weighted");
        weighted.setId("forecast-weighted");
        weighted.getStyleClass().add(Styles.LEFT_PILL);
        ToggleButton total = new ToggleButton("Total");
        total.setId("forecast-total");
        total.getStyleClass().add(Styles.RIGHT_PILL);
        weighted.setToggleGroup(mode);
        total.setToggleGroup(mode);
        weighted.setSelected(viewModel.weightedProperty().get());
        total.setSelected(!viewModel.weightedProperty().get());
        mode.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                viewModel.weightedProperty().set(now == weighted);
            }
        });
        weighted.setTooltip(new Tooltip("Value x probability"));
        total.setTooltip(new Tooltip("Full deal value"));
        forecastCard.addTool(new HBox(weighted, total));
        exporter.attach(forecastCard, "forecast", "chart", (insights, out) -> InsightsCsv.forecast(insights.forecast(), out));
        noOpenDeals.getStyleClass().add("insights-empty");
        noOpenDeals.setMouseTransparent(true);
        forecastCard.setContent(new StackPane(forecast.node(), noOpenDeals));
        forecastCard.getChildren().add(legend());

        exporter.attach(stageCard, "pipeline-by-stage", "chart",
                (insights, out) -> InsightsCsv.stages(insights, StageStyles.OPEN, out));
        stageCard.setContent(stages.node());

        Button showAll = new Button("Show on board", new FontIcon(Feather.TRELLO));
        showAll.setId("at-risk-show-all");
        showAll.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        showAll.setOnAction(e -> openAtRisk());
        atRiskCard.addTool(showAll);
        exporter.attach(atRiskCard, "deals-at-risk", "list", (insights, out) -> InsightsCsv.atRisk(insights.atRisk(), out));
        atRiskCard.setContent(atRisk.node());

        exporter.attach(contactsCard, "contact-health", "chart",
                (insights, out) -> InsightsCsv.healthMix(insights.contacts(), out));
        contactsCard.setContent(contacts.node());

        GridPane grid = new GridPane();
        grid.getStyleClass().add("insights-grid");
        grid.setHgap(14);
        grid.setVgap(14);
        ColumnConstraints wide = new ColumnConstraints();
        wide.setPercentWidth(58);
        ColumnConstraints narrow = new ColumnConstraints();
        narrow.setPercentWidth(42);
        grid.getColumnConstraints().addAll(wide, narrow);
        grid.add(forecastCard, 0, 0);
        grid.add(stageCard, 1, 0);
        grid.add(atRiskCard, 0, 1);
        grid.add(contactsCard, 1, 1);
        // the rows share the height of the window; below their minimum the view scrolls
        RowConstraints charts = new RowConstraints(290, 340, Double.MAX_VALUE);
        charts.setVgrow(Priority.ALWAYS);
        charts.setPercentHeight(52);
        RowConstraints lists = new RowConstraints(250, 300, Double.MAX_VALUE);
        lists.setVgrow(Priority.ALWAYS);
        lists.setPercentHeight(48);
        grid.getRowConstraints().addAll(charts, lists);
        for (ChartCard card : List.of(forecastCard, stageCard, atRiskCard, contactsCard)) {
            card.setMaxHeight(Double.MAX_VALUE);
        }
        VBox.setVgrow(grid, Priority.ALWAYS);
        VBox content = new VBox(14, tiles.node(), grid);
        content.getStyleClass().add("insights-content");
        ScrollPane scroller = new LiveScrollPane(content);
        scroller.setFitToWidth(true);
        scroller.setFitToHeight(true);
        scroller.getStyleClass().add("insights-scroller");
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroller;
    }

    /** One swatch per open stage, in board order, in the stage's colour (the same as on the board). */
    private static Node legend() {
        HBox legend = new HBox(14);
        legend.getStyleClass().add("stage-legend");
        legend.setAlignment(Pos.CENTER);
        for (DealStage stage : StageStyles.OPEN) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("stage-dot", "stage-badge", StageStyles.of(stage));
            Label name = new Label(stage.label(), swatch);
            legend.getChildren().add(name);
        }
        return legend;
    }

    // ---- redraw -----------------------------------------------------------------------------------------------

    private void show(PipelineInsights insights) {
        tiles.show(insights);
        DealGroup open = insights.figures().open();
        showForecast(insights);
        stages.show(insights);
        stageCard.setSummary(DisplayFormats.compactMoney(open.total()) + " open, "
                + DisplayFormats.compactMoney(open.weighted()) + " weighted (the solid part of each bar)");

        atRisk.show(insights.atRisk());
        if (insights.atRisk() != atRiskSummarized) {
            // the same instance as last time is the same list (the view model compares them off the UI thread)
            atRiskSummarized = insights.atRisk();
            double riskValue = insights.atRisk().stream().mapToDouble(AtRiskDeal::value).sum();
            long rotting = insights.atRisk().stream().filter(AtRiskDeal::rotting).count();
            atRiskCard.setSummary(insights.atRisk().isEmpty() ? "Open deals idle too long, past their close date or flagged"
                    : KeyFigureTiles.deals(insights.atRisk().size()) + ", " + DisplayFormats.compactMoney(riskValue) + " \u00b7 "
                    + rotting + " rotting");
        }

        contacts.show(insights.contacts());
        contactsCard.setSummary(insights.contacts().total() + " contacts by relationship health");
        liveLine.setText("Live from " + KeyFigureTiles.deals(viewModel.dealCount()) + " and " + viewModel.contactCount()
                + " contacts \u00b7 updated " + TIME.format(LocalTime.ofInstant(insights.generatedAt(), clock.getZone())));
    }

    private void showForecast(PipelineInsights insights) {
        boolean weighted = viewModel.weightedProperty().get();
        Forecast f = insights.forecast();
        forecast.show(f, weighted);
        DealGroup open = insights.figures().open();
        noOpenDeals.setVisible(open.count() == 0);
        String undated = f.undated().count() == 0 ? "" : " \u00b7 " + f.undated().count() + " without a close date";
        forecastCard.setSummary((weighted ? "Weighted " + DisplayFormats.compactMoney(open.weighted())
                : "Total " + DisplayFormats.compactMoney(open.total())) + " across " + KeyFigureTiles.deals(open.count()) + undated);
    }

    // ---- click-through ----------------------------------------------------------------------------------------

    private void openAtRisk() {
        PipelineInsights shown = viewModel.insightsProperty().get();
        if (shown != null) {
            viewModel.openDeals("At risk", shown.atRisk().stream().map(AtRiskDeal::id).toList());
        }
    }

    private void editRottingLimits() {
        new RottingLimitsDialog(root.getScene() == null ? null : root.getScene().getWindow(),
                viewModel.rottingLimitsProperty().get()).ask().ifPresent(viewModel.rottingLimitsProperty()::set);
    }

    // ---- export -----------------------------------------------------------------------------------------------

    /** The card as it is on screen, at twice the screen's scale. */
    CompletableFuture<Path> exportPng(ChartCard card, Path file) {
        return exporter.png(card, file);
    }

    /** The numbers behind the card, from the insights it shows now. */
    CompletableFuture<Path> exportCsv(ChartCard card, Path file) {
        return exporter.csv(card, file);
    }

    // ---- NavigableView ----------------------------------------------------------------------------------------

    @Override
    public Node getNode() {
        return root;
    }

    /** Insights have no item of their own: a deal's id opens the deal on the board. */
    @Override
    public void reveal(String id) {
        viewModel.openDeal(id);
    }

    InsightsViewModel viewModel() {
        return viewModel;
    }

    ForecastChart forecastChart() {
        return forecast;
    }

    StageChart stageChart() {
        return stages;
    }

    ChartCard card(String id) {
        return switch (id) {
            case "forecast" -> forecastCard;
            case "stage" -> stageCard;
            case "at-risk" -> atRiskCard;
            default -> contactsCard;
        };
    }

    KpiTile tile(String id) {
        return tiles.tile(id);
    }
}
