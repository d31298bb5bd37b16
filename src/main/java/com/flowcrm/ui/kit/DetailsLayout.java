package com.flowcrm.ui.kit;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The building blocks both details panels (deal and contact) are made of, so they look the same. */
public final class DetailsLayout {
    private DetailsLayout() {
    }

    /** A titled block of the panel, separated from the one above by a hairline. */
    public static VBox section(String title, Node... children) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        VBox box = new VBox(8);
        box.getChildren().add(heading);
        box.getChildren().addAll(children);
        box.getStyleClass().add("details-section");
        return box;
    }

    /** A key figure: small caption above a large value. */
    public static VBox figure(String caption, Label value) {
        Label title = new Label(caption);
        title.getStyleClass().add("figure-caption");
        value.getStyleClass().add("figure-value");
        VBox box = new VBox(2, title, value);
        box.getStyleClass().add("figure");
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /** Muted text, e.g. "No insights yet.". */
    public static Label note(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-note");
        return label;
    }

    /**
     * A label that shows the text while there is one and takes no space otherwise; while {@code failed} is true
     * (when given) it wears the danger state.
     */
    public static Label message(ObservableStringValue text, ObservableValue<Boolean> failed) {
        Label label = new Label();
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
        label.getStyleClass().add("form-message");
        if (failed != null) {
            failed.addListener((obs, was, isFailed) -> label.pseudoClassStateChanged(Styles.STATE_DANGER, isFailed));
        }
        return label;
    }

    /** Shows enum constants by their label ("Closed won") in a choice box; nothing is typed into it. */
    public static <E extends Enum<E>> StringConverter<E> enumLabels() {
        return new StringConverter<>() {
            @Override
            public String toString(E value) {
                return value == null ? "" : DisplayFormats.label(value);
            }

            @Override
            public E fromString(String text) {
                return null;
            }
        };
    }

    /** One AI insight: title with icon, a meta line, the description and the suggested action if any. */
    public static VBox insightCard(Feather icon, String title, String meta, String description, String suggestedAction,
            String kind) {
        Label heading = new Label(title, new FontIcon(icon));
        heading.getStyleClass().add("insight-title");
        Label text = new Label(description);
        text.setWrapText(true);
        VBox card = new VBox(4, heading, note(meta), text);
        if (suggestedAction != null && !suggestedAction.isBlank()) {
            Label action = new Label("Suggested: " + suggestedAction, new FontIcon(Feather.ARROW_RIGHT));
            action.setWrapText(true);
            action.getStyleClass().add("insight-action");
            card.getChildren().add(action);
        }
        card.getStyleClass().addAll("insight-card", "insight-" + kind);
        return card;
    }
}
