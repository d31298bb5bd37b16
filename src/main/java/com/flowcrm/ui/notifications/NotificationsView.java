package com.flowcrm.ui.notifications;

import atlantafx.base.theme.Styles;
import com.flowcrm.model.Notification;
import com.flowcrm.model.NotificationType;
import com.flowcrm.ui.components.RelativeTime;
import java.time.Clock;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The notifications list: newest first, unread in bold. Click or Enter opens the deal or contact a notification
 * is about; Space marks the selected one read; "Mark all read" clears the badge.
 */
public final class NotificationsView {
    private static final PseudoClass UNREAD = PseudoClass.getPseudoClass("unread");

    private final NotificationsViewModel model;
    private final Clock clock;
    private final BorderPane root = new BorderPane();
    private final ListView<Notification> list = new ListView<>();

    public NotificationsView(NotificationsViewModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
        build();
    }

    public Parent getNode() {
        return root;
    }

    /** Where keyboard focus goes when the view is shown. */
    public void focus() {
        list.requestFocus();
        if (list.getSelectionModel().isEmpty() && !list.getItems().isEmpty()) {
            list.getSelectionModel().selectFirst();
        }
    }

    private void build() {
        root.getStyleClass().add("notifications-view");

        Label title = new Label("Notifications");
        title.getStyleClass().add(Styles.TITLE_3);
        Label unread = new Label();
        unread.setId("unreadSummary");
        unread.getStyleClass().add(Styles.TEXT_MUTED);
        unread.textProperty().bind(Bindings.createStringBinding(() -> {
            int count = model.unreadCountProperty().get();
            return count == 0 ? "All caught up" : count + " unread";
        }, model.unreadCountProperty()));
        VBox heading = new VBox(2, title, unread);

        Button markRead = new Button("Mark read", new FontIcon(Feather.CHECK));
        markRead.setId("markRead");
        markRead.setTooltip(new Tooltip("Mark the selected notification read (Space)"));
        markRead.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Notification selected = list.getSelectionModel().getSelectedItem();
            return selected == null || selected.isRead();
        }, list.getSelectionModel().selectedItemProperty(), model.unreadCountProperty()));
        markRead.setOnAction(e -> model.markRead(list.getSelectionModel().getSelectedItem()));

        Button markAll = new Button("Mark all read", new FontIcon(Feather.CHECK_CIRCLE));
        markAll.setId("markAllRead");
        markAll.disableProperty().bind(model.unreadCountProperty().isEqualTo(0));
        markAll.setOnAction(e -> model.markAllRead());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(8, heading, grow, markRead, markAll);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("view-header");

        Label error = new Label();
        error.setId("notificationsError");
        error.getStyleClass().add("form-error");
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(Bindings.createStringBinding(
                () -> model.errorProperty().get() == null ? "" : model.errorProperty().get(), model.errorProperty()));
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        list.setId("notificationList");
        list.getStyleClass().addAll("notification-list", Styles.STRIPED);
        list.setItems(model.notifications());
        list.setCellFactory(view -> new NotificationCell());
        list.setPlaceholder(emptyState());
        list.setOnKeyPressed(e -> {
            Notification selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                model.open(selected);
                e.consume();
            } else if (e.getCode() == KeyCode.SPACE && selected != null) {
                model.markRead(selected);
                e.consume();
            }
        });

        VBox top = new VBox(12, header, error);
        root.setTop(top);
        root.setCenter(list);
        BorderPane.setMargin(list, new javafx.geometry.Insets(12, 0, 0, 0));
    }

    private static VBox emptyState() {
        FontIcon icon = new FontIcon(Feather.BELL_OFF);
        icon.getStyleClass().add("empty-icon");
        Label text = new Label("No notifications yet");
        text.getStyleClass().add(Styles.TITLE_4);
        Label hint = new Label("Deal updates, reminders and alerts will show up here.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(8, icon, text, hint);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    static Feather iconOf(NotificationType type) {
        if (type == null) {
            return Feather.BELL;
        }
        return switch (type) {
            case DEAL_UPDATE -> Feather.TRENDING_UP;
            case MESSAGE_RECEIVED -> Feather.MAIL;
            case MEETING_REMINDER -> Feather.CALENDAR;
            case AI_INSIGHT -> Feather.ZAP;
            case TASK_DUE -> Feather.CHECK_SQUARE;
            case AT_RISK_ALERT -> Feather.ALERT_TRIANGLE;
        };
    }

    /** One notification: type icon, title (bold while unread), message, age and where it leads. */
    private final class NotificationCell extends ListCell<Notification> {
        private final FontIcon icon = new FontIcon();
        private final StackPane iconBadge = new StackPane(icon);
        private final Label title = new Label();
        private final Label message = new Label();
        private final Label meta = new Label();
        private final Region unreadDot = new Region();
        private final HBox content;
        private final ChangeListener<Boolean> readListener = (obs, was, read) -> showRead(read);
        private Notification current;

        NotificationCell() {
            getStyleClass().add("notification-cell");
            iconBadge.getStyleClass().add("notification-icon");
            title.getStyleClass().add("notification-title");
            message.getStyleClass().addAll("notification-message", Styles.TEXT_MUTED);
            message.setWrapText(true);
            meta.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            unreadDot.getStyleClass().add("unread-dot");
            VBox text = new VBox(2, title, message, meta);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            content = new HBox(14, iconBadge, text, unreadDot);
            content.setAlignment(Pos.CENTER_LEFT);
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && current != null) {
                    model.open(current);
                }
            });
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Notification item, boolean empty) {
            super.updateItem(item, empty);
            if (current != null) {
                current.readProperty().removeListener(readListener);
            }
            current = empty ? null : item;
            if (current == null) {
                setGraphic(null);
                setText(null);
                pseudoClassStateChanged(UNREAD, false);
                return;
            }
            icon.setIconCode(iconOf(item.getType()));
            iconBadge.getStyleClass().removeAll("priority-high", "priority-medium", "priority-low");
            iconBadge.getStyleClass().add("priority-" + item.getPriority().wireName());
            title.setText(item.getTitle());
            message.setText(item.getMessage());
            String where = item.dealId() != null ? "Opens the deal"
                    : item.contactId() != null ? "Opens the contact" : "";
            String age = RelativeTime.since(item.getCreatedAt(), clock.instant(), clock.getZone());
            meta.setText(where.isEmpty() ? age : age + "  \u00b7  " + where);
            item.readProperty().addListener(readListener);
            showRead(item.isRead());
            setText(null);
            setGraphic(content);
        }

        private void showRead(boolean read) {
            pseudoClassStateChanged(UNREAD, !read);
            unreadDot.setVisible(!read);
        }
    }
}
