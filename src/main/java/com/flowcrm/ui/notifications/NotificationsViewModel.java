package com.flowcrm.ui.notifications;

import com.flowcrm.model.Notification;
import com.flowcrm.store.SessionCommands;
import com.flowcrm.ui.FxThread;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.UserMessages;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The notifications list (newest first), its unread count and the read / open actions. */
public final class NotificationsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationsViewModel.class);

    private final SessionCommands commands;
    private final Navigator navigator;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    public NotificationsViewModel(SessionCommands commands, Navigator navigator) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
    }

    /** Newest first, as the store keeps them. */
    public ObservableList<Notification> notifications() {
        return commands.root().notifications().getNotifications();
    }

    public ReadOnlyIntegerProperty unreadCountProperty() {
        return commands.root().notifications().unreadCountProperty();
    }

    /** The last failed action in words, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Marks one notification read on the server (the store shows it read at once and rolls back on failure). */
    public CompletableFuture<Void> markRead(Notification notification) {
        if (notification == null || notification.isRead()) {
            return CompletableFuture.completedFuture(null);
        }
        return report(commands.markNotificationRead(notification.getId()), "mark " + notification.getId() + " read");
    }

    public CompletableFuture<Void> markAllRead() {
        if (unreadCountProperty().get() == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return report(commands.markAllNotificationsRead(), "mark all read");
    }

    /** Whether opening the notification leads somewhere: its metadata names a deal or a contact. */
    public static boolean leadsSomewhere(Notification notification) {
        return notification != null && (notification.dealId() != null || notification.contactId() != null);
    }

    /** Marks it read and shows the deal or contact it is about. */
    public void open(Notification notification) {
        if (notification == null) {
            return;
        }
        markRead(notification);
        if (notification.dealId() != null) {
            navigator.showDeal(notification.dealId());
        } else if (notification.contactId() != null) {
            navigator.showContact(notification.contactId());
        }
    }

    private CompletableFuture<Void> report(CompletableFuture<Void> operation, String what) {
        error.set(null);
        return operation.whenComplete((ok, failure) -> {
            if (failure != null) {
                String message = UserMessages.of(failure);
                LOG.warn("Could not {}: {}", what, message);
                FxThread.run(() -> error.set("Could not update the notification: " + message));
            }
        });
    }
}
