package com.flowcrm.store;

import com.flowcrm.api.CrmApi;
import com.flowcrm.api.FlowApiClient;
import com.flowcrm.common.DaemonThreads;
import com.flowcrm.common.Failures;
import com.flowcrm.common.UrlRedaction;
import com.flowcrm.model.User;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.realtime.RealtimeStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in user's session, for the views and the headless commands: its state and user, and the life cycle
 * that ties its parts together. {@link SessionAuth} signs in and keeps the tokens fresh, {@link StoreSync} loads
 * the stores and reconciles them after a reconnect, {@link LiveUpdates} keeps the WebSocket live and projects it
 * for the indicator, and {@link SessionCommands} are what a rep does. Every property is read and changed on the
 * UI executor; every returned future completes there too.
 */
public final class SessionStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);

    private final RootStore root;
    private final ExecutorService http = Executors.newCachedThreadPool(DaemonThreads.named("flow-http"));
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("flow-session"));
    private final SessionAuth auth;
    private final StoreSync sync;
    private final LiveUpdates live;
    private final SessionCommands commands;
    /** The session's place in the server's change log, in memory (the offline workspace keeps one on disk). */
    private final SyncCursor cursor = new MemorySyncCursor();
    private volatile SessionConfig config;

    private final ReadOnlyObjectWrapper<SessionState> state = new ReadOnlyObjectWrapper<>(this, "state", SessionState.SIGNED_OUT);
    private final ReadOnlyObjectWrapper<User> currentUser = new ReadOnlyObjectWrapper<>(this, "currentUser");
    private final ReadOnlyStringWrapper endReason = new ReadOnlyStringWrapper(this, "endReason", "");

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
        Objects.requireNonNull(clock, "clock");
        this.auth = new SessionAuth(apis != null ? apis : url -> new FlowApiClient(url, http), config.apiUrl(), clock,
                timers, this::expire);
        this.live = new LiveUpdates(config.realtimeSettings(), root, timers, () -> this.config.wsUrl(), auth::isActive,
                () -> state.get() == SessionState.EXPIRED, this::lastResyncAt, this::syncStatus);
        this.sync = new StoreSync(root, auth, clock, this::expire, live::publishSoon, cursor, this::later);
        this.commands = new SessionCommands(root, auth::api, this::expire);
        live.askSessionFor(sync::resync, auth::freshAccessToken,
                () -> expire("The live connection was refused: " + SessionAuth.EXPIRED_MESSAGE));
        auth.addAccessTokenListener(live::updateToken);
    }

    public RootStore root() {
        return root;
    }

    public SessionConfig config() {
        return config;
    }

    /** What a rep does to the data: move, edit, log, load in full, mark read. */
    public SessionCommands commands() {
        return commands;
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

    /** What the connection indicator shows. */
    public ReadOnlyObjectProperty<ConnectionReport> connectionProperty() {
        return live.connectionProperty();
    }

    /** "Retry now" of the indicator. */
    public void retryConnectionNow() {
        live.retryNow();
    }

    /** How a reconnect catches up (resume from the server's change log, or a full reload); any thread. */
    public SyncStatus syncStatus() {
        return sync.syncStatus();
    }

    /** The realtime counters and state, readable from any thread (for the headless commands). */
    public ConnectionSummary connectionSummary() {
        RealtimeStatus status = live.status();
        StoreCounters.Snapshot counts = root.counters().snapshot();
        return new ConnectionSummary(status.state().name(), status.traffic().connects(), status.traffic().reconnects(),
                sync.resyncs(), counts.applied(), counts.rejected(), counts.ignored(),
                status.badInput().malformedFrames() + counts.unknown(), status.traffic().lastMessageAt(),
                sync.lastResyncAt());
    }

    /** Counters of the live connection and the stores, as the export command reports them. */
    public record ConnectionSummary(String state, long connects, long reconnects, long resyncs, long eventsApplied,
            long eventsRejected, long eventsIgnored, long badFrames, Instant lastMessageAt, Instant lastResyncAt) {
    }

    /** Points the session at other servers; only while signed out (the sign-in screen's "Server" section). */
    public void changeServer(String apiUrl, String wsUrl) {
        if (auth.isActive()) {
            throw new IllegalStateException("Sign out before changing the server.");
        }
        validateWsUrl(wsUrl);
        auth.changeServer(apiUrl);
        this.config = config.withServers(apiUrl, wsUrl);
    }

    // ---- sign in / out ---------------------------------------------------------------------------------

    /** Signs in, loads user, deals, contacts and notifications, and connects the live updates. */
    public CompletableFuture<User> login(String email, String password) {
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new SessionException(SessionException.Kind.REJECTED, "Enter your email and password."));
        }
        long generation = auth.begin();
        if (generation < 0) {
            return alreadySignedIn();
        }
        onUi(() -> {
            state.set(SessionState.SIGNING_IN);
            endReason.set("");
        });
        return startLive(auth.signIn(email, password), generation);
    }

    /** Resumes a session from tokens kept elsewhere: GET /auth/me, then the same loading as {@link #login}. */
    public CompletableFuture<User> fetchCurrentUser(String token, String refreshToken) {
        long generation = auth.begin();
        if (generation < 0) {
            return alreadySignedIn();
        }
        onUi(() -> state.set(SessionState.SIGNING_IN));
        return startLive(auth.resume(token, refreshToken), generation);
    }

    private static CompletableFuture<User> alreadySignedIn() {
        return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.REJECTED, "Already signed in."));
    }

    /**
     * Connects the WebSocket while the snapshot loads, holding live events back until the snapshot is in the
     * stores, so that nothing sent between the REST load and the connect is lost (the web app connected after
     * loading and could miss those).
     */
    private CompletableFuture<User> startLive(CompletableFuture<User> userFuture, long generation) {
        CompletableFuture<User> result = new CompletableFuture<>();
        userFuture.thenCompose(user -> sync.loadFirst(() -> live.connect(auth.accessToken()), () -> {
            if (auth.generation() != generation) {
                return;
            }
            currentUser.set(user);
            state.set(SessionState.ACTIVE);
            live.startTicker();
            result.complete(user);
        })).whenComplete((snapshot, error) -> {
            if (error == null) {
                return;
            }
            Throwable cause = Failures.unwrap(error);
            log.info("Sign-in failed: {}", cause.getMessage());
            sync.abandonFirst();
            live.disconnect();
            auth.forgetTokens();
            auth.end();
            SessionException failure = SessionException.from(cause, true);
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
        CompletableFuture<Void> told = auth.signOut();
        endLocally();
        told.whenComplete((ignored, error) -> onUi(() -> {
            endReason.set("");
            state.set(SessionState.SIGNED_OUT);
            done.complete(null);
        }));
        return done;
    }

    /** The server no longer accepts the session: it ends here, and the rep reads why. */
    private void expire(String reason) {
        if (!auth.isActive()) {
            return;
        }
        log.info("Session ended: {}", reason);
        endLocally();
        auth.forgetTokens();
        onUi(() -> {
            endReason.set(reason);
            state.set(SessionState.EXPIRED);
            live.showSessionExpired(reason);
        });
    }

    private void endLocally() {
        auth.end();
        live.disconnect();
        root.clear();
        // the stores are emptied: they no longer hold the changes up to the cursor (on the UI thread, after the
        // batch that may still tell it a position)
        root.dispatcher().submit(cursor::reset);
        onUi(() -> currentUser.set(null));
        live.publishSoon();
    }

    private static void validateWsUrl(String wsUrl) {
        try {
            RealtimeSettings.requireWebSocketUrl(URI.create(wsUrl.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("WebSocket URL")
                    ? e.getMessage() : "Not a valid WebSocket URL: " + UrlRedaction.redact(wsUrl), e);
        }
    }

    private Instant lastResyncAt() {
        return sync.lastResyncAt();
    }

    /** Runs the task on the session's timer thread after the delay; nothing once the session is closed. */
    private void later(Runnable task, Duration delay) {
        try {
            timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            log.debug("Session closed: nothing scheduled");
        }
    }

    private void onUi(Runnable action) {
        root.dispatcher().submit(action);
    }

    /** Ends the session without telling the server and stops every thread (application exit). */
    @Override
    public void close() {
        auth.end();
        live.close();
        timers.shutdownNow();
        http.shutdownNow();
    }
}
