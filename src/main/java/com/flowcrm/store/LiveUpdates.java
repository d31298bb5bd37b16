package com.flowcrm.store;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.common.UrlRedaction;
import com.flowcrm.model.change.EventName;
import com.flowcrm.realtime.RealtimeClient;
import com.flowcrm.realtime.RealtimeEventHandler;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.realtime.RealtimeStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live connection of a session: the one {@link RealtimeClient}, its store events wired to the root store (read
 * and mapped on the socket's read thread, applied by the dispatcher), and its state projected for the connection
 * indicator, at most one update pending on the UI thread and refreshed every second while signed in.
 */
public final class LiveUpdates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
    /**
     * The fewest time between two attempts made early because the server answered a REST call: a network that lets
     * REST through but not WebSockets (a proxy) then sees an attempt every 10 s at most while the rep works.
     */
    static final Duration ANSWERED_RETRY_GAP = Duration.ofSeconds(10);

    private final RealtimeClient realtime;
    private final Clock clock;
    private final AtomicReference<Instant> lastAnsweredRetry = new AtomicReference<>();
    private final RootStore root;
    private final ScheduledExecutorService timers;
    private final Supplier<String> wsUrl;
    private final BooleanSupplier signedIn;
    private final BooleanSupplier expiryShown;
    private final Supplier<Instant> lastResyncAt;
    private final Supplier<SyncStatus> syncStatus;
    private final ReadOnlyObjectWrapper<ConnectionReport> connection =
            new ReadOnlyObjectWrapper<>(this, "connection", ConnectionReport.DISCONNECTED);
    private final AtomicBoolean publishPending = new AtomicBoolean();
    private volatile ScheduledFuture<?> ticker;

    /**
     * @param wsUrl        the configured WebSocket URL (shown while no connection was opened yet)
     * @param signedIn     whether a session is active (a refused token then means "getting a fresh one")
     * @param expiryShown  whether the indicator shows "session expired", which no socket state replaces
     * @param lastResyncAt when the stores were last brought up to date after a reconnect
     * @param syncStatus   how the next reconnect catches up (resume from the change log, or a full reload)
     */
    LiveUpdates(RealtimeSettings settings, RootStore root, ScheduledExecutorService timers, Supplier<String> wsUrl,
            BooleanSupplier signedIn, BooleanSupplier expiryShown, Supplier<Instant> lastResyncAt,
            Supplier<SyncStatus> syncStatus) {
        this.realtime = new RealtimeClient(settings);
        this.clock = settings.clock();
        this.root = Objects.requireNonNull(root, "root");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.wsUrl = wsUrl;
        this.signedIn = signedIn;
        this.expiryShown = expiryShown;
        this.lastResyncAt = lastResyncAt;
        this.syncStatus = syncStatus;
        RealtimeEventHandler handler = eventHandler(root);
        for (EventName event : EventName.values()) {
            realtime.on(event.wireName(), handler);
        }
        realtime.addStatusListener(status -> publishSoon());
    }

    /**
     * The handler the socket calls for every store event: the api's mapper reads the data on the read thread and
     * the root store queues the typed event with its seq and prev (or rejects it). Tests and the benchmark feed
     * frames through it too.
     */
    public static RealtimeEventHandler eventHandler(RootStore root) {
        return RealtimeEventHandler.reading(JsonMapper.eventReader(),
                (event, mapped, seq, prev, receivedAt) -> root.accept(event, mapped, seq, prev));
    }

    /**
     * What the socket asks the session for: a reload after each reconnect, a fresh token once when the server
     * refuses one, and the end of the session when no fresh token helped.
     */
    void askSessionFor(Runnable resync, Supplier<CompletableFuture<String>> freshToken, Runnable refused) {
        realtime.setResyncListener(resync);
        realtime.setTokenRefresher(freshToken);
        realtime.setAuthFailureListener(refused);
    }

    /** What the indicator shows; changes on the UI thread. */
    public ReadOnlyObjectProperty<ConnectionReport> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** The realtime client's own report; any thread. */
    public RealtimeStatus status() {
        return realtime.status();
    }

    /** Opens the connection with the token (events flow once the root store's held events are released). */
    void connect(String token) {
        realtime.connect(URI.create(wsUrl.get()), token);
    }

    /** The token for the next reconnect. */
    void updateToken(String token) {
        realtime.updateToken(token);
    }

    /** From offline or a waiting reconnect: tries at once ("Retry now"). */
    public void retryNow() {
        realtime.retryNow();
    }

    /**
     * The server answered a REST call (an outbox send, a catch-up, a list): if the live connection is waiting to
     * retry (up to a minute once it is offline), it tries at once, at most once per {@link #ANSWERED_RETRY_GAP}.
     * Any thread.
     */
    void serverAnswered() {
        RealtimeStatus status = realtime.status();
        if (!status.isWaitingToRetry()) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastAnsweredRetry.get();
        if (last != null && now.isBefore(last.plus(ANSWERED_RETRY_GAP))) {
            return;
        }
        if (lastAnsweredRetry.compareAndSet(last, now)) {
            LOG.info("The server answered a REST call while the live connection was {}: retrying it now",
                    status.state());
            realtime.retryNow();
        }
    }

    /** Closes the connection on purpose and stops the ticker. */
    void disconnect() {
        cancelTicker();
        realtime.disconnect();
    }

    /** Keeps the counters, the last-message time and countdowns fresh while signed in. */
    void startTicker() {
        cancelTicker();
        if (timers.isShutdown()) {
            return; // closed while signing in: nothing left to keep fresh
        }
        ticker = timers.scheduleAtFixedRate(this::publishSoon, 1, 1, TimeUnit.SECONDS);
    }

    /** The session expired: the indicator says so (on the UI thread) until the next sign-in. */
    void showSessionExpired(String reason) {
        connection.set(ConnectionReport.sessionExpired(UrlRedaction.redact(wsUrl.get()), reason));
    }

    /** Coalesces status changes into at most one pending UI update, never held back behind a resync. */
    void publishSoon() {
        if (publishPending.compareAndSet(false, true)) {
            root.dispatcher().submitUnheld(() -> {
                publishPending.set(false);
                if (!expiryShown.getAsBoolean()) {
                    connection.set(project(realtime.status()));
                }
            });
        }
    }

    private ConnectionReport project(RealtimeStatus status) {
        ConnectionReport.Phase phase = switch (status.state()) {
            case CONNECTING -> ConnectionReport.Phase.CONNECTING;
            case CONNECTED -> ConnectionReport.Phase.LIVE;
            case RECONNECTING -> ConnectionReport.Phase.RECONNECTING;
            case OFFLINE -> ConnectionReport.Phase.OFFLINE;
            case AUTH_REQUIRED -> signedIn.getAsBoolean() ? ConnectionReport.Phase.CONNECTING
                    : ConnectionReport.Phase.SESSION_EXPIRED;
            case DISCONNECTED -> ConnectionReport.Phase.DISCONNECTED;
        };
        StoreCounters.Snapshot counts = root.counters().snapshot();
        return ConnectionReport.builder(phase)
                .retry(status.retry().attempt(), status.retry().maxAttempts(), status.retry().nextRetryAt())
                .activity(status.traffic().lastMessageAt(), status.traffic().queuedOutgoing(), counts.applied(),
                        counts.rejected(), lastResyncAt.get())
                .server(status.redactedUrl() != null ? status.redactedUrl() : UrlRedaction.redact(wsUrl.get()))
                .lastError(status.lastError())
                .sync(syncStatus.get())
                .build();
    }

    private void cancelTicker() {
        ScheduledFuture<?> running = ticker;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Stops the connection and its thread for good (application exit). */
    @Override
    public void close() {
        cancelTicker();
        realtime.close();
    }
}
