package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.AuthTokens;
import com.flowcrm.api.ChangePage;
import com.flowcrm.api.CrmApi;
import com.flowcrm.api.JsonMapper;
import com.flowcrm.api.Mapped;
import com.flowcrm.api.MappedList;
import com.flowcrm.api.WriteOptions;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import com.flowcrm.model.UserPreferences;
import com.flowcrm.model.UserRole;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.model.change.NewCommunication;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A server in memory for the session's tests: answers at once (on the caller's thread) from lists the test fills,
 * records the writes, and fails the next call that can fail when the test says so. Tokens work like the real
 * client's: sign-in and refresh set them and tell the listeners. The view-models' tests use it too.
 */
public final class FakeCrmApi implements CrmApi {
    public final List<Deal> deals = new CopyOnWriteArrayList<>();
    public final List<Contact> contacts = new CopyOnWriteArrayList<>();
    public final List<Notification> notifications = new CopyOnWriteArrayList<>();
    public final List<String> writes = new CopyOnWriteArrayList<>();
    final AtomicInteger refreshes = new AtomicInteger();
    final AtomicInteger listLoads = new AtomicInteger();
    final User user = new User("u1", "rep@acme.example", "Rita Rep", null, UserRole.SALES,
            new UserPreferences(null, true, "UTC"), null, null);
    /** The access token the next refresh hands out. */
    volatile String nextAccessToken = "fresh-token";
    /** The password login accepts. */
    volatile String password = "secret";
    private final Deque<ApiException> failures = new ArrayDeque<>();
    private final Deque<ApiException> writeFailures = new ArrayDeque<>();
    /** When true, writes change the lists like a server does (the outbox tests read the record back). */
    public volatile boolean applyWrites;
    /** Every write's idempotency key, in order (null when none was sent). */
    public final List<String> keys = new CopyOnWriteArrayList<>();
    /** The If-Match version of each write, in order (null: none sent). */
    public final List<String> ifMatches = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** While true the server cannot be reached: every call fails as a network error would. */
    public volatile boolean down;
    /** The refresh tokens this server refuses (401), as after a restart with a new key. */
    public final List<String> refusedRefreshTokens = new CopyOnWriteArrayList<>();
    /** When set, a write is applied but its answer is lost (the client sees this failure instead). */
    public volatile ApiException loseNextAnswer;
    /**
     * When true, writes follow the REST spec's Idempotency-Key and If-Match rules: a key whose write succeeded gets
     * that write's answer again with nothing applied (listed in {@link #replays}, not in {@link #writes}), the same key
     * with another write 422, and a deal's or contact's If-Match that is not its version 412.
     */
    public volatile boolean keysAndVersions;
    /** The writes answered from a stored answer, in order. */
    public final List<String> replays = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, Object[]> answeredKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Consumer<AuthTokens>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> answerListeners = new CopyOnWriteArrayList<>();
    private volatile AuthTokens tokens;
    /** When set, the list loads wait for it (to hold a reload open); completes them when it completes. */
    volatile CompletableFuture<Void> listGate = CompletableFuture.completedFuture(null);

    // ---- the change log (issue 13): off by default, as on a server that has none ----------------------------
    /** Whether the server keeps a change log: lists carry their seq and /sync/changes answers; else 404 and no seq. */
    public volatile boolean changeLog;
    /** The changes /sync/changes serves, in seq order, each as the JSON of a feed entry {seq, event, data}. */
    public final List<JsonObject> logged = new CopyOnWriteArrayList<>();
    /** The seq each list says it reflects ({@code X-Sync-Seq}); -1 for the log's head. */
    public volatile long dealsSeq = -1;
    public volatile long contactsSeq = -1;
    public volatile long notificationsSeq = -1;
    /** Cursors older than this are answered 410 (the server no longer keeps the changes after them). */
    public volatile long oldestKept = 0;
    /** The head of the log when no change is logged after it (changes of other users). */
    public volatile long head = 0;
    /** The {@code since} of every /sync/changes call, in order. */
    public final List<Long> changeRequests = new CopyOnWriteArrayList<>();
    /** A failure for the /sync/changes call with this {@code since} (e.g. the network drops between two pages). */
    public final java.util.Map<Long, ApiException> changeFailures = new java.util.concurrent.ConcurrentHashMap<>();
    /** When set, /sync/changes calls wait for it (to hold a catch-up open). */
    public volatile CompletableFuture<Void> changeGate = CompletableFuture.completedFuture(null);

