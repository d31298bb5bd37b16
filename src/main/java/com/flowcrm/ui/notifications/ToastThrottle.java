package com.flowcrm.ui.notifications;

import com.flowcrm.model.Notification;
import com.flowcrm.ui.notifications.NotificationToasts.Toast;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * At most one toast per {@link #INTERVAL}: a notification arriving while the slot is free shows at once and takes the
 * slot; those arriving while it is taken wait, and when it frees they show as one toast ("5 new notifications", or
 * the notification itself when only one waited), which takes the slot again. High-priority ones are never folded
 * away silently: a folded toast names them (see {@link Toast#text()}) and is marked high priority. That keeps the
 * limit strict even when a busy team sends many urgent ones, where a toast of its own for each would queue up and
 * show minutes late; the list, one click away, has each of them. Waiting notifications that were read meanwhile, or
 * all of them when the user turned toasts off, are dropped when the slot frees. Confined to one thread (the FX
 * thread in the app): offers and the timer's tasks run there.
 */
final class ToastThrottle {
    /** One toast per this long; a toast stays on screen at most as long (see {@link ToastPresenter}). */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final ToastTimer timer;
    private final Consumer<Toast> presenter;
    private final BooleanSupplier wanted;
    /** Oldest first. */
    private final List<Notification> waiting = new ArrayList<>();
    private ToastTimer.Pending slot;
    private boolean closed;

    /** @param wanted whether the user wants toasts now (the preference), asked on arrival and again when the slot frees */
    ToastThrottle(ToastTimer timer, Consumer<Toast> presenter, BooleanSupplier wanted) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
        this.wanted = Objects.requireNonNull(wanted, "wanted");
    }

    /** A live notification arrived: shows it now, or folds it into the next toast; false when it will not toast. */
    boolean offer(Notification notification) {
        if (closed || notification.isRead() || !wanted.getAsBoolean()) {
            return false;
        }
        if (slot == null) {
            show(List.of(notification));
        } else {
            waiting.add(notification);
        }
        return true;
    }

    /** How many notifications wait for the slot. */
    int waiting() {
        return waiting.size();
    }

    /** Drops what waits and the timer; later offers are ignored. */
    void close() {
        closed = true;
        waiting.clear();
        if (slot != null) {
            slot.cancel();
            slot = null;
        }
    }

    private void slotFreed() {
        slot = null;
        if (closed) {
            return;
        }
        List<Notification> newestFirst = new ArrayList<>(waiting.size());
        for (int i = waiting.size() - 1; i >= 0; i--) {
            if (!waiting.get(i).isRead()) {
                newestFirst.add(waiting.get(i));
            }
        }
        waiting.clear();
        if (!newestFirst.isEmpty() && wanted.getAsBoolean()) {
            show(newestFirst);
        }
    }

    private void show(List<Notification> newestFirst) {
        slot = timer.schedule(INTERVAL, this::slotFreed);
        presenter.accept(new Toast(newestFirst));
    }
}
