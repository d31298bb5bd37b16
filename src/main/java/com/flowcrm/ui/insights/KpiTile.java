package com.flowcrm.ui.insights;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A key figure: a caption, a large value and a line of detail; a button, so a click or Enter opens its deals. */
final class KpiTile extends Button {
    private final Label value = new Label();
    private final Label detail = new Label();
    private final Tooltip tip = new Tooltip();

    KpiTile(String id, String caption, Feather icon, Runnable onOpen) {
        setId(id);
        getStyleClass().add("kpi-tile");
        Label title = new Label(caption, new FontIcon(icon));
        title.getStyleClass().add("kpi-caption");
        value.getStyleClass().add("kpi-value");
        value.setId(id + "-value");
        detail.getStyleClass().add("kpi-detail");
        detail.setId(id + "-detail");
        VBox box = new VBox(2, title, value, detail);
        box.setAlignment(Pos.TOP_LEFT);
        setGraphic(box);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        setAlignment(Pos.TOP_LEFT);
        setMaxWidth(Double.MAX_VALUE);
        setTooltip(tip);
        setAccessibleText(caption);
        setOnAction(e -> onOpen.run());
    }

    void show(String valueText, String detailText, String tooltip) {
        value.setText(valueText);
        detail.setText(detailText);
        tip.setText(tooltip);
        setAccessibleText(((Label) ((VBox) getGraphic()).getChildren().get(0)).getText() + ": " + valueText + ", " + detailText);
    }

    String valueText() {
        return value.getText();
    }

    String detailText() {
        return detail.getText();
    }
}
