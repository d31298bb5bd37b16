package com.flowcrm.ui.insights;

import com.flowcrm.model.DealStage;
import com.flowcrm.store.insights.DealGroup;
import com.flowcrm.store.insights.Forecast;
import com.flowcrm.store.insights.ForecastBucket;
import com.flowcrm.ui.kit.DisplayFormats;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * Open deals by expected close month, one bar per month (plus overdue and later), stacked by stage. The chart,
 * its series and data points are made once per month shown first: a live update only sets values, so no data
 * point is removed (JDK-8373908 leaks) or added to a series that has data (JDK-8334900), and animation is off so
 * updates never garble colours. The categories are set here, never auto-ranged (JDK-8198830); when this month
 * changes (once a month) the chart is built anew rather than renaming the categories of bars in a chart.
 */
final class ForecastChart {
    private final BiConsumer<ForecastBucket, DealStage> onOpen;
    private final StackPane holder = new StackPane();
    private final Map<DealStage, List<XYChart.Data<String, Number>>> bars = new EnumMap<>(DealStage.class);
    private final Map<DealStage, List<Tooltip>> tips = new EnumMap<>(DealStage.class);
    private YearMonth firstMonth;
    private List<String> categories = List.of();
    private List<ForecastBucket> shown = List.of();
    private int builds;

    ForecastChart(YearMonth thisMonth, BiConsumer<ForecastBucket, DealStage> onOpen) {
        this.onOpen = onOpen;
        build(thisMonth);
    }

    Node node() {
        return holder;
    }

    /** "Overdue", the six months from this one ("Dec 2026", ...), "Later". */
    static List<String> categories(YearMonth thisMonth) {
        List<String> names = new ArrayList<>(Forecast.MONTHS + 2);
        names.add("Overdue");
        for (int i = 0; i < Forecast.MONTHS; i++) {
            names.add(InsightsViewModel.monthLabel(thisMonth.plusMonths(i)));
        }
        names.add("Later");
        return List.copyOf(names);
    }

    private void build(YearMonth thisMonth) {
        firstMonth = thisMonth;
        categories = categories(thisMonth);
        builds++;
        CategoryAxis months = new CategoryAxis();
        months.setAnimated(false);
        months.setAutoRanging(false);
        months.setCategories(FXCollections.observableArrayList(categories));
        NumberAxis amounts = new NumberAxis();
        amounts.setAnimated(false);
        amounts.setForceZeroInRange(true);
        amounts.setMinorTickVisible(false);
        amounts.setTickLabelFormatter(compactMoney());
        StackedBarChart<String, Number> chart = new StackedBarChart<>(months, amounts);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(18);
        chart.setMinSize(0, 120);
        chart.getStyleClass().add("forecast-chart");
        chart.setId("forecast-chart");
        bars.clear();
        tips.clear();
        for (DealStage stage : StageStyles.OPEN) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(stage.label());
            List<XYChart.Data<String, Number>> data = new ArrayList<>();
            for (String category : categories) {
                XYChart.Data<String, Number> point = new XYChart.Data<>(category, 0);
                series.getData().add(point);
                data.add(point);
            }
            bars.put(stage, data);
            chart.getData().add(series);
        }
        // the bars' nodes exist once their series is in the chart: style, tooltip and click them now
        for (DealStage stage : StageStyles.OPEN) {
            List<Tooltip> stageTips = new ArrayList<>();
            List<XYChart.Data<String, Number>> data = bars.get(stage);
            for (int i = 0; i < data.size(); i++) {
                Node bar = data.get(i).getNode();
                bar.getStyleClass().addAll(StageStyles.of(stage), "forecast-bar");
                bar.setId("forecast-" + i + "-" + stage.wireName());
                bar.setCursor(Cursor.HAND);
                Tooltip tip = new Tooltip();
                Tooltip.install(bar, tip);
                stageTips.add(tip);
                int index = i;
                bar.setOnMouseClicked(e -> {
                    if (index < shown.size() && shown.get(index).stage(stage).count() > 0) {
                        onOpen.accept(shown.get(index), stage);
                    }
                });
            }
            tips.put(stage, stageTips);
        }
        holder.getChildren().setAll(chart);
    }

    /** Sets every bar's value in place: weighted (value x probability) or total. */
    void show(Forecast forecast, boolean weighted) {
        if (!forecast.thisMonth().equals(firstMonth)) {
            build(forecast.thisMonth());
        }
        shown = forecast.bars();
        for (DealStage stage : StageStyles.OPEN) {
            List<XYChart.Data<String, Number>> data = bars.get(stage);
            for (int i = 0; i < data.size(); i++) {
                DealGroup g = shown.get(i).stage(stage);
                double value = weighted ? g.weighted() : g.total();
                if (data.get(i).getYValue().doubleValue() != value) {
                    data.get(i).setYValue(value);
                }
                tips.get(stage).get(i).setText(categories.get(i) + " \u00b7 " + stage.label() + "\n"
                        + g.count() + (g.count() == 1 ? " deal" : " deals") + "\nTotal " + DisplayFormats.money(g.total())
                        + "\nWeighted " + DisplayFormats.money(g.weighted())
                        + (g.count() > 0 ? "\nClick to open them on the board" : ""));
            }
        }
    }

    /** The value a bar shows now (tests read it). */
    double value(int barIndex, DealStage stage) {
        return bars.get(stage).get(barIndex).getYValue().doubleValue();
    }

    Node barNode(int barIndex, DealStage stage) {
        return bars.get(stage).get(barIndex).getNode();
    }

    List<String> categories() {
        return categories;
    }

    /** How many times the chart was built (once, and once more per new month). */
    int builds() {
        return builds;
    }

    static StringConverter<Number> compactMoney() {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n == null ? "" : DisplayFormats.compactMoney(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are never parsed");
            }
        };
    }
}
