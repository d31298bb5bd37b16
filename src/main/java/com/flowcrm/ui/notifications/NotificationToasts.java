package com.flowcrm.ui.notifications;

import com.flowcrm.model.Notification;
import com.flowcrm.model.Priority;
import com.flowcrm.model.User;
import com.flowcrm.store.SessionStore;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Toasts the notifications live {@code notification:new} events bring while this main window is open, at most one
 * toast per 5 seconds: what arrives meanwhile is folded into one "5 new notifications" toast that opens the list,
 * which names the high-priority ones among them ({@link ToastThrottle} has the rules and why). Nothing toasts when
 * the user's preferences turned notifications off; snapshots and resyncs never toast.
 */
public final class NotificationToasts implements AutoCloseable {
    /** How many high-priority titles a folded toast names before it says how many more there are. */
    static final int NAMED_HIGH_PRIORITY = 3;

    /** What a toast shows: one notification, or several (newest first) folded into one. */
    public record Toast(List<Notification> notifications) {
        public Toast {
            notifications = List.copyOf(notifications);
            if (notifications.isEmpty()) {
                throw new IllegalArgumentException("a toast shows at least one notification");
            }
        }

        public Toast(Notification notification) {
            this(List.of(notification));
        }

        /** Several notifications in one toast; opening it opens the list rather than one of them. */
        public boolean folded() {
            return notifications.size() > 1;
        }

        /** The notification of a single toast; the newest of a folded one. */
        public Notification notification() {
            return notifications.get(0);
        }

        /** The high-priority notifications of this toast, newest first. */
        public List<Notification> highPriority() {
            return notifications.stream().filter(n -> n.getPriority() == Priority.HIGH).toList();
        }

        public boolean isHighPriority() {
            return notifications.stream().anyMatch(n -> n.getPriority() == Priority.HIGH);
        }

        /** The notification's title, or "5 new notifications". */
        public String title() {
            return folded() ? notifications.size() + " new notifications" : notification().getTitle();
        }

        /**
         * The notification's message; for a folded toast the titles of its high-priority notifications (the first
         * three, then how many more), or the newest one's title when none is high priority.
         */
        public String text() {
            if (!folded()) {
                return notification().getMessage();
            }
            List<Notification> high = highPriority();
            if (high.isEmpty()) {
                return "Latest: " + notification().getTitle();
            }
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < Math.min(NAMED_HIGH_PRIORITY, high.size()); i++) {
                text.append(i == 0 ? "" : "\n").append("High priority: ").append(high.get(i).getTitle());
            }
            if (high.size() > NAMED_HIGH_PRIORITY) {
                text.append("\n+ ").append(high.size() - NAMED_HIGH_PRIORITY).append(" more high priority");
            }
            return text.toString();
        }
    }

    private final SessionStore session;
    private final ToastThrottle throttle;
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(this, "shown");
    private final Consumer<Notification> arrivals = this::arrived;

    public NotificationToasts(SessionStore session, Consumer<Toast> presenter) {
        this(session, ToastTimer.fxThread(), presenter);
    }

    /** @param timer the throttle's timer; tests pass one on virtual time */
    public NotificationToasts(SessionStore session, ToastTimer timer, Consumer<Toast> presenter) {
        this.session = Objects.requireNonNull(session, "session");
        Objects.requireNonNull(presenter, "presenter");
        this.throttle = new ToastThrottle(timer, toast -> {
            presenter.accept(toast);
            shown.set(shown.get() + 1);
        }, this::wanted);
        session.root().notifications().addArrivalListener(arrivals);
    }

    /** How many toasts this window has shown (a folded toast counts once); tests read it. */
    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    private void arrived(Notification notification) {
        throttle.offer(notification);
    }

    private boolean wanted() {
        User user = session.currentUserProperty().get();
        return user != null && user.preferences().notifications();
    }

    @Override
    public void close() {
        throttle.close();
        // each signed-in window adds one; a closed window must not stay reachable from the store
        session.root().notifications().removeArrivalListener(arrivals);
    }
}
