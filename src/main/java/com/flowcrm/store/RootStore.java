package com.flowcrm.store;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.api.Mapped;
import com.flowcrm.common.WarningThrottle;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the stores and turns live WebSocket events into store changes: each frame is mapped and validated on the
 * socket thread that received it, and only a valid, typed event is queued on the {@link EventDispatcher}, which
 * applies it on the UI thread. An invalid event is rejected whole (state unchanged, a rate-limited WARN, a counter).
 */
public final class RootStore {
    private static final Logger LOG = LoggerFactory.getLogger(RootStore.class);
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    /** The live events of websocket-connections.md. */
    public static final String DEAL_CREATED = "deal:created";
    public static final String DEAL_UPDATED = "deal:updated";
    public static final String DEAL_STAGE_CHANGED = "deal:stage_changed";
    public static final String DEAL_ACTIVITY_ADDED = "deal:activity_added";
    public static final String CONTACT_UPDATED = "contact:updated";
    public static final String CONTACT_HEALTH_CHANGED = "contact:health_changed";
    public static final String NOTIFICATION_NEW = "notification:new";

    private final Executor uiExecutor;
    private final EventDispatcher dispatcher;
    private final DealsStore deals;
    private final ContactsStore contacts;
    private final NotificationsStore notifications = new NotificationsStore();
    private final StoreCounters counters = new StoreCounters();
    private final JsonMapper mapper = JsonMapper.create();
    private final WarningThrottle warnings;
    private final AtomicBoolean countersPublishPending = new AtomicBoolean();

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
        dispatcher.addBatchEndListener(counters::publish);
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
     * One live event. Thread-safe; called on the WebSocket read thread: maps and validates there and queues a typed
     * change; never touches a model.
     */
    public void handleFrame(String event, JsonElement data) {
        if (event == null || event.isBlank()) {
            handleMalformedFrame("frame without an event name");
            return;
        }
        switch (event) {
            case DEAL_CREATED -> accept(event, mapper.deal(data), deals::applyCreated);
            case DEAL_UPDATED -> accept(event, mapper.dealUpdated(data), deals::applyUpdate);
            case DEAL_STAGE_CHANGED -> accept(event, mapper.dealStageChanged(data), deals::applyUpdate);
            case DEAL_ACTIVITY_ADDED -> accept(event, mapper.dealActivityAdded(data), deals::applyActivity);
            case CONTACT_UPDATED -> accept(event, mapper.contactUpdated(data), contacts::applyUpdate);
            case CONTACT_HEALTH_CHANGED -> accept(event, mapper.contactHealthChanged(data), contacts::applyUpdate);
            case NOTIFICATION_NEW -> accept(event, mapper.notification(data), notifications::applyNew);
            default -> {
                counters.unknown();
                warnings.warn("unknown:" + event, "Ignored unknown event '{}'", shorten(event));
                publishCountersSoon();
            }
        }
    }

    /** A whole frame as text ({@code {event, data}}); frames that are not JSON or name no event are counted as malformed. */
    public void handleRawFrame(String text) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text == null ? "" : text);
        } catch (JsonParseException e) {
            // Gson reports bad JSON only by throwing; a malformed frame is rare, so this is off the hot path
            handleMalformedFrame("not JSON");
            return;
        }
        if (!root.isJsonObject()) {
            handleMalformedFrame("not a JSON object");
            return;
        }
        JsonObject frame = root.getAsJsonObject();
        JsonElement event = frame.get("event");
        if (event == null || !event.isJsonPrimitive() || !event.getAsJsonPrimitive().isString()) {
            handleMalformedFrame("frame without an event name");
            return;
        }
        handleFrame(event.getAsString(), frame.get("data"));
    }

    /** Counts a frame the realtime client could not read (not JSON, no event). */
    public void handleMalformedFrame(String reason) {
        counters.malformed();
        warnings.warn("malformed", "Ignored malformed frame: {}", reason);
        publishCountersSoon();
    }

    /** Logout: empties every store, after the events queued before it. */
    public void clear() {
        dispatcher.submit(() -> {
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
        uiExecutor.execute(() -> dispatcher.completeResync(() -> {
            if (dealList != null) {
                deals.reconcile(dealList);
            }
            if (contactList != null) {
                contacts.reconcile(contactList);
            }
            if (notificationList != null) {
                notifications.reconcile(notificationList);
            }
            afterSnapshot.run();
        }));
    }

    /** Fetching the fresh lists failed: the held events are applied as they are. Any thread. */
    public void abortResync() {
        uiExecutor.execute(dispatcher::abortResync);
    }

    private <T> void accept(String event, Mapped<T> mapped, Function<T, ApplyOutcome> apply) {
        if (!mapped.isClean()) {
            counters.rejected();
            warnings.warn("rejected:" + event, "Rejected {}: {}", event, mapped.describeProblems());
            publishCountersSoon();
            return;
        }
        T value = mapped.value();
        dispatcher.submit(() -> {
            if (apply.apply(value) == ApplyOutcome.APPLIED) {
                counters.applied();
            } else {
                counters.ignored();
                LOG.debug("Ignored {} for an id the store does not have, or a repeat", event);
            }
        });
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
