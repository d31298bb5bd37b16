package com.flowcrm.ui.deal;

import com.flowcrm.model.DealInsight;
import com.flowcrm.ui.kit.DetailsLayout;
import com.flowcrm.ui.kit.DisplayFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What there is to know about the open deal: the key figures, the facts, the description and tags, risks, positive
 * signals and insights. The facts grid is built once with each value bound to its property; a list is drawn again
 * only when its items change, not on every change of the deal.
 */
final class DealOverview extends VBox {

    DealOverview(DealSummary summary) {
        super(18);
        Label value = bound(new Label(), summary.valueProperty());
        value.setId("details-value");
        HBox figures = new HBox(8, DetailsLayout.figure("Value", value),
                DetailsLayout.figure("Probability", bound(new Label(), summary.probabilityProperty())),
                DetailsLayout.figure("Weighted", bound(new Label(), summary.weightedProperty())));
        figures.getStyleClass().add("details-figures");

        GridPane facts = new GridPane();
        facts.getStyleClass().add("details-facts");
        facts.setHgap(12);
        facts.setVgap(6);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(110);
        facts.getColumnConstraints().addAll(keys, new ColumnConstraints());
        int row = 0;
        for (DealSummary.Fact fact : summary.facts()) {
            Label key = new Label(fact.key());
            key.getStyleClass().add("fact-key");
            Label text = bound(new Label(), fact.value());
            text.getStyleClass().add("fact-value");
            text.setWrapText(true);
            facts.addRow(row++, key, text);
        }

        Label description = bound(new Label(), summary.descriptionProperty());
        description.setWrapText(true);
        description.getStyleClass().add("details-description");
        FlowPane tags = new FlowPane(6, 6);
        follow(summary.tags(), tags, tag -> {
            Label label = new Label(tag);
            label.getStyleClass().add("tag");
            return label;
        }, null);

        VBox risks = new VBox(4);
        follow(summary.risks(), risks, risk -> listItem(risk, Feather.ALERT_TRIANGLE, "risk-item"), "No known risks.");
        VBox signals = new VBox(4);
        follow(summary.signals(), signals, signal -> listItem(signal, Feather.CHECK_CIRCLE, "signal-item"),
                "No positive signals yet.");
        VBox insights = new VBox(8);
        follow(summary.insights(), insights, DealOverview::insightCard, "No insights yet.");

        getChildren().addAll(figures,
                DetailsLayout.section("Details", facts),
                DetailsLayout.section("Description", description, tags),
                DetailsLayout.section("Risk factors", risks),
                DetailsLayout.section("Positive signals", signals),
                DetailsLayout.section("Insights", insights));
    }

    private static Label bound(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        return label;
    }

    /** Draws the list's items into the box now and whenever the list changes; a note when it is empty. */
    private static <T> void follow(ObservableList<T> items, Pane box, Function<T, Node> draw, String whenEmpty) {
        Runnable redraw = () -> {
            List<Node> nodes = new ArrayList<>(items.size());
            for (T item : items) {
                nodes.add(draw.apply(item));
            }
            if (nodes.isEmpty() && whenEmpty != null) {
                nodes.add(DetailsLayout.note(whenEmpty));
            }
            box.getChildren().setAll(nodes);
        };
        items.addListener((ListChangeListener<T>) change -> redraw.run());
        redraw.run();
    }

    private static Label listItem(String text, Feather icon, String styleClass) {
        Label label = new Label(text, new FontIcon(icon));
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        return label;
    }

    private static Node insightCard(DealInsight insight) {
        return DetailsLayout.insightCard(insightIcon(insight), insight.title(),
                DisplayFormats.label(insight.type()) + " \u00b7 impact " + DisplayFormats.label(insight.impact())
                        + " \u00b7 " + insight.confidence() + "% confident",
                insight.description(), insight.suggestedAction(),
                insight.type() == null ? "other" : insight.type().wireName());
    }

    private static Feather insightIcon(DealInsight insight) {
        if (insight.type() == null) {
            return Feather.INFO;
        }
        return switch (insight.type()) {
            case OPPORTUNITY -> Feather.TRENDING_UP;
            case RISK -> Feather.ALERT_TRIANGLE;
            case SUGGESTION -> Feather.ZAP;
            case COMPETITOR -> Feather.USERS;
        };
    }
}
