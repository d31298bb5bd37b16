package com.flowcrm.ui.components;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Renders a {@link ConnectionIndicator}: a coloured dot, the words, "Retry now" and the resync note. */
public class ConnectionIndicatorSkin extends SkinBase<ConnectionIndicator> {
    private final Region dot = new Region();
    private final Label text = new Label();
    private final Button retry = new Button("Retry now");
    private final Label resynced = new Label("Updated after reconnect", new FontIcon(Feather.CHECK));

    public ConnectionIndicatorSkin(ConnectionIndicator control) {
        super(control);
        dot.getStyleClass().add("status-dot");
        dot.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        text.getStyleClass().add("status-text");
        retry.getStyleClass().addAll("retry-button", Styles.SMALL);
        retry.setOnAction(e -> control.retry());
        resynced.getStyleClass().add("resync-note");
        HBox box = new HBox(8, dot, text, retry, resynced);
        box.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(box);
        registerChangeListener(control.statusProperty(), o -> update());
        update();
    }

    private void update() {
        IndicatorState status = getSkinnable().getStatus();
        if (status == null) {
            return;
        }
        text.setText(status.text());
        show(retry, status.retryOffered());
        show(resynced, status.resyncFlash());
    }

    private static void show(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
