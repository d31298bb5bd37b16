package com.flowcrm.ui.insights;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A card of the Insights view: a title, a line of summary, tools on the right, the export menu, and its content. */
final class ChartCard extends VBox {
    private final Label summary = new Label();
    private final HBox tools = new HBox(6);

    ChartCard(String id, String title) {
        setId(id);
        getStyleClass().add("insights-card");
        // the grid's columns decide the width; the content gives way (charts shrink, texts take an ellipsis)
        setMinWidth(0);
        Label name = new Label(title);
        name.getStyleClass().add("insights-card-title");
        summary.getStyleClass().add("insights-card-summary");
        summary.setId(id + "-summary");
        summary.setMinWidth(0);
        VBox titles = new VBox(1, name, summary);
        titles.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        tools.setAlignment(Pos.CENTER_RIGHT);
        HBox header = new HBox(8, titles, spacer, tools);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("insights-card-header");
        getChildren().add(header);
    }

    void setContent(Node content) {
        VBox.setVgrow(content, Priority.ALWAYS);
        getChildren().add(content);
    }

    void setSummary(String text) {
        summary.setText(text);
    }

    String summaryText() {
        return summary.getText();
    }

    void addTool(Node tool) {
        tools.getChildren().add(tool);
    }

    /** The export menu: the card as a picture, and the numbers behind it. */
    void addExport(String pngText, Runnable png, String csvText, Runnable csv) {
        MenuItem asPng = new MenuItem(pngText, new FontIcon(Feather.IMAGE));
        asPng.setId(getId() + "-export-png");
        asPng.setOnAction(e -> png.run());
        MenuItem asCsv = new MenuItem(csvText, new FontIcon(Feather.FILE_TEXT));
        asCsv.setId(getId() + "-export-csv");
        asCsv.setOnAction(e -> csv.run());
        MenuButton menu = new MenuButton(null, new FontIcon(Feather.DOWNLOAD), asPng, asCsv);
        menu.getStyleClass().addAll("flat", "button-icon", "export-menu");
        menu.setId(getId() + "-export");
        menu.setTooltip(new Tooltip("Export"));
        menu.setAccessibleText("Export " + ((Label) ((VBox) ((HBox) getChildren().get(0)).getChildren().get(0))
                .getChildren().get(0)).getText());
        tools.getChildren().add(menu);
    }
}
