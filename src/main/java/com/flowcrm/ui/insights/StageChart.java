package com.flowcrm.ui.insights;

import com.flowcrm.model.DealStage;
import com.flowcrm.store.insights.DealGroup;
import com.flowcrm.store.insights.PipelineInsights;
import com.flowcrm.ui.kit.DisplayFormats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The open pipeline by stage: one horizontal bar per open stage whose solid part is the weighted value and whose
 * full length is the total, beside a small table of count, total and weighted value. Bars are made once and
 * updated in place; the categories (the stage names) never change.
 */
final class StageChart {
    private final CategoryAxis stages = new CategoryAxis();
    private final NumberAxis amounts = new NumberAxis();
    private final StackedBarChart<Number, String> chart = new StackedBarChart<>(amounts, stages);
    private final Map<DealStage, XYChart.Data<Number, String>> weightedBars = new EnumMap<>(DealStage.class);
    private final Map<DealStage, XYChart.Data<Number, String>> restBars = new EnumMap<>(DealStage.class);
    private final Map<DealStage, Tooltip> tips = new EnumMap<>(DealStage.class);
    private final Map<DealStage, Label[]> rows = new EnumMap<>(DealStage.class);
    private final VBox node;

    StageChart(Consumer<DealStage> onOpen) {
        List<String> names = new ArrayList<>();
        // a vertical category axis runs bottom-up: list the stages backwards so the board's first is on top
        for (int i = StageStyles.OPEN.size() - 1; i >= 0; i--) {
            names.add(StageStyles.OPEN.get(i).label());
        }
        stages.setAnimated(false);
        stages.setAutoRanging(false);
        stages.setCategories(FXCollections.observableArrayList(names));
        amounts.setAnimated(false);
        amounts.setForceZeroInRange(true);
        amounts.setMinorTickVisible(false);
        amounts.setTickLabelFormatter(ForecastChart.compactMoney());
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(14);
        chart.getStyleClass().add("stage-chart");
        chart.setId("stage-chart");

        XYChart.Series<Number, String> weighted = new XYChart.Series<>();
        weighted.setName("Weighted");
        XYChart.Series<Number, String> rest = new XYChart.Series<>();
        rest.setName("Rest of total");
        for (DealStage stage : StageStyles.OPEN) {
            XYChart.Data<Number, String> w = new XYChart.Data<>(0, stage.label());
            XYChart.Data<Number, String> r = new XYChart.Data<>(0, stage.label());
            weighted.getData().add(w);
            rest.getData().add(r);
            weightedBars.put(stage, w);
            restBars.put(stage, r);
        }
        chart.getData().add(weighted);
        chart.getData().add(rest);

        GridPane table = new GridPane();
        table.getStyleClass().add("stage-table");
        table.setHgap(12);
        table.setVgap(2);
        String[] headers = {"Stage", "Deals", "Total", "Weighted"};
        for (int c = 0; c < headers.length; c++) {
            Label header = new Label(headers[c]);
            header.getStyleClass().add("stage-table-header");
            table.add(header, c, 0);
        }
        int row = 1;
        for (DealStage stage : StageStyles.OPEN) {
            Tooltip tip = new Tooltip();
            tips.put(stage, tip);
            for (XYChart.Data<Number, String> bar : List.of(weightedBars.get(stage), restBars.get(stage))) {
                Node n = bar.getNode();
                n.getStyleClass().addAll(StageStyles.of(stage), bar == weightedBars.get(stage) ? "weighted-part" : "rest-part");
                n.setCursor(Cursor.HAND);
                Tooltip.install(n, tip);
                n.setOnMouseClicked(e -> onOpen.accept(stage));
            }
            weightedBars.get(stage).getNode().setId("stage-bar-" + stage.wireName());
            Region dot = new Region();
            dot.getStyleClass().addAll("stage-dot", "stage-badge", StageStyles.of(stage));
            Label name = new Label(stage.label(), dot);
            Label count = new Label();
            count.setId("stage-count-" + stage.wireName());
            Label total = new Label();
            total.setId("stage-total-" + stage.wireName());
            Label weightedValue = new Label();
            weightedValue.setId("stage-weighted-" + stage.wireName());
            rows.put(stage, new Label[] {count, total, weightedValue});
            table.addRow(row++, name, count, total, weightedValue);
        }
        for (int c = 0; c < headers.length; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
            column.setHgrow(c == 0 ? Priority.ALWAYS : Priority.NEVER);
            table.getColumnConstraints().add(column);
        }
        chart.setMinSize(0, 100);
        chart.setPrefHeight(160);
        VBox.setVgrow(chart, Priority.ALWAYS);
        node = new VBox(6, chart, table);
        node.setMinWidth(0);
    }

    Node node() {
        return node;
    }

    void show(PipelineInsights insights) {
        for (DealStage stage : StageStyles.OPEN) {
            DealGroup g = insights.stage(stage);
            set(weightedBars.get(stage), g.weighted());
            set(restBars.get(stage), Math.max(0, g.total() - g.weighted()));
            Label[] row = rows.get(stage);
            row[0].setText(Integer.toString(g.count()));
            row[1].setText(DisplayFormats.compactMoney(g.total()));
            row[2].setText(DisplayFormats.compactMoney(g.weighted()));
            tips.get(stage).setText(stage.label() + ": " + g.count() + (g.count() == 1 ? " open deal" : " open deals")
                    + "\nTotal " + DisplayFormats.money(g.total()) + "\nWeighted " + DisplayFormats.money(g.weighted())
                    + "\nClick to open them on the board");
        }
    }

    private static void set(XYChart.Data<Number, String> bar, double value) {
        if (bar.getXValue().doubleValue() != value) {
            bar.setXValue(value);
        }
    }

    /** The total a stage's bar reaches (tests read it). */
    double total(DealStage stage) {
        return weightedBars.get(stage).getXValue().doubleValue() + restBars.get(stage).getXValue().doubleValue();
    }
}
