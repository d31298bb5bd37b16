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
import java.util.function.Supplier;
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
 * for the indicator, and {@link SessionCommands} are what a rep does. With {@link LocalStorage}, {@link OfflineSession}
 * keeps the user's workspace on disk: the session then opens from it (also without the network), every change goes
 * through its outbox ({@link PendingChanges}), and a refused session keeps the data (read-only) until the rep signs
 * in again. Every property is read and changed on the UI executor; every returned future completes there too.
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
    private final OfflineSession offline;
    private final Clock clock;
    /** The session's place in the server's change log: the open workspace's (on disk), else in memory. */
    private final SessionCursor cursor;
    private volatile SessionConfig config;
    private final ReconnectLoop reconnects = new ReconnectLoop(timers);
    private final SessionStart start;

    private final ReadOnlyObjectWrapper<SessionState> state = new ReadOnlyObjectWrapper<>(this, "state", SessionState.SIGNED_OUT);
    private final ReadOnlyObjectWrapper<User> currentUser = new ReadOnlyObjectWrapper<>(this, "currentUser");
    private final ReadOnlyStringWrapper endReason = new ReadOnlyStringWrapper(this, "endReason", "");
    private final ReadOnlyObjectWrapper<ConnectionReport> connection =
            new ReadOnlyObjectWrapper<>(this, "connection", ConnectionReport.DISCONNECTED);

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
        this(config, root, clock, apis, null);
    }

    /**
     * @param apis    the REST client for a base URL; null for {@link FlowApiClient} on the session's HTTP threads
     * @param storage where the workspaces and the kept session live; null for a live-only session (nothing on disk)
     */
    public SessionStore(SessionConfig config, RootStore root, Clock clock, Function<String, CrmApi> apis,
            LocalStorage storage) {
        this.config = Objects.requireNonNull(config, "config");
        this.root = Objects.requireNonNull(root, "root");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auth = new SessionAuth(apis != null ? apis : url -> new FlowApiClient(url, http), config.apiUrl(), clock,
                timers, this::expire);
        this.live = new LiveUpdates(config.realtimeSettings(), root, timers, () -> this.config.wsUrl(), auth::isActive,
                () -> state.get() == SessionState.EXPIRED, this::lastResyncAt, this::syncStatus);
        this.offline = new OfflineSession(storage, root, auth, clock, reason -> expire(SessionAuth.EXPIRED_MESSAGE));
        this.cursor = new SessionCursor(() -> {
            OpenWorkspace ws = offline.current();
            return ws == null ? null : ws.cursor();
        });
        this.sync = new StoreSync(root, auth, clock, this::expire, live::publishSoon, cursor, this::later);
        this.commands = new SessionCommands(root, auth::api, this::expire, offline::recorder, offline::readOnly,
                offline.pending());
        live.askSessionFor(sync::resync, auth::freshAccessToken,
                () -> expire("The live connection was refused: " + SessionAuth.EXPIRED_MESSAGE));
        auth.addAccessTokenListener(live::updateToken);
        auth.addAnswerListener(live::serverAnswered);
        sync.onReload(s -> offline.beforeStores(s.deals(), s.contacts(), s.notifications(), s.syncSeq()),
                offline::reloadedInStores, offline::upToDate);
        live.connectionProperty().addListener((obs, old, now) -> project());
        state.addListener((obs, old, now) -> project());
        this.start = new SessionStart(auth, sync, live, offline, reconnects, new StartHost());
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

    /** What the connection indicator shows (offline while the session shows only the local copy). */
    public ReadOnlyObjectProperty<ConnectionReport> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** "Retry now" of the indicator: the live connection, or the sign-in to a server that could not be reached. */
    public void retryConnectionNow() {
        reconnects.retryNow();
        live.retryNow();
    }

    // ---- the local workspace, for the window ------------------------------------------------------------------

    /** The rep's changes on their way to the server (empty and inert in a live-only session). */
    public PendingChanges pendingChanges() {
        return offline.pending();
    }

    /** Live, offline from the local copy (since when), or read-only (sign in again to send the changes). */
    public ReadOnlyObjectProperty<SessionMode> modeProperty() {
        return offline.modeProperty();
    }

    /**
     * Set once when the session cannot be kept between runs (no usable OS credential store), for the sign-in screen;
     * null otherwise or once dismissed.
     */
    public ReadOnlyStringProperty credentialNoticeProperty() {
        return offline.kept().noticeProperty();
    }

    public void dismissCredentialNotice() {
        offline.kept().dismissNotice();
    }

    /**
     * What happened to the local copy that the rep must read once: a damaged file set aside ("... 2 changes waiting to
     * be sent were recovered"), a file of a newer version (left untouched; the app works live only). Null otherwise.
     */
    public ReadOnlyStringProperty workspaceNoticeProperty() {
        return offline.workspaceNoticeProperty();
    }

    public void dismissWorkspaceNotice() {
        offline.dismissWorkspaceNotice();
    }

    /** Checks the OS credential store once (in the background); when unusable, {@link #credentialNoticeProperty()} says so. */
    public CompletableFuture<Void> checkCredentialStore() {
        return offline.kept().check().thenApply(status -> null);
    }

    /** Whether this user has a local copy on the configured server (the app may open from it). */
    public boolean hasLocalCopy(String email) {
        return offline.hasWorkspace(config.apiUrl(), email);
    }

    /** The local side of the session (tests reach into it). */
    OfflineSession offline() {
        return offline;
    }

    /** Signs the same user in again after the server refused the session (password only; the email stays). */
    public CompletableFuture<User> signInAgain(String password) {
        SessionMode now = offline.modeProperty().get();
        User user = currentUser.get();
        String email = now.email() != null ? now.email() : user != null ? user.email() : null;
        if (email == null) {
            return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.REJECTED,
                    "Nobody was signed in: sign in with your email and password."));
        }
        return login(email, password);
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
        return start.login(email, password, state.get());
    }

    /**
     * App start with a kept session: the stores fill from the user's local copy at once (the main window shows its
     * board), then the session connects with the refresh token from the OS credential store and catches up in the
     * background; without the network it stays offline and retries. Fails (signed out) when there is no local copy or
     * no kept session for this user.
     */
    public CompletableFuture<User> resumeStoredSession(String email) {
        return start.resumeStoredSession(email);
    }

    /**
     * Signs in with the session kept for this user (the refresh token in the credential store) instead of a password,
     * then loads and reconciles like {@link #login}; no local copy is shown first and nothing is retried. Fails with
     * the reason (no kept session: {@link SessionException.Kind#BAD_CREDENTIALS}) as {@link #login} does.
     */
    public CompletableFuture<User> loginWithKeptSession(String email) {
        return start.loginWithKeptSession(email);
    }

    /**
     * Opens this user's local copy into the stores without signing in (the command line reads it, records changes in
     * its outbox); {@link #getCurrentUser()} is then the user it was saved for. Completes with false when there is
     * none; the session stays signed out.
     */
    public CompletableFuture<Boolean> openLocalCopy(String email) {
        if (!offline.enabled() || !offline.hasWorkspace(config.apiUrl(), email)) {
            return CompletableFuture.completedFuture(false);
        }
        return offline.open(config.apiUrl(), email).thenCompose(ws -> ws == null
                ? CompletableFuture.completedFuture(false)
                : offline.launch(loaded -> currentUser.set(loaded.user().orElse(null))).thenApply(loaded -> true));
    }

    /** When the server last confirmed what the open local copy holds (null: never, or no local copy open). */
    public Instant localCopySyncedAt() {
        OpenWorkspace ws = offline.current();
        return ws == null ? null : ws.onDisk().lastSyncedAt().orElse(null);
    }

    /**
     * The command line's mode: the outbox is sent only by {@link #sendPendingNow()}, never in the background, and a
     * sign-in that cannot reach the server fails instead of opening the local copy offline.
     */
    public void sendOnlyWhenAsked() {
        offline.sendOnlyWhenAsked();
    }

    /** Sends the waiting changes now (the {@code sync} command) and says what is left. */
    public CompletableFuture<SendSummary> sendPendingNow() {
        return offline.sendNow();
    }

    /** Resumes a session from tokens kept elsewhere: GET /auth/me, then the same loading as {@link #login}. */
    public CompletableFuture<User> fetchCurrentUser(String token, String refreshToken) {
        return start.fetchCurrentUser(token, refreshToken);
    }

    /** What the sign-in paths change in the session, on the UI executor. */
    private final class StartHost implements SessionStart.Host {
        @Override
        public void signingIn(boolean clearReason) {
            onUi(() -> {
                state.set(SessionState.SIGNING_IN);
                if (clearReason) {
                    endReason.set("");
                }
            });
        }

        @Override
        public void active(User user, boolean liveNow) {
            currentUser.set(user);
            state.set(SessionState.ACTIVE);
            if (liveNow) {
                live.startTicker();
            }
            project();
        }

        @Override
        public void failed(SessionState back) {
            state.set(back == SessionState.SIGNING_IN ? SessionState.SIGNED_OUT : back);
            project();
        }

        @Override
        public void refused() {
            expire(SessionAuth.EXPIRED_MESSAGE);
        }

        @Override
        public String apiUrl() {
            return config.apiUrl();
        }

        @Override
        public void onUi(Runnable action) {
            SessionStore.this.onUi(action);
        }
    }

    /**
     * Signs out: tells the server, disconnects, clears every store. Never fails. With a local copy its waiting
     * changes are kept for the next sign-in ({@link SignOutChoice#KEEP_FOR_NEXT_TIME}).
     */
    public CompletableFuture<Void> logout() {
        return signOut(SignOutChoice.KEEP_FOR_NEXT_TIME).thenApply(result -> null);
    }

    /**
     * "Sign out", with what to do with the changes still waiting to be sent (send now, keep them for next time,
     * discard them) or "Sign out and remove local data" (the local copy, its waiting changes and the kept session go).
     * The kept session is forgotten either way. Never fails; completes on the UI executor, signed out.
     */
    public CompletableFuture<SignOutResult> signOut(SignOutChoice choice) {
        Objects.requireNonNull(choice, "choice");
        if (offline.current() == null) {
            return signOutLive().thenApply(ignored -> SignOutResult.NOTHING);
        }
        CompletableFuture<SignOutResult> done = new CompletableFuture<>();
        offline.signOut(choice).whenComplete((result, error) -> {
            if (error != null) {
                log.warn("Signing out of the local copy: {}", Failures.unwrap(error).getMessage());
            }
            signOutLive().whenComplete((ignored, e) -> done.complete(result == null ? SignOutResult.NOTHING : result));
        });
        return done;
    }

    private CompletableFuture<Void> signOutLive() {
        cancelReconnect();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> told = auth.signOut();
        endLocally();
        told.whenComplete((ignored, error) -> onUi(() -> {
            endReason.set("");
            state.set(SessionState.SIGNED_OUT);
            project();
            done.complete(null);
        }));
        return done;
    }

    private void cancelReconnect() {
        reconnects.cancel();
    }

    /** The server no longer accepts the session: it ends here, and the rep reads why. */
    private void expire(String reason) {
        if (!auth.isActive()) {
            return;
        }
        log.info("Session ended: {}", reason);
        cancelReconnect();
        if (offline.keepsDataWhenRefused()) {
            // the data and the waiting changes stay, read-only, until the same rep signs in again
            offline.expired();
            auth.end();
            live.disconnect();
            auth.forgetTokens();
            onUi(() -> {
                endReason.set(reason);
                state.set(SessionState.EXPIRED);
                live.showSessionExpired(reason);
                project();
            });
            return;
        }
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
        root.dispatcher().submit(cursor::storesEmptied);
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

    /** The mode and the indicator's report from the live connection and the local copy; on the UI thread. */
    private void project() {
        ConnectionReport report = live.connectionProperty().get();
        offline.updateMode(state.get(), report);
        if (offline.diskOnly() && state.get() == SessionState.ACTIVE) {
            SessionMode mode = offline.modeProperty().get();
            report = ConnectionReport.builder(ConnectionReport.Phase.OFFLINE)
                    .server(UrlRedaction.redact(config.wsUrl()))
                    .lastError(mode.describe(java.time.ZoneId.systemDefault(), clock.instant()))
                    .build();
        }
        if (!report.equals(connection.get())) {
            connection.set(report);
        }
    }

    private void onUi(Runnable action) {
        root.dispatcher().submit(action);
    }

    /** Ends the session without telling the server and stops every thread (application exit). */
    @Override
    public void close() {
        auth.end();
        cancelReconnect();
        live.close();
        offline.close();
        timers.shutdownNow();
        http.shutdownNow();
    }
}
