package com.flowcrm.ui.insights;

import com.flowcrm.store.insights.DealGroup;
import com.flowcrm.store.insights.DealRules;
import com.flowcrm.store.insights.KeyFigures;
import com.flowcrm.store.insights.PipelineInsights;
import com.flowcrm.ui.kit.DisplayFormats;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;

/** The row of key figures; each tile opens the deals behind its figure on the board. */
final class KeyFigureTiles {
    private final InsightsViewModel viewModel;
    private final KpiTile open;
    private final KpiTile weighted;
    private final KpiTile closing;
    private final KpiTile winRate;
    private final KpiTile average;
    private final HBox row;

    KeyFigureTiles(InsightsViewModel viewModel, Clock clock) {
        this.viewModel = viewModel;
        open = new KpiTile("kpi-open", "Open pipeline", Feather.LAYERS, () -> openFigure("Open pipeline", KeyFigures::open));
        weighted = new KpiTile("kpi-weighted", "Weighted forecast", Feather.TARGET,
                () -> openFigure("Weighted forecast", KeyFigures::open));
        closing = new KpiTile("kpi-closing", "Closing this month", Feather.CALENDAR,
                () -> openFigure("Closing in " + InsightsViewModel.monthLabel(DealRules.thisMonth(clock.instant())),
                        KeyFigures::closingThisMonth));
        winRate = new KpiTile("kpi-win-rate", "Win rate, last 90 days", Feather.AWARD, this::openWinRate);
        average = new KpiTile("kpi-average", "Average open deal", Feather.BAR_CHART,
                () -> openFigure("Open pipeline", KeyFigures::open));
        row = new HBox(12, open, weighted, closing, winRate, average);
        row.getStyleClass().add("kpi-row");
        for (KpiTile tile : List.of(open, weighted, closing, winRate, average)) {
            HBox.setHgrow(tile, Priority.ALWAYS);
            tile.setPrefWidth(0);
        }
    }

    Node node() {
        return row;
    }

    void show(PipelineInsights insights) {
        KeyFigures f = insights.figures();
        DealGroup openDeals = f.open();
        open.show(DisplayFormats.money(openDeals.total()), deals(openDeals.count()) + " open", "Total value of all open deals");
        weighted.show(DisplayFormats.money(openDeals.weighted()),
                openDeals.total() == 0 ? "no open deals" : percent(openDeals.weighted() / openDeals.total()) + " of the open pipeline",
                "Value x probability, summed over the open deals");
        DealGroup closingDeals = f.closingThisMonth();
        closing.show(DisplayFormats.money(closingDeals.total()), deals(closingDeals.count()) + ", weighted "
                + DisplayFormats.compactMoney(closingDeals.weighted()),
                "Open deals whose expected close date is in " + InsightsViewModel.monthLabel(insights.forecast().thisMonth()));
        if (f.winRate().isPresent()) {
            winRate.show(percent(f.winRate().getAsDouble()), f.wonRecently().count() + " won, " + f.lostRecently().count()
                    + " lost", "Won / (won + lost) among deals whose close date is in the last " + KeyFigures.WIN_RATE_DAYS + " days");
        } else {
            winRate.show("\u2014", "nothing closed in 90 days", "No deal was won or lost with a close date in the last "
                    + KeyFigures.WIN_RATE_DAYS + " days");
        }
        average.show(f.averageOpenDealSize().isPresent() ? DisplayFormats.money(f.averageOpenDealSize().getAsDouble())
                : "\u2014", "over " + deals(openDeals.count()), "Open pipeline / open deals");
    }

    KpiTile tile(String id) {
        return switch (id) {
            case "open" -> open;
            case "weighted" -> weighted;
            case "closing" -> closing;
            case "win-rate" -> winRate;
            default -> average;
        };
    }

    private void openFigure(String label, Function<KeyFigures, DealGroup> group) {
        PipelineInsights shown = viewModel.insightsProperty().get();
        if (shown != null) {
            viewModel.openDeals(label, group.apply(shown.figures()));
        }
    }

    private void openWinRate() {
        PipelineInsights shown = viewModel.insightsProperty().get();
        if (shown != null) {
            viewModel.openDeals("Closed in the last " + KeyFigures.WIN_RATE_DAYS + " days",
                    List.of(shown.figures().wonRecently(), shown.figures().lostRecently()));
        }
    }

    static String deals(int n) {
        return n + (n == 1 ? " deal" : " deals");
    }

    static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }
}