    /** Logs a change as the server would: the next seq after the head, and that seq as the new head. */
    public long log(String event, String dataJson) {
        long seq = Math.max(head, logged.isEmpty() ? 0 : logged.get(logged.size() - 1).get("seq").getAsLong()) + 1;
        JsonObject entry = new JsonObject();
        entry.addProperty("seq", seq);
        entry.addProperty("event", event);
        entry.add("data", JsonParser.parseString(dataJson));
        logged.add(entry);
        head = seq;
        return seq;
    }

    /** The seq of the log's head. */
    public long headSeq() {
        long last = logged.isEmpty() ? 0 : logged.get(logged.size() - 1).get("seq").getAsLong();
        return Math.max(head, last);
    }

    /** The next call that can fail (any but tokens, logout) fails with this. */
    public synchronized void failNext(ApiException.Kind kind, int status, String message) {
        failures.add(new ApiException(kind, status, message));
    }

    private synchronized ApiException nextFailure() {
        return failures.poll();
    }

    /** The next write (PUT, PATCH, POST) fails with this; reads are not affected. */
    public synchronized void failNextWrite(ApiException.Kind kind, int status, String message) {
        writeFailures.add(new ApiException(kind, status, message));
    }

    /** A write: checked against the write failures first, applied, and its answer maybe lost. */
    private <T> CompletableFuture<T> write(String description, WriteOptions options, Supplier<T> apply) {
        if (down) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Kind.UNREACHABLE, 0, "Cannot reach"));
        }
        ApiException failure;
        synchronized (this) {
            failure = writeFailures.poll();
            if (failure == null) {
                failure = failures.poll();
            }
        }
        answered(failure);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        String key = options.idempotencyKey();
        if (keysAndVersions && key != null && answeredKeys.containsKey(key)) {
            Object[] stored = answeredKeys.get(key);
            if (!stored[0].equals(description)) {
                return CompletableFuture.failedFuture(new ApiException(ApiException.Kind.REJECTED, 422,
                        "This Idempotency-Key was used with another request"));
            }
            replays.add(description);
            @SuppressWarnings("unchecked")
            T replayed = (T) stored[1];
            return CompletableFuture.completedFuture(replayed);
        }
        if (keysAndVersions && options.ifMatch() != null && !options.ifMatch().equals(Long.toString(versionOf(description)))) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Kind.STALE, 412,
                    "The record is at another version"));
        }
        writes.add(description);
        keys.add(key);
        ifMatches.add(options.ifMatch());
        CompletableFuture<T> answer = answer(apply);
        if (keysAndVersions && key != null && !answer.isCompletedExceptionally()) {
            answeredKeys.put(key, new Object[] {description, answer.join()});
        }
        ApiException lost = loseNextAnswer;
        if (lost != null && !answer.isCompletedExceptionally()) {
            loseNextAnswer = null;
            return CompletableFuture.failedFuture(lost);
        }
        return answer;
    }

    /** The deal as this server has it now. */
    public Deal server(String id) {
        return stored(id);
    }

    /** The version of the deal or contact a write's description names ("update d1 ...", "contact c1 ..."). */
    private long versionOf(String description) {
        String[] words = description.split(" ");
        String id = words[1];
        if (words[0].equals("contact")) {
            return contacts.stream().filter(c -> c.getId().equals(id)).findFirst().map(Contact::getVersion).orElse(0L);
        }
        return deals.stream().filter(d -> d.getId().equals(id)).findFirst().map(Deal::getVersion).orElse(0L);
    }

    private Deal stored(String id) {
        return deals.stream().filter(d -> d.getId().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(ApiException.Kind.NOT_FOUND, 404, "Deal not found"));
    }

    private <T> CompletableFuture<T> answer(Supplier<T> value) {
        if (down) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Kind.UNREACHABLE, 0,
                    "Cannot reach the server at " + baseUrl()));
        }
        ApiException failure = nextFailure();
        answered(failure);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        try {
            return CompletableFuture.completedFuture(value.get());
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String baseUrl() {
        return "http://fake.test/api";
    }

    @Override
    public AuthTokens tokens() {
        return tokens;
    }

    @Override
    public void setTokens(AuthTokens newTokens) {
        tokens = newTokens;
        if (newTokens != null) {
            listeners.forEach(l -> l.accept(newTokens));
        }
    }

    @Override
    public void addTokenListener(Consumer<AuthTokens> listener) {
        listeners.add(listener);
    }

    @Override
    public void addAnswerListener(Runnable listener) {
        answerListeners.add(listener);
    }

    /** As over HTTP: every answer but none at all and a 5xx tells the listeners that the server is reachable. */
    private void answered(ApiException failure) {
        if (failure == null || (failure.status() > 0 && failure.status() < 500)) {
            answerListeners.forEach(Runnable::run);
        }
    }

    @Override
    public CompletableFuture<User> login(String email, String password) {
        if (down) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Kind.UNREACHABLE, 0, "Cannot reach"));
        }
        if (!password.equals(this.password)) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Kind.UNAUTHORIZED, 401, "Invalid credentials"));
        }
        return answer(() -> {
            setTokens(new AuthTokens("first-token", "refresh-1"));
            return user;
        });
    }

    @Override
    public CompletableFuture<AuthTokens> refresh() {
        refreshes.incrementAndGet();
        AuthTokens current = tokens;
        if (!down && current != null && refusedRefreshTokens.contains(current.refreshToken())) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Kind.UNAUTHORIZED, 401, "Invalid refresh token"));
        }
        return answer(() -> {
            AuthTokens fresh = new AuthTokens(nextAccessToken, "refresh-2");
            setTokens(fresh);
            return fresh;
        });
    }

    @Override
    public CompletableFuture<Void> logout() {
        tokens = null;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<User> me() {
        return answer(() -> user);
    }

    private <T> CompletableFuture<MappedList<T>> list(List<T> items, Supplier<Long> seq) {
        listLoads.incrementAndGet();
        return listGate.thenCompose(open -> answer(() -> {
            MappedList<T> list = new MappedList<>(items.stream().map(this::copy).toList(), List.of(), 0);
            return changeLog ? list.withSyncSeq(seq.get() < 0 ? headSeq() : seq.get()) : list;
        }));
    }

    /** With {@link #applyWrites} the server keeps its own records and answers with copies, as over the wire. */
    @SuppressWarnings("unchecked")
    private <T> T copy(T item) {
        if (!applyWrites) {
            return item;
        }
        if (item instanceof Deal d) {
            Deal c = new Deal(d.getId());
            DealChanges.of(d).applyTo(c);
            return (T) c;
        }
        if (item instanceof Contact d) {
            Contact c = new Contact(d.getId());
            ContactChanges.of(d).applyTo(c);
            return (T) c;
        }
        if (item instanceof Notification n) {
            return (T) new Notification(n.getId(), n.getUserId(), n.getType(), n.getTitle(), n.getMessage(),
                    n.getPriority(), n.isRead(), n.getActionUrl(), n.getMetadata(), n.getCreatedAt(), n.getExpiresAt());
        }
        return item;
    }

    @Override
    public CompletableFuture<MappedList<Deal>> deals() {
        return list(deals, () -> dealsSeq);
    }

    @Override
    public CompletableFuture<Deal> deal(String id) {
        return answer(() -> copy(deals.stream().filter(d -> d.getId().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(ApiException.Kind.NOT_FOUND, 404, "Deal not found"))));
    }

    @Override
    public CompletableFuture<Deal> updateDeal(String id, DealChanges changes, WriteOptions options) {
        return write("update " + id + " " + changes, options, () -> {
            Deal saved = new Deal(id);
            DealChanges.of(stored(id)).applyTo(saved);
            changes.applyTo(saved);
            if (applyWrites) {
                changes.applyTo(stored(id));
            }
            return saved;
        });
    }

    @Override
    public CompletableFuture<Optional<Deal>> changeStage(String id, DealStage stage, WriteOptions options) {
        return write("stage " + id + " " + stage.wireName(), options, () -> {
            Deal moved = new Deal(id);
            DealChanges.of(stored(id)).applyTo(moved);
            moved.setStage(stage);
            moved.setProbability(stage == DealStage.CLOSED_WON ? 100 : 42);
            if (applyWrites) {
                DealChanges.of(moved).applyTo(stored(id));
            }
            return Optional.of(moved);
        });
    }

    @Override
    public CompletableFuture<DealActivity> addActivity(String dealId, NewActivity activity, WriteOptions options) {
        return write("activity " + dealId + " " + activity.description(), options, () -> {
            DealActivity saved = new DealActivity("a-" + writes.size(), activity.type(), activity.date(),
                    activity.description(), activity.outcome(), activity.nextStep());
            if (applyWrites) {
                stored(dealId).getActivities().add(0, saved);
            }
            return saved;
        });
    }

    @Override
    public CompletableFuture<MappedList<Contact>> contacts() {
        return list(contacts, () -> contactsSeq);
    }

    @Override
    public CompletableFuture<Contact> contact(String id) {
        return answer(() -> copy(contacts.stream().filter(c -> c.getId().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(ApiException.Kind.NOT_FOUND, 404, "Contact not found"))));
    }

    @Override
    public CompletableFuture<Contact> updateContact(String id, ContactChanges changes, WriteOptions options) {
        return write("contact " + id + " " + changes, options, () -> {
            Contact stored = contacts.stream().filter(c -> c.getId().equals(id)).findFirst()
                    .orElseThrow(() -> new ApiException(ApiException.Kind.NOT_FOUND, 404, "Contact not found"));
            Contact saved = new Contact(id);
            ContactChanges.of(stored).applyTo(saved);
            changes.applyTo(saved);
            if (applyWrites) {
                changes.applyTo(stored);
            }
            return saved;
        });
    }

    @Override
    public CompletableFuture<CommunicationEvent> logCommunication(String contactId, NewCommunication communication,
            WriteOptions options) {
        return write("communication " + contactId + " " + communication.summary(), options, () -> {
            CommunicationEvent saved = new CommunicationEvent("c-" + writes.size(), communication.type(),
                    communication.date(), communication.subject(), communication.summary(), null, null);
            if (applyWrites) {
                contacts.stream().filter(c -> c.getId().equals(contactId)).findFirst()
                        .ifPresent(c -> c.getCommunicationHistory().add(0, saved));
            }
            return saved;
        });
    }

    @Override
    public CompletableFuture<MappedList<Notification>> notifications() {
        return list(notifications, () -> notificationsSeq);
    }

    @Override
    public CompletableFuture<Void> markNotificationRead(String id, boolean read, WriteOptions options) {
        return write("read " + id, options, () -> {
            if (applyWrites) {
                notifications.stream().filter(n -> n.getId().equals(id)).findFirst().ifPresent(n -> n.setRead(read));
            }
            return null;
        });
    }

    /** Pages the logged changes like the demo's /sync/changes, and reads them with the client's own mapper. */
    @Override
    public CompletableFuture<ChangePage> changesSince(long since, int limit) {
        changeRequests.add(since);
        return changeGate.thenCompose(open -> answer(() -> {
            ApiException planned = changeFailures.remove(since);
            if (planned != null) {
                throw planned;
            }
            if (!changeLog) {
                throw new ApiException(ApiException.Kind.NOT_FOUND, 404, "Not found");
            }
            if (since < oldestKept || since > headSeq()) {
                throw new ApiException(ApiException.Kind.REJECTED, 410, "cursor too old");
            }
            JsonArray changes = new JsonArray();
            boolean hasMore = false;
            for (JsonObject entry : logged) {
                if (entry.get("seq").getAsLong() > since) {
                    if (changes.size() == limit) {
                        hasMore = true;
                        break;
                    }
                    changes.add(entry);
                }
            }
            JsonObject page = new JsonObject();
            page.add("changes", changes);
            page.addProperty("next", hasMore ? changes.get(changes.size() - 1).getAsJsonObject().get("seq").getAsLong()
                    : headSeq());
            page.addProperty("hasMore", hasMore);
            Mapped<ChangePage> mapped = JsonMapper.create().changePage(page, since);
            if (!mapped.isPresent()) {
                throw new ApiException(ApiException.Kind.MALFORMED, 200, mapped.describeProblems());
            }
            return mapped.value();
        }));
    }
}
