package com.flowcrm.store;

import com.flowcrm.api.ChangePage;
import com.flowcrm.api.Mapped;
import com.flowcrm.common.WarningThrottle;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import com.flowcrm.model.change.ContactUpdate;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealCreated;
import com.flowcrm.model.change.DealDeleted;
import com.flowcrm.model.change.DealUpdate;
import com.flowcrm.model.change.EventName;
import com.flowcrm.model.change.NotificationAdded;
import com.flowcrm.model.change.NotificationUpdate;
import com.flowcrm.model.change.RemoteEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the stores and turns live events into store changes: each event is mapped and validated on the thread that
 * read it ({@link LiveUpdates} wires the socket), and only a valid, typed {@link RemoteEvent} is queued on the
 * {@link EventDispatcher}, which applies it on the UI thread. An invalid event is rejected whole (state unchanged,
 * a rate-limited WARN, a counter). The changes a catch-up reads from the server's change log take the same way
 * ({@link #applyChangePage}); {@link ChangeOrder} keeps both in the log's order when the session attaches a cursor.
 */
public final class RootStore {
    private static final Logger LOG = LoggerFactory.getLogger(RootStore.class);
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    private final Executor uiExecutor;
    private final EventDispatcher dispatcher;
    private final DealsStore deals;
    private final ContactsStore contacts;
    private final NotificationsStore notifications = new NotificationsStore();
    private final StoreCounters counters = new StoreCounters();
    private final WarningThrottle warnings;
    private final AtomicBoolean countersPublishPending = new AtomicBoolean();
    private final ChangeOrder order;

    /** @param uiExecutor {@code Platform::runLater} in the app; a direct or single-thread executor in tests and the CLI */
    public RootStore(Executor uiExecutor) {
        this(uiExecutor, Clock.systemUTC());
    }

    public RootStore(Executor uiExecutor, Clock clock) {
        this.uiExecutor = Objects.requireNonNull(uiExecutor, "uiExecutor");
        this.dispatcher = new EventDispatcher(uiExecutor);
        this.deals = new DealsStore(dispatcher, clock);
        this.contacts = new ContactsStore(dispatcher, clock);
        this.warnings = new WarningThrottle(LOG, clock, WARN_INTERVAL);
        this.order = new ChangeOrder(this::applyCounted, counters::ignored);
        dispatcher.addBatchEndListener(counters::publish);
        // after the stores' own batch-end work: the cursor hears of a position once the changes up to it are in
        dispatcher.addBatchEndListener(order::flush);
    }

    public DealsStore deals() {
        return deals;
    }

    public ContactsStore contacts() {
        return contacts;
    }

    public NotificationsStore notifications() {
        return notifications;
    }

    public EventDispatcher dispatcher() {
        return dispatcher;
    }

    public StoreCounters counters() {
        return counters;
    }

    /**
     * One live event, mapped and validated on the thread that read it (the socket's read thread): a valid event is
     * queued for the UI thread; an invalid one is rejected whole (counted, one rate-limited WARN) and never touches
     * a model. An event name the stores do not know is counted as unknown, a missing one as malformed. Thread-safe.
     */
    public void accept(String event, Mapped<? extends RemoteEvent> mapped) {
        accept(event, mapped, ChangeOrder.NONE, ChangeOrder.NONE);
    }

    /**
     * Like {@link #accept(String, Mapped)} for a frame with its place in the server's change log (issue 13): its
     * {@code seq} and the {@code prev} seq this user could see before it ({@code -1} when the frame has none).
     */
    public void accept(String event, Mapped<? extends RemoteEvent> mapped, long seq, long prev) {
        if (!valid(event, mapped)) {
            return;
        }
        dispatcher.submit(new LiveChange(event, mapped.value(), seq, prev, order));
    }

    /** Counts and warns about an event that cannot be applied; true when it can. */
    private boolean valid(String event, Mapped<? extends RemoteEvent> mapped) {
        if (event == null || event.isBlank()) {
            counters.malformed();
            warnings.warn("malformed", "Ignored malformed event: {}", "no event name");
            publishCountersSoon();
            return false;
        }
        if (!mapped.isClean()) {
            if (EventName.fromWire(event) == null) {
                counters.unknown();
                warnings.warn("unknown:" + event, "Ignored unknown event '{}'", shorten(event));
            } else {
                counters.rejected();
                warnings.warn("rejected:" + event, "Rejected {}: {}", event, mapped.describeProblems());
            }
            publishCountersSoon();
            return false;
        }
        return true;
    }

    /** Applies one live change and counts what it did; on the UI thread, inside a dispatcher batch. */
    private void applyCounted(LiveChange c) {
        applyCounted(c.event, c.change);
    }

    private void applyCounted(String event, RemoteEvent change) {
        if (apply(change) == ApplyOutcome.APPLIED) {
            counters.applied();
        } else {
            counters.ignored();
            LOG.debug("Ignored {} for an id the store does not have, a repeat or a stale version", event);
        }
    }

    /** Applies one event to the store it belongs to; on the UI thread, inside a dispatcher batch. */
    private ApplyOutcome apply(RemoteEvent change) {
        return switch (change) {
            case DealCreated created -> deals.applyCreated(created.deal());
            case DealUpdate update -> deals.applyUpdate(update);
            case DealActivityAdded added -> deals.applyActivity(added);
            case DealDeleted deleted -> deals.applyDeleted(deleted);
            case ContactUpdate update -> contacts.applyUpdate(update);
            case NotificationAdded added -> notifications.applyNew(added.notification());
            case NotificationUpdate update -> notifications.applyUpdate(update);
        };
    }

    /**
     * One page a catch-up read from the server's change log, applied like live events on the UI thread: an entry the
     * stores hold already is skipped, one that cannot be applied (unknown event, bad payload) is counted and skipped
     * like a bad live event, and the position moves to the page's {@code next}: past everything read, never further.
     */
    void applyChangePage(ChangePage page) {
        for (ChangePage.Entry entry : page.changes()) {
            if (!valid(entry.event(), entry.change())) {
                continue;
            }
            if (!order.isNew(entry.seq())) {
                counters.ignored();
                continue;
            }
            applyCounted(entry.event(), entry.change().value());
            order.advance(entry.seq());
        }
        order.advance(page.next());
    }

    /** How the stores follow the server's change log; for the session's sync (UI thread). */
    ChangeOrder changeOrder() {
        return order;
    }

    /** Logout: empties every store, after the events queued before it; the change log's order is let go. */
    public void clear() {
        dispatcher.submit(() -> {
            order.detach();
            deals.clearPending();
            contacts.clearPending();
            notifications.clearPending();
            deals.clear();
            contacts.clear();
            notifications.clear();
        });
    }

    /** Loads fresh lists through the dispatcher (a null list leaves that store as it is). Any thread. */
    public void loadSnapshot(List<Deal> dealList, List<Contact> contactList, List<Notification> notificationList) {
        dispatcher.submit(() -> {
            if (dealList != null) {
                deals.loadSnapshot(dealList);
            }
            if (contactList != null) {
                contacts.loadSnapshot(contactList);
            }
            if (notificationList != null) {
                notifications.loadSnapshot(notificationList);
            }
        });
    }

    /** After a reconnect, before fetching fresh lists: live events keep arriving but are held back. Any thread. */
    public void beginResync() {
        dispatcher.beginResync();
    }

    /** The fresh lists arrived: reconciled first, then the held events in order (a null list is skipped). Any thread. */
    public void completeResync(List<Deal> dealList, List<Contact> contactList, List<Notification> notificationList) {
        completeResync(dealList, contactList, notificationList, () -> { });
    }

    /**
     * Like {@link #completeResync(List, List, List)}, running {@code afterSnapshot} on the UI thread right after the
     * lists are in and before the held events (the session marks itself signed in there).
     */
    public void completeResync(List<Deal> dealList, List<Contact> contactList, List<Notification> notificationList,
            Runnable afterSnapshot) {
        // ids made unique, deals ordered, contacts sorted by health here, on the thread that read the lists
        PreparedList<Deal> freshDeals = dealList == null ? null : PreparedList.of(deals, dealList);
        PreparedList<Contact> freshContacts = contactList == null ? null : PreparedList.of(contacts, contactList);
        uiExecutor.execute(() -> dispatcher.completeResync(() -> {
            if (freshDeals != null) {
                deals.reconcile(freshDeals);
            }
            if (freshContacts != null) {
                contacts.reconcile(freshContacts);
            }
            if (notificationList != null) {
                notifications.reconcile(notificationList);
            }
            afterSnapshot.run();
        }));
    }

    /**
     * Like {@link #completeResync(List, List, List, Runnable)} for lists that reflect the server's change log up to
     * {@code syncSeq} (the lowest {@code X-Sync-Seq} of the lists; empty for a server without a log): that becomes the
     * stores' position in the log, after {@code afterSnapshot} and before the events that waited.
     */
    public void completeResync(List<Deal> dealList, List<Contact> contactList, List<Notification> notificationList,
            OptionalLong syncSeq, Runnable afterSnapshot) {
        completeResync(dealList, contactList, notificationList, () -> {
            afterSnapshot.run();
            order.snapshotLoaded(syncSeq.orElse(ChangeOrder.NONE));
        });
    }

    /**
     * Fetching the fresh lists failed: the held events are applied as they are (and those a failed catch-up kept
     * waiting). Any thread.
     */
    public void abortResync() {
        uiExecutor.execute(() -> dispatcher.abortResync(order::abandon));
    }

    /** Rejections happen off the UI thread; one pending task is enough to show the new counts. */
    private void publishCountersSoon() {
        if (countersPublishPending.compareAndSet(false, true)) {
            dispatcher.submit(() -> countersPublishPending.set(false));
        }
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
