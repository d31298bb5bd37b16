package com.flowcrm.ui.kit;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** What the pipeline and contacts views share around their content: title row, filter chips, search, key figures. */
public final class ViewChrome {
    private ViewChrome() {
    }

    /**
     * One chip per filter, exactly one of them on, kept in step with the property both ways. Chip ids are
     * {@code idPrefix} + the constant's name in kebab case (e.g. {@code filter-at-risk}).
     */
    public static <E extends Enum<E>> HBox chips(E[] filters, ObjectProperty<E> selected, Function<E, String> text,
            String idPrefix) {
        ToggleGroup group = new ToggleGroup();
        HBox row = new HBox(6);
        row.getStyleClass().add("filter-chips");
        for (E filter : filters) {
            ToggleButton chip = new ToggleButton(text.apply(filter));
            chip.getStyleClass().add("chip");
            chip.setId(idPrefix + filter.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            chip.setUserData(filter);
            chip.setToggleGroup(group);
            chip.setSelected(selected.get() == filter);
            row.getChildren().add(chip);
        }
        group.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                old.setSelected(true); // one chip is always on
            } else {
                @SuppressWarnings("unchecked")
                E filter = (E) toggle.getUserData();
                selected.set(filter);
            }
        });
        selected.addListener((obs, old, filter) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == filter).findFirst().ifPresent(t -> t.setSelected(true)));
        return row;
    }

    /** A search field with its icon, bound both ways to the store's search text. */
    public static HBox searchBox(StringProperty searchText, String prompt, String id) {
        TextField search = new TextField();
        search.setPromptText(prompt);
        search.setId(id);
        search.textProperty().bindBidirectional(searchText);
        search.setPrefColumnCount(26);
        FontIcon icon = new FontIcon(Feather.SEARCH);
        icon.getStyleClass().add("search-icon");
        HBox box = new HBox(6, icon, search);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("search-box");
        HBox.setHgrow(search, Priority.ALWAYS);
        return box;
    }

    /** The title row of a view: its name on the left, key figures on the right. */
    public static HBox titleRow(String title, Node... figures) {
        return titleRow(new HBox(), title, figures);
    }

    /**
     * A title row whose figures change with live events (totals, counts) but never its height: a changed figure is
     * laid out inside the row (its width is the view's), not by the view and the window around it on every event.
     */
    public static HBox liveTitleRow(String title, Node... figures) {
        HBox row = new HBox() {
            @Override
            public void requestLayout() {
                setNeedsLayout(true);
            }
        };
        return titleRow(row, title, figures);
    }

    private static HBox titleRow(HBox row, String title, Node... figures) {
        Label name = new Label(title);
        name.getStyleClass().add("view-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        row.setSpacing(12);
        row.getChildren().addAll(name, spacer);
        row.getChildren().addAll(figures);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("summary-line");
        return row;
    }

    /** Escape anywhere in the view closes its details panel (clears what it shows). */
    public static void closeOnEscape(Node view, ObjectProperty<?> openItem) {
        view.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && openItem.get() != null) {
                openItem.set(null);
                e.consume();
            }
        });
    }

    /** A flat icon-only button; the tooltip and the accessible text say what it does. */
    public static Button iconButton(Feather icon, String tooltip, String accessibleText, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
        button.setTooltip(new Tooltip(tooltip));
        button.setAccessibleText(accessibleText);
        button.setOnAction(e -> action.run());
        return button;
    }

    /** A key figure in a view's header: a small caption with an icon above a large value. */
    public static VBox stat(String caption, Label value, Feather icon) {
        Label label = new Label(caption, new FontIcon(icon));
        label.getStyleClass().add("stat-caption");
        value.getStyleClass().add("stat-value");
        VBox box = new VBox(0, label, value);
        box.getStyleClass().add("stat");
        return box;
    }
}
