package com.flowcrm.ui.notifications;

import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import com.flowcrm.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Pops a toast for every notification that arrives while signed in, unless the user's preferences turned
 * notifications off. Notifications already there when it starts, and old ones a resync brings back, stay quiet.
 */
public final class NotificationToasts implements AutoCloseable {
    /** A resync after a reconnect re-adds notifications; only ones this recent count as new. */
    static final Duration NEW_WINDOW = Duration.ofMinutes(2);
    /** More than this many at once become one summary toast instead of a wall of pop-ups. */
    static final int MAX_SINGLE_TOASTS = 3;

    /** What a toast needs: the notification, or several at once (then {@code notification} is the newest). */
    public record Toast(Notification notification, int count) {}

    private final SessionStore session;
    private final Consumer<Toast> presenter;
    private final Clock clock;
    private final ObservableList<Notification> notifications;
    private final Set<String> seen = new HashSet<>();
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(this, "shown");
    private final Instant startedAt;
    private final ListChangeListener<Notification> listener = this::onChange;

    public NotificationToasts(SessionStore session, Consumer<Toast> presenter, Clock clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = clock.instant();
        this.notifications = session.root().notifications().getNotifications();
        notifications.forEach(n -> seen.add(n.getId()));
        notifications.addListener(listener);
    }

    /** How many toasts were shown; tests and the status bar read it. */
    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    private void onChange(ListChangeListener.Change<? extends Notification> change) {
        List<Notification> fresh = new ArrayList<>();
        Instant cutoff = startedAt.isBefore(clock.instant()) ? startedAt.minus(NEW_WINDOW) : clock.instant().minus(NEW_WINDOW);
        while (change.next()) {
            for (Notification added : change.getAddedSubList()) {
                if (seen.add(added.getId()) && !added.isRead()
                        && (added.getCreatedAt() == null || !added.getCreatedAt().isBefore(cutoff))) {
                    fresh.add(added);
                }
            }
        }
        if (fresh.isEmpty() || !wanted()) {
            return;
        }
        if (fresh.size() > MAX_SINGLE_TOASTS) {
            present(new Toast(newest(fresh), fresh.size()));
        } else {
            fresh.forEach(n -> present(new Toast(n, 1)));
        }
    }

    private boolean wanted() {
        User user = session.currentUserProperty().get();
        return user != null && user.preferences().notifications();
    }

    private void present(Toast toast) {
        presenter.accept(toast);
        shown.set(shown.get() + 1);
    }

    private static Notification newest(List<Notification> list) {
        Notification newest = list.get(0);
        for (Notification n : list) {
            if (n.getCreatedAt() != null && (newest.getCreatedAt() == null || n.getCreatedAt().isAfter(newest.getCreatedAt()))) {
                newest = n;
            }
        }
        return newest;
    }

    @Override
    public void close() {
        notifications.removeListener(listener);
    }
}
