package com.flowcrm.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The demo backend's data (one account: every user sees the same deals and contacts, notifications are per user).
 * Every change goes through here, is validated, gets the next seq of the change log and is broadcast as the
 * matching WebSocket event once it is saved; {@link #silent()} gives a view whose changes are logged but not
 * broadcast, to simulate changes a disconnected client missed. Results are JSON snapshots in the wire shape, never
 * the live objects. The deal and contact rules live in {@link DemoDeals} and {@link DemoContacts}.
 */
public final class DemoState {
    static final Set<String> LEVELS = Set.of("high", "medium", "low");
    static final Set<String> NOTIFICATION_TYPES = Set.of("deal_update", "message_received", "meeting_reminder",
            "ai_insight", "task_due", "at_risk_alert");

    /** The data shared by this state and its silent view; its monitor guards everything in it. */
    static final class Store {
        final LinkedHashMap<String, DealRecord> deals = new LinkedHashMap<>();
        final LinkedHashMap<String, ContactRecord> contacts = new LinkedHashMap<>();
        final LinkedHashMap<String, NotificationRecord> notifications = new LinkedHashMap<>();
        final LinkedHashMap<String, UserRecord> users = new LinkedHashMap<>();
        long nextId;
        DemoRequestException nextStageRefusal;
        /** Set once the store is loaded or generated, before anything changes it. */
        ChangeLog log;

        String newId(String prefix) {
            nextId++;
            return prefix + "-" + nextId;
        }
    }

    private final Store store;
    private final boolean broadcast;
    private final Clock clock;
    private final DemoDeals deals;
    private final DemoContacts contacts;
    private final DemoReports reports;

    DemoState(Store store, boolean broadcast, Clock clock) {
        this.store = store;
        this.broadcast = broadcast;
        this.clock = clock;
        this.deals = new DemoDeals(store, broadcast, clock);
        this.contacts = new DemoContacts(store, broadcast, clock);
        this.reports = new DemoReports(store, clock);
    }

    /** The same data, changed with the changes logged but not broadcast: what a client misses while disconnected. */
    public DemoState silent() {
        return new DemoState(store, false, clock);
    }

    Store store() {
        return store;
    }

    /** The seq of the latest change, for threads outside the lock (it may be a change not yet saved). */
    long lastSeqSeen() {
        return store.log.lastSeqSeen();
    }

    /**
     * Runs one request's work under the lock as one unit of the change log: its changes, plus what
     * {@code extra} returns for the result (the stored answer of an Idempotency-Key), are committed together.
     * Returns the result and the journal ticket to wait for before answering.
     */
    <T> Unit<T> inUnit(java.util.function.Supplier<T> work, Function<T, List<DbWrite>> extra) {
        synchronized (store) {
            store.log.beginUnit();
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                // what changed before the failure is in memory: it must be saved and broadcast all the same
                store.log.endUnit(List.of());
                throw e;
            }
            return new Unit<>(result, store.log.endUnit(extra.apply(result)));
        }
    }

    /** The result of {@link #inUnit} and the ticket of its commit. */
    record Unit<T>(T result, long ticket) {
    }

    static JsonObject json(Object record) {
        return DemoJson.GSON.toJsonTree(record).getAsJsonObject();
    }

    static boolean contains(String text, String lowerNeedle) {
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(lowerNeedle);
    }

    static JsonObject idAndChanges(String id, Map<String, Object> changes) {
        JsonObject changesJson = new JsonObject();
        changes.forEach((field, value) -> changesJson.add(field, RequestFields.toJson(value)));
        JsonObject data = new JsonObject();
        data.addProperty("id", id);
        data.add("changes", changesJson);
        return data;
    }

    // ---------------------------------------------------------------- deals

    public List<String> dealIds() {
        return deals.ids();
    }

    public int dealCount() {
        return deals.count();
    }

    /** Newest first, like the client's list after {@code deal:created} prepends. */
    public JsonArray deals(String filter, String search) {
        return deals.list(filter, search);
    }

    ListBody dealsJson(String filter, String search) {
        return deals.listJson(filter, search);
    }

    public JsonObject deal(String id) {
        return deals.get(id);
    }

    /** Creates a deal from a Deal body without id; the server assigns id, probability and dates. Logs deal:created. */
    public JsonObject createDeal(JsonObject body) {
        return deals.create(body);
    }

    /** Applies a partial Deal; only the fields present change. Logs deal:updated {id, changes, version}. */
    public JsonObject updateDeal(String id, JsonObject partial) {
        synchronized (store) {
            return json(deals.update(id, partial));
        }
    }

    /** {@link #updateDeal} without the snapshot, for the simulator's high rates. */
    DealRecord applyDealUpdate(String id, JsonObject partial) {
        return deals.update(id, partial);
    }

    /** Removes a deal; logs and broadcasts deal:deleted {id, version}. */
    public void deleteDeal(String id) {
        deals.delete(id);
    }

    /** Server-side stage change with the stage's probability. Logs deal:stage_changed {id, stage, probability, version}. */
    public JsonObject changeDealStage(String id, String stage) {
        DealStage parsed = DealStage.fromWire(stage)
                .orElseThrow(() -> DemoRequestException.badRequest("unknown stage '" + stage + "'"));
        synchronized (store) {
            return json(deals.changeStage(id, parsed, false));
        }
    }

    /** A client's stage change: consumes a pending {@link #refuseNextStageChange} before anything changes. */
    JsonObject changeDealStageByClient(String id, DealStage stage) {
        synchronized (store) {
            return json(deals.changeStage(id, stage, true));
        }
    }

    DealRecord applyStageChange(String id, DealStage stage, boolean byClient) {
        return deals.changeStage(id, stage, byClient);
    }

    /**
     * Makes the next stage change a client asks for over REST fail with this status and message, leaving the deal
     * unchanged, so a client's optimistic update and its rollback can be tested. Later changes succeed again.
     */
    public void refuseNextStageChange(int status, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status, was " + status);
        }
        synchronized (store) {
            store.nextStageRefusal = new DemoRequestException(status, message);
        }
    }

    /** Adds {type, date, description, outcome?, nextStep?}. Logs deal:activity_added {dealId, activity, version}. */
    public JsonObject addDealActivity(String dealId, JsonObject body) {
        return deals.addActivity(dealId, body);
    }

    /** {totalPipeline, weightedForecast, dealsClosingThisMonth, monthlyForecast[{month, value, weightedValue, deals}]}. */
    public JsonObject forecast() {
        return reports.forecast();
    }

    /** One row per stage, in pipeline order: {stage, count, totalValue, avgProbability, avgDaysInStage}. */
    public JsonArray stageStats() {
        return reports.stageStats();
    }

    /**
     * Answers 412 with the current record when {@code ifMatch} does not match the deal's version; call it in the
     * same unit as the change, so nothing can slip in between.
     */
    void requireDealVersion(String id, IfMatch ifMatch) {
        synchronized (store) {
            DealRecord deal = deals.require(id);
            if (!ifMatch.matches(deal.version)) {
                throw DemoRequestException.preconditionFailed(deal.version, json(deal));
            }
        }
    }

    // ---------------------------------------------------------------- contacts

    public List<String> contactIds() {
        return contacts.ids();
    }

    public JsonArray contacts(String filter, String search) {
        return contacts.list(filter, search);
    }

    ListBody contactsJson(String filter, String search) {
        return contacts.listJson(filter, search);
    }

    public JsonObject contact(String id) {
        return contacts.get(id);
    }

    /**
     * Applies a partial Contact. Logs contact:updated {id, changes, version}, and contact:health_changed
     * {id, oldScore, newScore, version} as well when the health score moved.
     */
    public JsonObject updateContact(String id, JsonObject partial) {
        synchronized (store) {
            return json(contacts.update(id, partial));
        }
    }

    /** {@link #updateContact} without the snapshot, for the simulator's high rates. */
    ContactRecord applyContactUpdate(String id, JsonObject partial) {
        return contacts.update(id, partial);
    }

    /** Moves a contact's health score (0-100). Logs contact:health_changed {id, oldScore, newScore, version}. */
    public JsonObject changeContactHealth(String id, int newScore) {
        synchronized (store) {
            return json(contacts.changeHealth(id, newScore));
        }
    }

    /** {@link #changeContactHealth} without the snapshot, for the simulator's high rates. */
    ContactRecord applyHealthChange(String id, int newScore) {
        return contacts.changeHealth(id, newScore);
    }

    /** Logs {type, date, subject?, summary, sentiment?} with a contact; logs contact:updated. */
    public JsonObject addCommunication(String contactId, JsonObject body) {
        return contacts.addCommunication(contactId, body);
    }

    /** {total, highValue, atRisk, needsFollowUp}; a follow-up is needed when it is overdue or contact went quiet 30 days. */
    public JsonObject contactStats() {
        return reports.contactStats();
    }

    /** As {@link #requireDealVersion}, for a contact. */
    void requireContactVersion(String id, IfMatch ifMatch) {
        synchronized (store) {
            ContactRecord contact = contacts.require(id);
            if (!ifMatch.matches(contact.version)) {
                throw DemoRequestException.preconditionFailed(contact.version, json(contact));
            }
        }
    }

    /** The current version of a deal or contact for an ETag, or -1 when there is none. */
    long versionOf(String kind, String id) {
        synchronized (store) {
            if (DemoPersistence.DEAL.equals(kind)) {
                DealRecord deal = store.deals.get(id);
                return deal == null ? -1 : deal.version;
            }
            ContactRecord contact = store.contacts.get(id);
            return contact == null ? -1 : contact.version;
        }
    }

    // ---------------------------------------------------------------- notifications

    /** A user's notifications, newest first; {@code read} null means both. */
    public JsonArray notifications(String userId, Boolean read, int limit, int offset) {
        synchronized (store) {
            return notificationList(userId, read, limit, offset);
        }
    }

    ListBody notificationsJson(String userId, Boolean read, int limit, int offset) {
        synchronized (store) {
            return ListBody.whole(DemoJson.GSON.toJson(notificationList(userId, read, limit, offset))
                    .getBytes(StandardCharsets.UTF_8), store.log.lastSeq());
        }
    }

    private JsonArray notificationList(String userId, Boolean read, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw DemoRequestException.badRequest("limit and offset must not be negative");
        }
        List<NotificationRecord> mine = new ArrayList<>();
        for (NotificationRecord n : store.notifications.values()) {
            if (n.userId.equals(userId) && (read == null || n.read == read)) {
                mine.add(n);
            }
        }
        mine.sort(Comparator.comparing((NotificationRecord n) -> n.createdAt).reversed());
        JsonArray result = new JsonArray();
        mine.stream().skip(offset).limit(limit).forEach(n -> result.add(json(n)));
        return result;
    }

    /** Marks read or unread; a real change is logged as notification:updated {id, changes: {read}} to its owner. */
    public JsonObject markNotificationRead(String userId, String id, boolean read) {
        synchronized (store) {
            NotificationRecord notification = store.notifications.get(id);
            if (notification == null || !notification.userId.equals(userId)) {
                throw DemoRequestException.notFound("no notification with id '" + id + "'");
            }
            if (notification.read != read) {
                notification.read = read;
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("read", read);
                logNotification("notification:updated", idAndChanges(id, changes), notification);
            }
            return json(notification);
        }
    }

    private void logNotification(String event, JsonObject data, NotificationRecord notification) {
        ChangeLog log = store.log;
        if (log.keepsRecords()) {
            log.append(event, data, notification.userId, broadcast,
                    DemoPersistence.notificationRow(notification, log.lastSeq() + 1));
        } else {
            log.append(event, data, notification.userId, broadcast);
        }
    }

    public int unreadCount(String userId) {
        synchronized (store) {
            return (int) store.notifications.values().stream().filter(n -> n.userId.equals(userId) && !n.read).count();
        }
    }

    /**
     * Adds {type, title, message, priority?, actionUrl?, metadata?, expiresAt?} for one user.
     * Logs notification:new, which only that user's feed and connections get.
     */
    public JsonObject addNotification(String userId, JsonObject body) {
        RequestFields fields = new RequestFields(body);
        NotificationRecord notification = new NotificationRecord();
        notification.type = fields.requiredOneOf("type", NOTIFICATION_TYPES);
        notification.title = fields.requiredString("title");
        notification.message = fields.requiredString("message");
        notification.priority = fields.optionalOneOf("priority", LEVELS).orElse("medium");
        notification.actionUrl = fields.optionalString("actionUrl").orElse(null);
        notification.expiresAt = fields.optionalDate("expiresAt").orElse(null);
        if (body != null && body.has("metadata") && !body.get("metadata").isJsonNull()) {
            notification.metadata = stringMap(body.get("metadata"));
        }
        synchronized (store) {
            if (!store.users.containsKey(userId)) {
                throw DemoRequestException.notFound("no user with id '" + userId + "'");
            }
            notification.id = store.newId("notification");
            notification.userId = userId;
            notification.createdAt = clock.instant();
            store.notifications.put(notification.id, notification);
            JsonObject created = json(notification);
            logNotification("notification:new", created, notification);
            return created;
        }
    }

    private static Map<String, String> stringMap(JsonElement element) {
        if (!element.isJsonObject()) {
            throw DemoRequestException.badRequest("metadata must be an object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
            if (!(entry.getValue() instanceof JsonPrimitive primitive) || !primitive.isString()) {
                throw DemoRequestException.badRequest("metadata must be an object of strings");
            }
            map.put(entry.getKey(), primitive.getAsString());
        }
        return map;
    }

    // ---------------------------------------------------------------- users

    public Optional<String> userIdByEmail(String email) {
        synchronized (store) {
            return store.users.values().stream().filter(u -> u.email.equalsIgnoreCase(email)).map(u -> u.id).findFirst();
        }
    }

    public List<String> userIds() {
        synchronized (store) {
            return new ArrayList<>(store.users.keySet());
        }
    }

    public JsonObject user(String id) {
        synchronized (store) {
            UserRecord user = store.users.get(id);
            if (user == null) {
                throw DemoRequestException.notFound("no user with id '" + id + "'");
            }
            return json(user);
        }
    }

    /** The user when the credentials match; records the login time (saved, but no change of the log). */
    Optional<JsonObject> login(String email, String password) {
        synchronized (store) {
            for (UserRecord user : store.users.values()) {
                if (user.email.equalsIgnoreCase(email) && user.password.equals(password)) {
                    user.lastLogin = clock.instant();
                    if (store.log.keepsRecords()) {
                        store.log.write(DemoPersistence.userRow(user, 0));
                    }
                    return Optional.of(json(user));
                }
            }
            return Optional.empty();
        }
    }

    boolean userExists(String id) {
        synchronized (store) {
            return store.users.containsKey(id);
        }
    }

    /** Reads one deal under the lock, for the simulator; empty when the id is gone. */
    <T> Optional<T> readDeal(String id, Function<DealRecord, T> reader) {
        synchronized (store) {
            DealRecord deal = store.deals.get(id);
            return deal == null ? Optional.empty() : Optional.ofNullable(reader.apply(deal));
        }
    }

    /** Reads one contact under the lock, for the simulator; empty when the id is gone. */
    <T> Optional<T> readContact(String id, Function<ContactRecord, T> reader) {
        synchronized (store) {
            ContactRecord contact = store.contacts.get(id);
            return contact == null ? Optional.empty() : Optional.ofNullable(reader.apply(contact));
        }
    }
}
