package com.flowcrm.ui.shell;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The top-bar search: type, pick a deal or contact with the arrow keys and Enter (or the mouse), Escape closes.
 * The field keeps the keyboard focus while the result list is open, so typing never stops.
 */
public final class SearchBox {
    private final Function<String, List<SearchHit>> search;
    private final Consumer<SearchHit> onPick;
    private final CustomTextField field = new CustomTextField();
    private final ListView<SearchHit> results = new ListView<>();
    private final Label noResults = new Label("No deals or contacts match");
    private final Popup popup = new Popup();

    public SearchBox(Function<String, List<SearchHit>> search, Consumer<SearchHit> onPick) {
        this.search = Objects.requireNonNull(search, "search");
        this.onPick = Objects.requireNonNull(onPick, "onPick");
        build();
    }

    public CustomTextField getNode() {
        return field;
    }

    /** Ctrl+K lands here. */
    public void focus() {
        field.requestFocus();
        field.selectAll();
    }

    /** The hits currently offered; tests read them. */
    public List<SearchHit> shownHits() {
        return List.copyOf(results.getItems());
    }

    private void build() {
        field.setId("globalSearch");
        field.setPromptText("Search deals and contacts");
        field.getStyleClass().add("global-search");
        field.setLeft(new FontIcon(Feather.SEARCH));
        Label shortcut = new Label("Ctrl K");
        shortcut.getStyleClass().add("shortcut-hint");
        field.setRight(shortcut);

        results.setId("searchResults");
        results.getStyleClass().add("search-results");
        results.setFocusTraversable(false);
        results.setCellFactory(view -> new HitCell());
        results.setPrefHeight(320);
        noResults.getStyleClass().addAll(Styles.TEXT_MUTED, "search-empty");
        results.setPlaceholder(noResults);
        StackPane frame = new StackPane(results);
        frame.getStyleClass().add("search-popup");
        popup.getContent().add(frame);
        popup.setAutoHide(true);
        popup.setAutoFix(true);

        field.textProperty().addListener((obs, old, text) -> refresh(text));
        field.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                popup.hide();
            }
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        results.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && results.getSelectionModel().getSelectedItem() != null) {
                pick(results.getSelectionModel().getSelectedItem());
            }
        });
    }

    private void refresh(String text) {
        List<SearchHit> hits = search.apply(text);
        results.getItems().setAll(hits);
        if (!hits.isEmpty()) {
            results.getSelectionModel().selectFirst();
        }
        if (text == null || text.isBlank()) {
            popup.hide();
        } else if (!popup.isShowing() && field.getScene() != null && field.getScene().getWindow() != null) {
            Bounds bounds = field.localToScreen(field.getBoundsInLocal());
            if (bounds != null) {
                results.setPrefWidth(Math.max(bounds.getWidth(), 420));
                popup.show(field, bounds.getMinX(), bounds.getMaxY() + 4);
            }
        }
    }

    private void onKey(KeyEvent event) {
        KeyCode code = event.getCode();
        if (code == KeyCode.ESCAPE) {
            if (popup.isShowing() || !field.getText().isEmpty()) {
                field.clear();
                popup.hide();
                event.consume();
            }
        } else if (code == KeyCode.DOWN || code == KeyCode.UP) {
            if (!results.getItems().isEmpty()) {
                int index = results.getSelectionModel().getSelectedIndex() + (code == KeyCode.DOWN ? 1 : -1);
                index = Math.max(0, Math.min(results.getItems().size() - 1, index));
                results.getSelectionModel().select(index);
                results.scrollTo(index);
            }
            event.consume();
        } else if (code == KeyCode.ENTER) {
            SearchHit selected = results.getSelectionModel().getSelectedItem();
            if (selected != null && !field.getText().isBlank()) {
                pick(selected);
                event.consume();
            }
        }
    }

    private void pick(SearchHit hit) {
        popup.hide();
        field.clear();
        onPick.accept(hit);
    }

    /** A hit with an icon for its kind, its name and a muted line of context. */
    private static final class HitCell extends ListCell<SearchHit> {
        private final FontIcon icon = new FontIcon();
        private final Label title = new Label();
        private final Label subtitle = new Label();
        private final HBox content;

        HitCell() {
            title.getStyleClass().add(Styles.TEXT_BOLD);
            subtitle.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            icon.getStyleClass().add("search-hit-icon");
            content = new HBox(12, icon, new VBox(1, title, subtitle));
            content.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(SearchHit hit, boolean empty) {
            super.updateItem(hit, empty);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            icon.setIconCode(hit.kind() == SearchHit.Kind.DEAL ? Feather.BRIEFCASE : Feather.USER);
            title.setText(hit.title());
            subtitle.setText((hit.kind() == SearchHit.Kind.DEAL ? "Deal" : "Contact")
                    + (hit.subtitle().isBlank() ? "" : "  \u00b7  " + hit.subtitle()));
            setGraphic(content);
        }
    }
}
