package com.flowcrm.ui.offline;

import atlantafx.base.theme.Styles;
import com.flowcrm.ui.kit.Banner;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Pending changes panel (Ctrl+5, or the status bar's count): one card per change, oldest first, saying what, on
 * what (a link that opens the record), when, where it stands and why; "Retry" and "Discard"; for a conflict each field's
 * value as the rep started from it, theirs on the server and the rep's, side by side, with "Keep mine" and "Keep
 * theirs".
 */
public final class PendingChangesView {
    /** The views' stylesheet, for the marks (the panel's own look is in offline.css, on the main window). */
    private static final String VIEWS_STYLESHEET = java.util.Objects.requireNonNull(
            PendingChangesView.class.getResource("/com/flowcrm/ui/views.css"), "views.css").toExternalForm();

    private final PendingChangesViewModel model;
    private final BorderPane root = new BorderPane();
    private final ListView<PendingRow> list = new ListView<>();

    public PendingChangesView(PendingChangesViewModel model) {
        this.model = model;
        build();
    }

    public Parent getNode() {
        return root;
    }

    /** Where keyboard focus goes when the panel is shown. */
    public void focus() {
        list.requestFocus();
        if (list.getSelectionModel().isEmpty() && !list.getItems().isEmpty()) {
            list.getSelectionModel().selectFirst();
        }
    }

    private void build() {
        root.getStyleClass().add("pending-view");
        root.setId("pending-view");
        root.getStylesheets().add(VIEWS_STYLESHEET);

        Label title = new Label("Pending changes");
        title.getStyleClass().add(Styles.TITLE_3);
        Label headline = new Label();
        headline.setId("pending-headline");
        headline.getStyleClass().add(Styles.TEXT_MUTED);
        headline.setWrapText(true);
        headline.textProperty().bind(model.headlineProperty());
        // with nothing listed the list's placeholder says it, once
        headline.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.rows()));
        headline.managedProperty().bind(headline.visibleProperty());
        VBox heading = new VBox(2, title, headline);
        heading.getStyleClass().add("view-header");

        Banner failed = new Banner("pending-message", Styles.DANGER, Feather.ALERT_CIRCLE)
                .bind(model.messageProperty(), null)
                .dismissable(model::dismissMessage);

        list.setId("pending-list");
        list.getStyleClass().add("pending-list");
        list.setItems(model.rows());
        list.setCellFactory(view -> new RowCell());
        Label empty = new Label(null, new FontIcon(Feather.CHECK_CIRCLE));
        empty.getStyleClass().add("pending-empty");
        empty.textProperty().bind(model.headlineProperty());
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                model.open(list.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        // an action under way disables its card's buttons until the change moves on
        model.busy().addListener((SetChangeListener<UUID>) change -> list.refresh());

        root.setTop(new VBox(12, heading, failed));
        BorderPane.setMargin(list, new javafx.geometry.Insets(12, 0, 0, 0));
        root.setCenter(list);
    }

    /** One change: built again only when the change moved on (the rows are few and change rarely). */
    private final class RowCell extends ListCell<PendingRow> {
        RowCell() {
            getStyleClass().add("pending-cell");
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(PendingRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            Node card = card(row, model.busy().contains(row.id()));
            if (card instanceof Region region) {
                // the card takes the list's width and wraps its text instead of widening the list
                region.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                        () -> Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset()),
                        widthProperty(), paddingProperty()));
            }
            setGraphic(card);
            setAccessibleText(row.kind() + " on " + row.targetLabel() + ": " + row.status());
        }
    }

    private Node card(PendingRow row, boolean busy) {
        FontIcon icon = new FontIcon(PendingMarkStyle.iconOf(row.mark()));
        StackPane dot = new StackPane(icon);
        dot.getStyleClass().addAll("pending-dot", PendingMarkStyle.STYLE_CLASS);
        PendingMarkStyle.wear(dot, row.mark());

        Label kind = new Label(row.kind());
        kind.getStyleClass().add("pending-kind");
        Node target;
        if (row.canOpen()) {
            Hyperlink link = new Hyperlink(row.targetLabel());
            link.getStyleClass().add("pending-open");
            link.setTooltip(new Tooltip("Open " + row.targetLabel()));
            link.setOnAction(e -> model.open(row));
            target = link;
        } else {
            target = new Label(row.targetLabel());
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label when = new Label(row.when());
        when.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox line = new HBox(6, kind, new Label("\u00b7"), target, grow, when);
        line.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label(row.status());
        status.getStyleClass().addAll("pending-status", PendingMarkStyle.STYLE_CLASS);
        PendingMarkStyle.wear(status, row.mark());
        VBox body = new VBox(6, line, status);
        if (row.reason() != null && !row.reason().isBlank()) {
            Label reason = new Label(row.reason());
            reason.getStyleClass().add("pending-reason");
            reason.setWrapText(true);
            body.getChildren().add(reason);
        }
        if (!row.fields().isEmpty()) {
            body.getChildren().add(fields(row));
        }
        HBox actions = actions(row, busy);
        if (!actions.getChildren().isEmpty()) {
            body.getChildren().add(actions);
        }
        HBox.setHgrow(body, Priority.ALWAYS);
        body.setMinWidth(0);
        HBox card = new HBox(12, dot, body);
        card.getStyleClass().add("pending-card");
        card.setUserData(row.id());
        return card;
    }

    /** Each field of the change: before, the rep's value and, in a conflict, the server's, side by side. */
    private static GridPane fields(PendingRow row) {
        boolean conflict = row.conflict();
        GridPane grid = new GridPane();
        grid.getStyleClass().add("pending-fields");
        grid.setHgap(16);
        grid.setVgap(4);
        List<String> headers = conflict ? List.of("Field", "You started from", "Yours", "Theirs (on the server)")
                : List.of("Field", "Was", "Yours");
        for (int c = 0; c < headers.size(); c++) {
            Label header = new Label(headers.get(c));
            header.getStyleClass().add("pending-field-header");
            grid.add(header, c, 0);
            ColumnConstraints column = new ColumnConstraints();
            column.setHgrow(c == 0 ? Priority.NEVER : Priority.SOMETIMES);
            grid.getColumnConstraints().add(column);
        }
        int r = 1;
        for (PendingRow.Field field : row.fields()) {
            grid.add(cell(field.label(), "pending-field-name"), 0, r);
            grid.add(cell(field.base(), "pending-field-base"), 1, r);
            grid.add(cell(field.yours(), "pending-field-yours"), 2, r);
            if (conflict) {
                grid.add(cell(field.inConflict() ? field.theirs() : field.yours(), "pending-field-theirs"), 3, r);
            }
            r++;
        }
        return grid;
    }

    private static Label cell(String text, String style) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        return label;
    }

    private HBox actions(PendingRow row, boolean busy) {
        HBox actions = new HBox(8);
        actions.setAlignment(Pos.CENTER_LEFT);
        if (row.conflict()) {
            actions.getChildren().add(button("Keep mine", "pending-keep-mine", Feather.USER,
                    "Send your values over what the server has now", row, busy, model::keepMine, Styles.ACCENT));
            actions.getChildren().add(button("Keep theirs", "pending-keep-theirs", Feather.SERVER,
                    "Drop your change and keep the server's values", row, busy, model::keepTheirs, null));
        }
        if (row.canRetry()) {
            actions.getChildren().add(button("Retry", "pending-retry", Feather.REFRESH_CW,
                    "Send it again now", row, busy, model::retry, row.conflict() ? null : Styles.ACCENT));
        }
        if (row.canDiscard()) {
            actions.getChildren().add(button("Discard", "pending-discard", Feather.TRASH_2,
                    "Drop this change; the record keeps the server's version", row, busy, model::discard, Styles.FLAT));
        }
        return actions;
    }

    private static Button button(String text, String style, Feather icon, String tip, PendingRow row, boolean busy,
            Function<PendingRow, ?> action, String look) {
        Button button = new Button(text, new FontIcon(icon));
        button.getStyleClass().addAll(style, Styles.SMALL);
        if (look != null) {
            button.getStyleClass().add(look);
        }
        button.setTooltip(new Tooltip(tip));
        button.setUserData(row.id());
        button.setDisable(busy);
        button.setOnAction(e -> action.apply(row));
        return button;
    }
}
