package com.flowcrm.ui.kit;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A full-width callout across the top of a view: an icon, a bold title, a sentence, its actions and (optionally) a
 * dismiss button. Its tone is one of AtlantaFX's {@code Styles} ({@code Styles.WARNING}, {@code Styles.DANGER},
 * {@code Styles.ACCENT}), which the stylesheet turns into the theme's subtle background and strong text colours.
 * Shown while its title is not empty.
 */
public final class Banner extends HBox {
    private final Label title = new Label();
    private final Label text = new Label();
    private final HBox actions = new HBox(8);

    /** @param tone one of AtlantaFX's {@code Styles} tone classes */
    public Banner(String id, String tone, Feather icon) {
        super(12);
        setId(id);
        getStyleClass().addAll("banner", tone);
        FontIcon glyph = new FontIcon(icon);
        glyph.getStyleClass().add("banner-icon");
        title.getStyleClass().add("banner-title");
        title.setId(id + "-title");
        text.getStyleClass().add("banner-text");
        text.setId(id + "-text");
        text.setWrapText(true);
        VBox words = new VBox(2, title, text);
        words.setMinWidth(0);
        HBox.setHgrow(words, Priority.ALWAYS);
        actions.setAlignment(Pos.CENTER_RIGHT);
        actions.setMinWidth(Region.USE_PREF_SIZE);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(glyph, words, actions);
        visibleProperty().bind(title.textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }

    /** Title and sentence (or none: null) follow these values; the banner shows while the title has text. */
    public Banner bind(ObservableValue<String> titleText, ObservableValue<String> sentence) {
        title.textProperty().bind(titleText);
        if (sentence != null) {
            text.textProperty().bind(sentence);
        }
        text.visibleProperty().bind(text.textProperty().isNotEmpty());
        text.managedProperty().bind(text.visibleProperty());
        return this;
    }

    /** Adds a button on the right (the first one is the main action). */
    public Banner action(Button button) {
        actions.getChildren().add(button);
        return this;
    }

    /** Adds the dismiss button ("x") on the far right. */
    public Banner dismissable(Runnable dismiss) {
        Button close = ViewChrome.iconButton(Feather.X, "Dismiss", "Dismiss", dismiss);
        close.setId(getId() + "-dismiss");
        getChildren().add(close);
        return this;
    }

    /** The parts tests and screen readers read. */
    public String titleText() {
        return title.getText();
    }

    public String sentenceText() {
        return text.getText();
    }

    /** A banner's action button. */
    public static Button button(String id, String text, Node graphic, Runnable action) {
        Button button = new Button(text, graphic);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }
}
