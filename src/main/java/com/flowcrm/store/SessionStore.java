package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.AuthTokens;
import com.flowcrm.api.CrmApi;
import com.flowcrm.api.WriteOptions;
import com.flowcrm.common.Failures;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.api.FlowApiClient;
import com.flowcrm.api.MappedList;
import com.flowcrm.common.DaemonThreads;
import com.flowcrm.common.UrlRedaction;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.realtime.RealtimeStatus;
import com.flowcrm.realtime.RealtimeClient;
import com.flowcrm.realtime.RealtimeSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in user's session (the web app's UserStore): signs in over REST, loads the stores, keeps the one
 * WebSocket connection live, refreshes the token before it expires, reloads everything after a reconnect so that
 * nothing changed while away is missed, and offers the operations the UI needs. Every property is read and changed
 * on the UI executor; every returned future completes there too.
 */
public final class SessionStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
    private static final long MIN_REFRESH_DELAY_MS = 1000;
    private static final String EXPIRED_MESSAGE = "Your session expired. Please sign in again.";

    private final RootStore root;
    private final EventDispatcher dispatcher;
    private final Clock clock;
    private final ExecutorService http = Executors.newCachedThreadPool(DaemonThreads.named("flow-http"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("flow-session"));
    private final RealtimeClient realtime;
    private volatile SessionConfig config;
    private final Function<String, CrmApi> apis;
    private volatile CrmApi api;

    private final ReadOnlyObjectWrapper<SessionState> state = new ReadOnlyObjectWrapper<>(this, "state", SessionState.SIGNED_OUT);
    private final ReadOnlyObjectWrapper<User> currentUser = new ReadOnlyObjectWrapper<>(this, "currentUser");
    private final ReadOnlyStringWrapper endReason = new ReadOnlyStringWrapper(this, "endReason", "");
    private final ReadOnlyObjectWrapper<LiveConnection> connection =
            new ReadOnlyObjectWrapper<>(this, "connection", LiveConnection.DISCONNECTED);

    /** Set from any thread; true while a session is signed in (mirrors state == ACTIVE for non-UI threads). */
    private final AtomicBoolean active = new AtomicBoolean();
    private final AtomicBoolean connectionPublishPending = new AtomicBoolean();
    private final AtomicBoolean resyncRunning = new AtomicBoolean();
    private final AtomicBoolean resyncAgain = new AtomicBoolean();
    private final AtomicReference<Instant> lastResyncAt = new AtomicReference<>();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong sessionGeneration = new AtomicLong();
    private volatile ScheduledFuture<?> refreshTimer;
    private volatile ScheduledFuture<?> connectionTicker;

    public SessionStore(SessionConfig config, RootStore root) {
        this(config, root, Clock.systemUTC());
    }

    public SessionStore(SessionConfig config, RootStore root, Clock clock) {
        this(config, root, clock, null);
    }

    /**
     * @param apis the REST client for a base URL; null for {@link FlowApiClient} on the session's HTTP threads
     *             (tests pass a fake)
     */
    public SessionStore(SessionConfig config, RootStore root, Clock clock, Function<String, CrmApi> apis) {
        this.config = Objects.requireNonNull(config, "config");
        this.root = Objects.requireNonNull(root, "root");
        this.dispatcher = root.dispatcher();
        this.clock = clock;
        this.apis = apis != null ? apis : url -> new FlowApiClient(url, http);
        this.api = this.apis.apply(config.apiUrl());
        this.realtime = new RealtimeClient(config.realtimeSettings());
        LiveUpdates.wire(realtime, root);
        realtime.addStatusListener(status -> scheduleConnectionPublish());
        realtime.setResyncListener(this::resync);
        realtime.setTokenRefresher(() -> api.refresh().thenApply(AuthTokens::accessToken));
        realtime.setAuthFailureListener(() -> expire("The live connection was refused: " + EXPIRED_MESSAGE));
        watchTokens(api);
    }

    public RootStore root() {
        return root;
    }

    public SessionConfig config() {
        return config;
    }

    public ReadOnlyObjectProperty<SessionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public SessionState getState() {
        return state.get();
    }

    public ReadOnlyObjectProperty<User> currentUserProperty() {
        return currentUser.getReadOnlyProperty();
    }

    public User getCurrentUser() {
        return currentUser.get();
    }

    /** Why the last session ended when it did not end by signing out, e.g. "Your session expired. ...". */
    public ReadOnlyStringProperty endReasonProperty() {
        return endReason.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveConnection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** The realtime counters and state, readable from any thread (for the headless commands). */
    public ConnectionSummary connectionSummary() {
        RealtimeStatus status = realtime.status();
        StoreCounters.Snapshot counts = root.counters().snapshot();
        return new ConnectionSummary(status.state().name(), status.traffic().connects(), status.traffic().reconnects(),
                resyncs.get(), counts.applied(), counts.rejected(), counts.ignored(),
                status.badInput().malformedFrames() + counts.unknown(), status.traffic().lastMessageAt(),
                lastResyncAt.get());
    }

    /** Counters of the live connection and the stores, as the export command reports them. */
    public record ConnectionSummary(String state, long connects, long reconnects, long resyncs, long eventsApplied,
            long eventsRejected, long eventsIgnored, long badFrames, Instant lastMessageAt, Instant lastResyncAt) {
    }

    /** Points the session at other servers; only while signed out (the sign-in screen's "Server" section). */
    public void changeServer(String apiUrl, String wsUrl) {
        if (active.get()) {
            throw new IllegalStateException("Sign out before changing the server.");
        }
        validateWsUrl(wsUrl);
        CrmApi next = apis.apply(apiUrl);
        watchTokens(next);
        this.api = next;
        this.config = config.withServers(apiUrl, wsUrl);
    }

    // ---- sign in / out ---------------------------------------------------------------------------------

    /** Signs in, loads user, deals, contacts and notifications, and connects the live updates. */
    public CompletableFuture<User> login(String email, String password) {
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new SessionException(SessionException.Kind.REJECTED, "Enter your email and password."));
        }
        if (!active.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(
                    new SessionException(SessionException.Kind.REJECTED, "Already signed in."));
        }
        long generation = sessionGeneration.incrementAndGet();
        onUi(() -> {
            state.set(SessionState.SIGNING_IN);
            endReason.set("");
        });
        return startLive(api.login(email.trim(), password), generation);
    }

    /** Resumes a session from tokens kept elsewhere: GET /auth/me, then the same loading as {@link #login}. */
    public CompletableFuture<User> fetchCurrentUser(String token, String refreshToken) {
        if (!active.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(
                    new SessionException(SessionException.Kind.REJECTED, "Already signed in."));
        }
        long generation = sessionGeneration.incrementAndGet();
        onUi(() -> state.set(SessionState.SIGNING_IN));
        api.setTokens(new AuthTokens(token, refreshToken));
        return startLive(api.me(), generation);
    }

    /**
     * Connects the WebSocket while the snapshot loads, holding live events back until the snapshot is in the
     * stores, so that nothing sent between the REST load and the connect is lost (the web app connected after
     * loading and could miss those).
     */
    private CompletableFuture<User> startLive(CompletableFuture<User> userFuture, long generation) {
        CompletableFuture<User> result = new CompletableFuture<>();
        userFuture.thenCompose(user -> {
            root.beginResync();
            realtime.connect(URI.create(config.wsUrl()), api.tokens().accessToken());
            return loadSnapshot().thenApply(snapshot -> {
                root.completeResync(snapshot.deals(), snapshot.contacts(), snapshot.notifications(), () -> {
                    if (sessionGeneration.get() != generation) {
                        return;
                    }
                    currentUser.set(user);
                    state.set(SessionState.ACTIVE);
                    startConnectionTicker();
                    result.complete(user);
                });
                return user;
            });
        }).whenComplete((user, error) -> {
            if (error == null) {
                return;
            }
            Throwable cause = Failures.unwrap(error);
            log.info("Sign-in failed: {}", cause.getMessage());
            root.abortResync();
            realtime.disconnect();
            api.setTokens(null);
            active.set(false);
            SessionException failure = toSessionException(cause, true);
            onUi(() -> {
                state.set(SessionState.SIGNED_OUT);
                result.completeExceptionally(failure);
            });
        });
        return result;
    }

    /** Signs out: tells the server, disconnects, clears every store. Never fails. */
    public CompletableFuture<Void> logout() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CrmApi client = api;
        endLocally();
        client.logout().whenComplete((ignored, error) -> onUi(() -> {
            endReason.set("");
            state.set(SessionState.SIGNED_OUT);
            done.complete(null);
        }));
        return done;
    }

    private void expire(String reason) {
        if (!active.get()) {
            return;
        }
        log.info("Session ended: {}", reason);
        endLocally();
        api.setTokens(null);
        onUi(() -> {
            endReason.set(reason);
            state.set(SessionState.EXPIRED);
            connection.set(new LiveConnection(LiveConnection.Phase.SESSION_EXPIRED, 0, 0, null, null, 0, 0, 0,
                    null, UrlRedaction.redact(config.wsUrl()), reason));
        });
    }

    private void endLocally() {
        active.set(false);
        sessionGeneration.incrementAndGet();
        cancel(refreshTimer);
        cancel(connectionTicker);
        realtime.disconnect();
        root.clear();
        onUi(() -> currentUser.set(null));
        scheduleConnectionPublish();
    }

    // ---- token lifetime --------------------------------------------------------------------------------

    private void watchTokens(CrmApi client) {
        client.addTokenListener(tokens -> {
            realtime.updateToken(tokens.accessToken());
            scheduleRefresh(client, tokens);
        });
    }

    private void scheduleRefresh(CrmApi client, AuthTokens tokens) {
        cancel(refreshTimer);
        tokens.lifetime().ifPresent(lifetime -> {
            // at least a second apart: a token whose 80% mark already passed (a very short lifetime, a skewed
            // clock) must not start a refresh loop; a call refused meanwhile refreshes on demand
            long delay = Math.max(MIN_REFRESH_DELAY_MS, Duration.between(clock.instant(), lifetime.refreshAt()).toMillis());
            log.debug("Token refresh scheduled in {} ms (token expires {})", delay, lifetime.expiresAt());
            if (!timers.isShutdown()) {
                refreshTimer = timers.schedule(() -> refreshNow(client, lifetime.expiresAt()), delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void refreshNow(CrmApi client, Instant expiresAt) {
        if (!active.get() || client != api) {
            log.debug("Token refresh skipped: {}", active.get() ? "the server changed" : "not signed in");
            return;
        }
        client.refresh().whenComplete((fresh, error) -> {
            if (error == null) {
                return;
            }
            Throwable cause = Failures.unwrap(error);
            if (cause instanceof ApiException e && e.kind() == ApiException.Kind.UNREACHABLE
                    && clock.instant().isBefore(expiresAt)) {
                log.info("Token refresh failed ({}); trying again in 30 s", e.getMessage());
                refreshTimer = timers.schedule(() -> refreshNow(client, expiresAt), 30, TimeUnit.SECONDS);
            } else {
                expire(EXPIRED_MESSAGE);
            }
        });
    }

    // ---- resync after reconnect ------------------------------------------------------------------------

    /**
     * After a reconnect the events sent while away are lost on the wire: reload over REST and reconcile, holding
     * the events that arrive meanwhile until the snapshot is in.
     */
    private void resync() {
        if (!active.get()) {
            return;
        }
        if (!resyncRunning.compareAndSet(false, true)) {
            resyncAgain.set(true);
            return;
        }
        long generation = sessionGeneration.get();
        root.beginResync();
        loadSnapshot().whenComplete((snapshot, error) -> {
            if (error != null) {
                log.warn("Reload after reconnect failed: {}", Failures.unwrap(error).getMessage());
                root.abortResync();
                Throwable cause = Failures.unwrap(error);
                if (cause instanceof ApiException e && e.kind() == ApiException.Kind.UNAUTHORIZED) {
                    expire(EXPIRED_MESSAGE);
                }
            } else {
                root.completeResync(snapshot.deals(), snapshot.contacts(), snapshot.notifications(), () -> {
                    if (sessionGeneration.get() != generation) {
                        return;
                    }
                    lastResyncAt.set(clock.instant());
                    resyncs.incrementAndGet();
                    log.info("Reloaded {} deals, {} contacts, {} notifications after reconnect",
                            snapshot.deals().size(), snapshot.contacts().size(), snapshot.notifications().size());
                });
                scheduleConnectionPublish();
            }
            resyncRunning.set(false);
            if (resyncAgain.getAndSet(false)) {
                resync();
            }
        });
    }

    private record Snapshot(List<Deal> deals, List<Contact> contacts, List<Notification> notifications) {
    }

    private CompletableFuture<Snapshot> loadSnapshot() {
        // the three lists load (and are read) in parallel on the HTTP threads
        CompletableFuture<MappedList<Deal>> deals = api.deals();
        CompletableFuture<MappedList<Contact>> contacts = api.contacts();
        CompletableFuture<MappedList<Notification>> notifications = api.notifications();
        return CompletableFuture.allOf(deals, contacts, notifications).thenApply(ignored -> new Snapshot(
                deals.join().values(), contacts.join().values(), notifications.join().values()));
    }

    // ---- operations for the UI -------------------------------------------------------------------------

    /** Moves a deal at once, asks the server, and moves it back (failing with the reason) if the server refuses. */
    public CompletableFuture<Deal> changeStage(String dealId, DealStage stage) {
        Deal deal = root.deals().byId(dealId);
        if (deal == null) {
            return failedOnUi("This deal no longer exists.");
        }
        if (deal.getStage() == stage) {
            return CompletableFuture.completedFuture(deal);
        }
        LocalEdit edit = root.deals().moveToStage(dealId, stage);
        return call(api.changeStage(dealId, stage, WriteOptions.NONE), confirmed -> {
            confirmed.ifPresent(root.deals()::mergeDetails);
            return root.deals().byId(dealId);
        }, edit::rollback);
    }

    /** Saves edited fields of a deal (only the fields the change names); the store takes the server's answer. */
    public CompletableFuture<Deal> updateDeal(String dealId, DealChanges changes) {
        Double value = changes.value();
        if (changes.has(DealChanges.Field.VALUE) && (value == null || value.isNaN() || value < 0)) {
            return failedOnUi("The value must be a number of 0 or more.");
        }
        if (changes.has(DealChanges.Field.TITLE) && changes.title().isBlank()) {
            return failedOnUi("The title cannot be empty.");
        }
        if (changes.has(DealChanges.Field.TITLE)) {
            changes.title(changes.title().trim());
        }
        return call(api.updateDeal(dealId, changes, WriteOptions.NONE), saved -> {
            root.deals().mergeDetails(saved);
            return root.deals().byId(dealId);
        }, null);
    }

    /** Logs an activity on a deal; it appears in the timeline when the server has stored it. */
    public CompletableFuture<DealActivity> logActivity(String dealId, NewActivity activity) {
        if (activity.type() == null) {
            return failedOnUi("Choose the kind of activity.");
        }
        if (activity.date() == null) {
            return failedOnUi("Enter the date of the activity.");
        }
        if (activity.description() == null || activity.description().isBlank()) {
            return failedOnUi("Describe the activity.");
        }
        return call(api.addActivity(dealId, activity, WriteOptions.NONE), saved -> {
            root.deals().applyActivity(new DealActivityAdded(dealId, saved));
            return saved;
        }, null);
    }

    /** Fetches a deal with its activities and insights and merges it into the store's instance. */
    public CompletableFuture<Deal> loadDealDetails(String dealId) {
        return call(api.deal(dealId), full -> {
            root.deals().mergeDetails(full);
            return root.deals().byId(dealId);
        }, null);
    }

    /** Fetches a contact in full and merges it into the store's instance. */
    public CompletableFuture<Contact> loadContactDetails(String contactId) {
        return call(api.contact(contactId), full -> {
            root.contacts().mergeDetails(full);
            return root.contacts().byId(contactId);
        }, null);
    }

    /** Marks a notification read at once and on the server; it turns unread again if the server refuses. */
    public CompletableFuture<Void> markNotificationRead(String notificationId) {
        Notification notification = root.notifications().byId(notificationId);
        if (notification == null || notification.isRead()) {
            return CompletableFuture.completedFuture(null);
        }
        root.notifications().markRead(notificationId);
        return call(api.markNotificationRead(notificationId, true, WriteOptions.NONE), ignored -> null,
                () -> notification.setRead(false));
    }

    /** Marks every unread notification read. */
    public CompletableFuture<Void> markAllNotificationsRead() {
        List<CompletableFuture<Void>> calls = root.notifications().getNotifications().stream()
                .filter(n -> !n.isRead())
                .map(n -> markNotificationRead(n.getId()))
                .toList();
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    public void retryConnectionNow() {
        realtime.retryNow();
    }

    /**
     * Completes on the UI executor: the mapping runs there (it touches stores), a failure runs the rollback there
     * and fails with a SessionException a rep can read.
     */
    private <A, T> CompletableFuture<T> call(CompletableFuture<A> request, Function<A, T> onSuccess, Runnable rollback) {
        CompletableFuture<T> result = new CompletableFuture<>();
        request.whenComplete((answer, error) -> dispatcher.submit(() -> {
            if (error == null) {
                try {
                    result.complete(onSuccess.apply(answer));
                    return;
                } catch (RuntimeException e) {
                    finishFailed(result, e, rollback);
                    return;
                }
            }
            finishFailed(result, Failures.unwrap(error), rollback);
        }));
        return result;
    }

    private <T> void finishFailed(CompletableFuture<T> result, Throwable cause, Runnable rollback) {
        if (rollback != null) {
            rollback.run();
        }
        SessionException failure = toSessionException(cause, false);
        if (failure.kind() == SessionException.Kind.EXPIRED) {
            expire(EXPIRED_MESSAGE);
        }
        result.completeExceptionally(failure);
    }

    private <T> CompletableFuture<T> failedOnUi(String message) {
        return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.REJECTED, message));
    }

    private SessionException toSessionException(Throwable cause, boolean signingIn) {
        if (cause instanceof SessionException s) {
            return s;
        }
        if (cause instanceof ApiException e) {
            return switch (e.kind()) {
                case UNAUTHORIZED -> signingIn
                        ? new SessionException(SessionException.Kind.BAD_CREDENTIALS, "Wrong email or password.", e)
                        : new SessionException(SessionException.Kind.EXPIRED, EXPIRED_MESSAGE, e);
                case UNREACHABLE -> new SessionException(SessionException.Kind.UNREACHABLE, e.getMessage(), e);
                case SERVER_ERROR -> new SessionException(SessionException.Kind.SERVER_ERROR, e.getMessage(), e);
                case MALFORMED -> new SessionException(SessionException.Kind.PROTOCOL, e.getMessage(), e);
                case FORBIDDEN, NOT_FOUND, STALE, REJECTED -> new SessionException(SessionException.Kind.REJECTED, e.getMessage(), e);
            };
        }
        if (cause instanceof IllegalArgumentException) {
            return new SessionException(SessionException.Kind.REJECTED, cause.getMessage(), cause);
        }
        log.warn("Unexpected failure", cause);
        return new SessionException(SessionException.Kind.PROTOCOL, "Something went wrong: " + cause, cause);
    }

    // ---- connection indicator --------------------------------------------------------------------------

    /** Coalesces status changes into at most one pending UI update. */
    private void scheduleConnectionPublish() {
        if (connectionPublishPending.compareAndSet(false, true)) {
            dispatcher.submit(() -> {
                connectionPublishPending.set(false);
                if (state.get() == SessionState.EXPIRED) {
                    return;
                }
                connection.set(toLiveConnection(realtime.status()));
            });
        }
    }

    /** Keeps the counters, the last-message time and countdowns fresh while signed in. */
    private void startConnectionTicker() {
        cancel(connectionTicker);
        if (timers.isShutdown()) {
            return; // closed while signing in: nothing left to keep fresh
        }
        connectionTicker = timers.scheduleAtFixedRate(this::scheduleConnectionPublish, 1, 1, TimeUnit.SECONDS);
    }

    private LiveConnection toLiveConnection(RealtimeStatus status) {
        LiveConnection.Phase phase = switch (status.state()) {
            case CONNECTING -> LiveConnection.Phase.CONNECTING;
            case CONNECTED -> LiveConnection.Phase.LIVE;
            case RECONNECTING -> LiveConnection.Phase.RECONNECTING;
            case OFFLINE -> LiveConnection.Phase.OFFLINE;
            case AUTH_REQUIRED -> active.get() ? LiveConnection.Phase.CONNECTING : LiveConnection.Phase.SESSION_EXPIRED;
            case DISCONNECTED -> LiveConnection.Phase.DISCONNECTED;
        };
        StoreCounters.Snapshot counts = root.counters().snapshot();
        return new LiveConnection(phase, status.retry().attempt(), status.retry().maxAttempts(),
                status.retry().nextRetryAt(), status.traffic().lastMessageAt(), status.traffic().queuedOutgoing(),
                counts.applied(), counts.rejected(),
                lastResyncAt.get(), status.redactedUrl() != null ? status.redactedUrl() : UrlRedaction.redact(config.wsUrl()),
                status.lastError());
    }

    private static void validateWsUrl(String wsUrl) {
        try {
            RealtimeSettings.requireWebSocketUrl(URI.create(wsUrl.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("WebSocket URL")
                    ? e.getMessage() : "Not a valid WebSocket URL: " + UrlRedaction.redact(wsUrl), e);
        }
    }

    private void onUi(Runnable action) {
        dispatcher.submit(action);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    /** Ends the session without telling the server and stops every thread (application exit). */
    @Override
    public void close() {
        active.set(false);
        cancel(refreshTimer);
        cancel(connectionTicker);
        realtime.close();
        timers.shutdownNow();
        http.shutdownNow();
    }
}
