package com.flowcrm.store;

import com.flowcrm.model.Notification;
import java.time.Instant;
import com.flowcrm.model.change.NotificationUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
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
 * sets the read state. The rep's waiting "mark read" changes are layered over the read state the server confirmed
 * (kept aside per notification), like the deal and contact stores do with their fields. UI thread only.
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
    /** Waiting "mark read" changes per notification id, and "mark all read" ones with the time they cover up to. */
    private final Map<String, Set<UUID>> readLayers = new HashMap<>();
    private final Map<UUID, Instant> allReadLayers = new LinkedHashMap<>();
    /** The read state the server confirmed, for every notification shown read because of a waiting change. */
    private final Map<String, Boolean> confirmedRead = new HashMap<>();
    private Consumer<String> confirmedListener;

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
        confirmedRead.clear();
        for (Notification n : sorted) {
            showPending(n);
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
                setConfirmedRead(existing, incoming.isRead());
                keep.put(existing.getId(), existing);
                next.add(existing);
            } else {
                showPending(incoming);
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
        if (byId.containsKey(n.getId())) {
            return ApplyOutcome.IGNORED;
        }
        showPending(n);
        add(n);
        if (confirmedListener != null) {
            confirmedListener.accept(n.getId());
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

    // ---- the rep's waiting "mark read" changes -------------------------------------------------------------------

    /** Told, on the UI thread, of every notification whose confirmed state changed (the local copy writes it). */
    void setConfirmedListener(Consumer<String> listener) {
        this.confirmedListener = listener;
    }

    /** Shows one notification read while the change waits for the server. */
    void layerRead(String id, UUID change) {
        readLayers.computeIfAbsent(id, k -> new HashSet<>()).add(change);
        Notification n = byId.get(id);
        if (n != null) {
            showPending(n);
        }
    }

    /** Shows every notification created up to {@code upTo} read while "mark all read" waits for the server. */
    void layerAllRead(UUID change, Instant upTo) {
        allReadLayers.put(change, upTo);
        for (Notification n : notifications) {
            showPending(n);
        }
    }

    /** Takes a waiting change off: what it covered shows the read state the server confirmed again. */
    void unlayer(UUID change) {
        boolean all = allReadLayers.remove(change) != null;
        List<String> affected = new ArrayList<>();
        readLayers.entrySet().removeIf(e -> {
            if (e.getValue().remove(change)) {
                affected.add(e.getKey());
            }
            return e.getValue().isEmpty();
        });
        if (all) {
            affected.addAll(List.copyOf(confirmedRead.keySet()));
        }
        for (String id : affected) {
            Notification n = byId.get(id);
            if (n != null && !isPendingRead(n) && confirmedRead.containsKey(id)) {
                n.setRead(confirmedRead.remove(id));
            }
        }
    }

    /** The server confirmed a read state (its answer to the rep's change). */
    void confirmRead(String id, boolean read) {
        Notification n = byId.get(id);
        if (n != null) {
            setConfirmedRead(n, read);
            if (confirmedListener != null) {
                confirmedListener.accept(id);
            }
        }
    }

    /** The notification as the server confirmed it: read as the server has it even while shown read by a waiting change. */
    Notification confirmedById(String id) {
        Notification n = byId.get(id);
        Boolean read = n == null ? null : confirmedRead.get(id);
        if (read == null || read == n.isRead()) {
            return n;
        }
        return new Notification(n.getId(), n.getUserId(), n.getType(), n.getTitle(), n.getMessage(), n.getPriority(),
                read, n.getActionUrl(), n.getMetadata(), n.getCreatedAt(), n.getExpiresAt());
    }

    /** True when a waiting change shows the notification read. */
    boolean isPendingRead(Notification n) {
        Set<UUID> own = readLayers.get(n.getId());
        if (own != null && !own.isEmpty()) {
            return true;
        }
        for (Instant upTo : allReadLayers.values()) {
            if (n.getCreatedAt() == null || !n.getCreatedAt().isAfter(upTo)) {
                return true;
            }
        }
        return false;
    }

    /** Forgets every waiting change (sign-out); the notifications keep what they show. */
    void clearPending() {
        readLayers.clear();
        allReadLayers.clear();
        confirmedRead.clear();
    }

    private void setConfirmedRead(Notification n, boolean read) {
        if (isPendingRead(n)) {
            confirmedRead.put(n.getId(), read);
        } else {
            n.setRead(read);
        }
    }

    private void showPending(Notification n) {
        if (!isPendingRead(n)) {
            return;
        }
        confirmedRead.putIfAbsent(n.getId(), n.isRead());
        n.setRead(true);
    }

    /** notification:updated: read or unread as the server says (another window of the user, or this one's echo). */
    ApplyOutcome applyUpdate(NotificationUpdate update) {
        Notification n = byId.get(update.id());
        if (n == null) {
            return ApplyOutcome.IGNORED;
        }
        setConfirmedRead(n, update.read());
        if (confirmedListener != null) {
            confirmedListener.accept(update.id());
        }
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
        confirmedRead.remove(n.getId());
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
