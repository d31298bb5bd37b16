package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.AuthTokens;
import com.flowcrm.api.CrmApi;
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
    private final List<Consumer<AuthTokens>> listeners = new CopyOnWriteArrayList<>();
    private volatile AuthTokens tokens;
    /** When set, the list loads wait for it (to hold a reload open); completes them when it completes. */
    volatile CompletableFuture<Void> listGate = CompletableFuture.completedFuture(null);

    /** The next call that can fail (any but tokens, logout) fails with this. */
    public synchronized void failNext(ApiException.Kind kind, int status, String message) {
        failures.add(new ApiException(kind, status, message));
    }

    private synchronized ApiException nextFailure() {
        return failures.poll();
    }

    private <T> CompletableFuture<T> answer(Supplier<T> value) {
        ApiException failure = nextFailure();
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
    public CompletableFuture<User> login(String email, String password) {
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

    private <T> CompletableFuture<MappedList<T>> list(List<T> items) {
        listLoads.incrementAndGet();
        return listGate.thenCompose(open -> answer(() -> new MappedList<>(new ArrayList<>(items), List.of(), 0)));
    }

    @Override
    public CompletableFuture<MappedList<Deal>> deals() {
        return list(deals);
    }

    @Override
    public CompletableFuture<Deal> deal(String id) {
        return answer(() -> deals.stream().filter(d -> d.getId().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(ApiException.Kind.NOT_FOUND, 404, "Deal not found")));
    }

    @Override
    public CompletableFuture<Deal> updateDeal(String id, DealChanges changes, WriteOptions options) {
        writes.add("update " + id + " " + changes);
        return answer(() -> {
            Deal saved = new Deal(id);
            DealChanges.of(deals.stream().filter(d -> d.getId().equals(id)).findFirst().orElseThrow()).applyTo(saved);
            changes.applyTo(saved);
            return saved;
        });
    }

    @Override
    public CompletableFuture<Optional<Deal>> changeStage(String id, DealStage stage, WriteOptions options) {
        writes.add("stage " + id + " " + stage.wireName());
        return answer(() -> {
            Deal moved = new Deal(id);
            DealChanges.of(deals.stream().filter(d -> d.getId().equals(id)).findFirst().orElseThrow()).applyTo(moved);
            moved.setStage(stage);
            moved.setProbability(stage == DealStage.CLOSED_WON ? 100 : 42);
            return Optional.of(moved);
        });
    }

    @Override
    public CompletableFuture<DealActivity> addActivity(String dealId, NewActivity activity, WriteOptions options) {
        writes.add("activity " + dealId + " " + activity.description());
        return answer(() -> new DealActivity("a-" + writes.size(), activity.type(), activity.date(),
                activity.description(), activity.outcome(), activity.nextStep()));
    }

    @Override
    public CompletableFuture<MappedList<Contact>> contacts() {
        return list(contacts);
    }

    @Override
    public CompletableFuture<Contact> contact(String id) {
        return answer(() -> contacts.stream().filter(c -> c.getId().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(ApiException.Kind.NOT_FOUND, 404, "Contact not found")));
    }

    @Override
    public CompletableFuture<Contact> updateContact(String id, ContactChanges changes, WriteOptions options) {
        writes.add("contact " + id + " " + changes);
        return answer(() -> {
            Contact saved = new Contact(id);
            ContactChanges.of(contacts.stream().filter(c -> c.getId().equals(id)).findFirst().orElseThrow()).applyTo(saved);
            changes.applyTo(saved);
            return saved;
        });
    }

    @Override
    public CompletableFuture<CommunicationEvent> logCommunication(String contactId, NewCommunication communication,
            WriteOptions options) {
        writes.add("communication " + contactId + " " + communication.summary());
        return answer(() -> new CommunicationEvent("c-" + writes.size(), communication.type(), communication.date(),
                communication.subject(), communication.summary(), null, null));
    }

    @Override
    public CompletableFuture<MappedList<Notification>> notifications() {
        return list(notifications);
    }

    @Override
    public CompletableFuture<Void> markNotificationRead(String id, boolean read, WriteOptions options) {
        writes.add("read " + id);
        return answer(() -> null);
    }
}
