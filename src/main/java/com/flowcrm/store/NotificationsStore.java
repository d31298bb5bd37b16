package com.flowcrm.store;

import com.flowcrm.model.Notification;
import com.flowcrm.model.change.NotificationUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's notifications, newest first, with the unread count kept live (also when a view marks one read
 * directly). Live {@code notification:new} events are kept here, deduplicated by id, and {@code notification:updated}
 * sets the read state. UI thread only.
 */
public final class NotificationsStore {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationsStore.class);
    /** Older notifications beyond this are dropped from memory; the server keeps them. */
    static final int MAX_KEPT = 500;

    private final ObservableList<Notification> notifications = FXCollections.observableArrayList();
    private final ObservableList<Notification> readOnly = FXCollections.unmodifiableObservableList(notifications);
    private final Map<String, Notification> byId = new HashMap<>();
    private final ReadOnlyIntegerWrapper unreadCount = new ReadOnlyIntegerWrapper(this, "unreadCount");
    private final ChangeListener<Boolean> readListener = (obs, wasRead, isRead) ->
            unreadCount.set(unreadCount.get() + (isRead ? -1 : 1));
    private final List<Consumer<Notification>> arrivalListeners = new CopyOnWriteArrayList<>();

    /** Newest first; read-only. */
    public ObservableList<Notification> getNotifications() {
        return readOnly;
    }

    public ReadOnlyIntegerProperty unreadCountProperty() {
        return unreadCount.getReadOnlyProperty();
    }

    public int getUnreadCount() {
        return unreadCount.get();
    }

    public Notification byId(String id) {
        return id == null ? null : byId.get(id);
    }

    /** Told of every notification a live event adds (for a toast), after it is in the list. */
    public void addArrivalListener(Consumer<Notification> listener) {
        arrivalListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeArrivalListener(Consumer<Notification> listener) {
        arrivalListeners.remove(listener);
    }

    /** Adds a notification at the top; false (and nothing changes) when its id is already here. */
    public boolean add(Notification n) {
        if (byId.containsKey(n.getId())) {
            return false;
        }
        attach(n);
        notifications.add(0, n);
        while (notifications.size() > MAX_KEPT) {
            detach(notifications.remove(notifications.size() - 1));
        }
        return true;
    }

    /** Marks one read; false when unknown. */
    public boolean markRead(String id) {
        Notification n = byId.get(id);
        if (n == null) {
            return false;
        }
        n.setRead(true);
        return true;
    }

    public void markAllRead() {
        for (Notification n : notifications) {
            n.setRead(true);
        }
    }

    /** Replaces everything with a freshly loaded list, sorted newest first. */
    public void loadSnapshot(List<Notification> snapshot) {
        for (Notification n : notifications) {
            detach(n);
        }
        List<Notification> sorted = newestFirst(snapshot);
        for (Notification n : sorted) {
            attach(n);
        }
        notifications.setAll(sorted);
    }

    /** Keeps known notifications (taking the server's read state), adds new ones, drops the ones the server no longer lists. */
    public void reconcile(List<Notification> fresh) {
        List<Notification> next = new ArrayList<>();
        Map<String, Notification> keep = new HashMap<>();
        for (Notification incoming : newestFirst(fresh)) {
            Notification existing = byId.get(incoming.getId());
            if (existing != null) {
                existing.setRead(incoming.isRead());
                keep.put(existing.getId(), existing);
                next.add(existing);
            } else {
                next.add(incoming);
            }
        }
        for (Notification n : notifications) {
            if (!keep.containsKey(n.getId())) {
                detach(n);
            }
        }
        for (Notification n : next) {
            if (!keep.containsKey(n.getId())) {
                attach(n);
            }
        }
        notifications.setAll(next);
    }

    public void clear() {
        loadSnapshot(List.of());
    }

    /** notification:new: kept (not just logged), newest first, once per id. */
    ApplyOutcome applyNew(Notification n) {
        if (!add(n)) {
            return ApplyOutcome.IGNORED;
        }
        for (Consumer<Notification> listener : arrivalListeners) {
            try {
                listener.accept(n);
            } catch (RuntimeException e) {
                LOG.error("Notification listener failed for {}", n, e);
            }
        }
        return ApplyOutcome.APPLIED;
    }

    /** notification:updated: read or unread as the server says (another window of the user, or this one's echo). */
    ApplyOutcome applyUpdate(NotificationUpdate update) {
        Notification n = byId.get(update.id());
        if (n == null) {
            return ApplyOutcome.IGNORED;
        }
        n.setRead(update.read());
        return ApplyOutcome.APPLIED;
    }

    private void attach(Notification n) {
        byId.put(n.getId(), n);
        n.readProperty().addListener(readListener);
        if (!n.isRead()) {
            unreadCount.set(unreadCount.get() + 1);
        }
    }

    private void detach(Notification n) {
        byId.remove(n.getId());
        n.readProperty().removeListener(readListener);
        if (!n.isRead()) {
            unreadCount.set(unreadCount.get() - 1);
        }
    }

    private static List<Notification> newestFirst(List<Notification> input) {
        Map<String, Notification> unique = new LinkedHashMap<>();
        for (Notification n : input) {
            unique.putIfAbsent(n.getId(), n);
        }
        List<Notification> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparing(Notification::getCreatedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return sorted;
    }
}
