package com.flowcrm.ui.notifications;

import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import com.flowcrm.store.SessionStore;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Pops a toast for every notification a live {@code notification:new} event brings while this main window is open,
 * unless the user's preferences turned notifications off. Snapshots and resyncs never toast.
 */
public final class NotificationToasts implements AutoCloseable {
    /** What a toast shows. */
    public record Toast(Notification notification) {}

    private final SessionStore session;
    private final Consumer<Toast> presenter;
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(this, "shown");
    private final Consumer<Notification> arrivals = this::arrived;
    private volatile boolean open = true;

    public NotificationToasts(SessionStore session, Consumer<Toast> presenter) {
        this.session = Objects.requireNonNull(session, "session");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
        session.root().notifications().addArrivalListener(arrivals);
    }

    /** How many toasts this window has shown; tests read it. */
    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    private void arrived(Notification notification) {
        if (!open || notification.isRead() || !wanted()) {
            return;
        }
        presenter.accept(new Toast(notification));
        shown.set(shown.get() + 1);
    }

    private boolean wanted() {
        User user = session.currentUserProperty().get();
        return user != null && user.preferences().notifications();
    }

    @Override
    public void close() {
        open = false;
        // each signed-in window adds one; a closed window must not stay reachable from the store
        session.root().notifications().removeArrivalListener(arrivals);
    }
}
