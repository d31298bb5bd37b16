package com.flowcrm.ui.kit;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The card of a dialog shown over the window (in AtlantaFX's {@code ModalPane}): an icon and a title, what the rep
 * needs to know, the form or choices, and the buttons at the bottom right. Sized to its content, never wider than
 * {@link #MAX_WIDTH}; the same look in both themes (app.css, looked-up colours).
 */
public final class DialogCard extends VBox {
    public static final double MAX_WIDTH = 460;
    private final VBox body = new VBox(12);
    private final HBox buttons = new HBox(8);

    public DialogCard(String id, Feather icon, String title, String tone) {
        super(16);
        setId(id);
        getStyleClass().add("dialog-card");
        FontIcon glyph = new FontIcon(icon);
        glyph.getStyleClass().addAll("dialog-icon", tone);
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setWrapText(true);
        HBox head = new HBox(10, glyph, heading);
        head.setAlignment(Pos.CENTER_LEFT);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(head, body, buttons);
        setMaxWidth(MAX_WIDTH);
        setPrefWidth(MAX_WIDTH);
        setMaxHeight(Region.USE_PREF_SIZE);
    }

    /** A paragraph of the body. */
    public DialogCard text(String id, String sentence) {
        Label label = new Label(sentence);
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add("dialog-text");
        label.setMinHeight(Region.USE_PREF_SIZE);
        body.getChildren().add(label);
        return this;
    }

    /** Anything else in the body (a form, a list of choices). */
    public DialogCard add(Node... nodes) {
        body.getChildren().addAll(nodes);
        return this;
    }

    /** The buttons, left to right; a spacer first keeps them on the right. */
    public DialogCard buttons(Node... nodes) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        buttons.getChildren().setAll(spacer);
        buttons.getChildren().addAll(nodes);
        return this;
    }
}
