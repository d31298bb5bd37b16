package com.flowcrm.realtime;

import com.flowcrm.common.UrlRedaction;
import com.flowcrm.common.WarningThrottle;
import com.google.gson.JsonObject;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared WebSocket connection: the state machine of connect, reconnect with backoff, heartbeat and token
 * refusal, and the status it publishes. The rest sits beside it: {@link IncomingFrames} reads what arrives
 * ({@link FrameCodec} decodes, {@link EventHandlers} dispatches), {@link OutgoingFrames} sends or keeps what goes
 * out ({@link OutgoingQueue} with the requests waiting for their ack, {@link Subscriptions} to send again after a
 * reconnect), {@link AttemptSocket} is one connection attempt and {@link SocketUrls} builds its URL.
 *
 * <p>Threads: one scheduler thread owns the state machine (every field marked "loop only"). Each connection
 * attempt is a new {@link WebSocketClient} whose callbacks are posted to that thread and ignored once the attempt
 * is no longer the current one. Frames are parsed on the socket read thread and handed to the handlers there.
 */
public final class RealtimeClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealtimeClient.class);

    private static final Duration LIVE_PUBLISH_INTERVAL = Duration.ofMillis(500);

    private final RealtimeSettings settings;
    private final Clock clock;
    private final RealtimeScheduler loop;
    private final WarningThrottle warnings;
    private final EventHandlers handlers;
    private final OutgoingQueue outgoing;
    private final OutgoingFrames outgoingFrames;
    private final IncomingFrames incoming;
    private final Wiring wiring = new Wiring();
    private final StatusListeners statusListeners = new StatusListeners();
    private volatile Supplier<CompletableFuture<String>> tokenRefresher;
    private volatile Runnable resyncListener;
    private volatile Runnable authFailureListener;

    private final AtomicLong oversizedFrames = new AtomicLong();
    private final AtomicBoolean livePublishPending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The current attempt; written on the loop only, read by socket threads to drop frames of old attempts. */
    private volatile AttemptSocket socket;
    /** Loop-owned part of the status, republished after every change. */
    private volatile LoopView view;

    // Loop only.
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private int attempt;
    private Instant nextRetryAt;
    private URI baseUrl;
    private String token;
    private long generation;
    private long connects;
    private long reconnects;
    private String lastError;
    private String attemptError;
    private boolean connectedBefore;
    private boolean offlineMode;
    private boolean authRetryUsed;
    private long refreshGeneration = -1;
    private RealtimeScheduler.Cancellable retryTimer;
    private RealtimeScheduler.Cancellable connectTimer;
    private RealtimeScheduler.Cancellable pingTimer;
    private RealtimeScheduler.Cancellable silenceTimer;
    private RealtimeScheduler.Cancellable answerTimer;
    private RealtimeScheduler.Cancellable stableTimer;
    private RealtimeScheduler.Cancellable refreshTimer;

    public RealtimeClient(RealtimeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = settings.clock();
        this.loop = Objects.requireNonNull(settings.schedulerFactory().get(), "scheduler");
        this.warnings = new WarningThrottle(log, clock, settings.warnInterval());
        FrameCodec frames = new FrameCodec(warnings);
        this.handlers = new EventHandlers(warnings);
        this.outgoing = new OutgoingQueue(settings.outgoingQueueCapacity(), warnings);
        this.outgoingFrames = new OutgoingFrames(frames, outgoing, loop, this::onLoop,
                () -> state == ConnectionState.CONNECTED ? socket : null, this::publish);
        this.incoming = new IncomingFrames(clock, frames, handlers, outgoing, warnings, this::requestLivePublish);
        this.view = new LoopView(ConnectionState.DISCONNECTED, 0, null, 0, 0, 0, 0, null, null);
    }

    // ---------------------------------------------------------------- public API

    /** Opens the connection with the token as query parameter; does nothing while connecting or connected. */
    public void connect(URI wsUrl, String token) {
        URI url = RealtimeSettings.requireWebSocketUrl(wsUrl);
        onLoop(() -> {
            if (state == ConnectionState.CONNECTING || state == ConnectionState.CONNECTED
                    || state == ConnectionState.RECONNECTING) {
                log.debug("connect() ignored: already {}", state);
                return;
            }
            baseUrl = url;
            this.token = token;
            attempt = 0;
            offlineMode = false;
            authRetryUsed = false;
            cancelRetry();
            openAttempt(ConnectionState.CONNECTING);
        });
    }

    /** Closes the connection on purpose (logout): DISCONNECTED, nothing retried, queued messages discarded. */
    public void disconnect() {
        onLoop(this::disconnectNow);
    }

    /** From OFFLINE or a scheduled RECONNECTING: tries at once instead of waiting for the timer ("Retry now"). */
    public void retryNow() {
        onLoop(() -> {
            boolean waiting = state == ConnectionState.OFFLINE
                    || (state == ConnectionState.RECONNECTING && retryTimer != null);
            if (!waiting) {
                log.debug("retryNow() ignored: {}", state);
                return;
            }
            log.info("Retrying the realtime connection now");
            cancelRetry();
            openAttempt(ConnectionState.RECONNECTING);
        });
    }

    /** The token for the next connect or reconnect; the open connection keeps the one it was opened with. */
    public void updateToken(String newToken) {
        onLoop(() -> token = newToken);
    }

    /** Registers a handler for one event name; the same handler twice is called twice. */
    public void on(String event, RealtimeEventHandler handler) {
        handlers.add(event, handler);
    }

    /** Removes one registration of the handler. */
    public void off(String event, RealtimeEventHandler handler) {
        handlers.remove(event, handler);
    }

    /** Sends {@code {event, data}} now when connected, else queues it for the next connect. */
    public void send(String event, Object data) {
        outgoingFrames.send(event, data);
    }

    /**
     * Sends {@code {event, data, id}} and completes with the {@code data} of the server's
     * {@code {event: "ack", data: {id, ...}}}; fails with a {@link TimeoutException} when no ack arrives in time.
     */
    public CompletableFuture<JsonObject> request(String event, Object data, Duration timeout) {
        EventHandlers.requireEvent(event);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration, was " + timeout);
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("realtime client is closed"));
        }
        return outgoingFrames.request(event, data, timeout);
    }

    /**
     * Sends {@code <channel>:subscribe} with the data and remembers it, so it is sent again after every reconnect.
     * {@code event} may be the channel ({@code "deal"}) or the full name ({@code "deal:subscribe"}).
     */
    public void subscribe(String event, Object data) {
        outgoingFrames.changeSubscription(event, data, true);
    }

    /** Sends the matching {@code <channel>:unsubscribe} when connected and forgets the subscription. */
    public void unsubscribe(String event, Object data) {
        outgoingFrames.changeSubscription(event, data, false);
    }

    /** Immutable snapshot of the connection. */
    public RealtimeStatus status() {
        LoopView v = view;
        return new RealtimeStatus(v.state,
                new RealtimeStatus.Retry(v.attempt, settings.maxAttempts(), v.nextRetryAt),
                new RealtimeStatus.Traffic(incoming.lastMessageAt(), v.queued, v.dropped, v.connects, v.reconnects),
                incoming.badInput(oversizedFrames.get()),
                v.redactedUrl, v.lastError);
    }

    /** Called on the scheduler thread after every change of the status; must not block. */
    public void addStatusListener(Consumer<RealtimeStatus> listener) {
        statusListeners.add(listener);
    }

    public void removeStatusListener(Consumer<RealtimeStatus> listener) {
        statusListeners.remove(listener);
    }

    /** Asked once per refusal (AUTH_REQUIRED) for a fresh token; a failed or empty result ends the session. */
    public void setTokenRefresher(Supplier<CompletableFuture<String>> refresher) {
        this.tokenRefresher = refresher;
    }

    /** Run on the scheduler thread after every reconnect (not the first connect): events may have been missed. */
    public void setResyncListener(Runnable listener) {
        this.resyncListener = listener;
    }

    /** Run on the scheduler thread when the token was refused and no fresh one helped: the session must end. */
    public void setAuthFailureListener(Runnable listener) {
        this.authFailureListener = listener;
    }

    /** Disconnects and stops the scheduler thread; the client cannot be used afterwards. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.execute(() -> {
            disconnectNow();
            loop.shutdown();
        });
    }

    // ---------------------------------------------------------------- state machine (loop only)

    private void openAttempt(ConnectionState attemptState) {
        cancelConnectionTimers();
        state = attemptState;
        nextRetryAt = null;
        attemptError = null;
        URI target = SocketUrls.withToken(baseUrl, token);
        AttemptSocket attemptSocket = new AttemptSocket(target, ++generation, settings, loop, wiring);
        socket = attemptSocket;
        connectTimer = loop.schedule(() -> connectTimedOut(attemptSocket), settings.connectTimeout());
        log.info("Connecting to {}{}", UrlRedaction.redact(target),
                attempt == 0 ? "" : " (attempt " + attempt + " of " + settings.maxAttempts() + ")");
        publish();
        attemptSocket.connect();
    }

    private void opened(AttemptSocket s) {
        if (s != socket) {
            s.close(CloseFrame.GOING_AWAY, "superseded attempt");
            return;
        }
        cancel(connectTimer);
        connectTimer = null;
        boolean reconnect = connectedBefore;
        state = ConnectionState.CONNECTED;
        connects++;
        if (reconnect) {
            reconnects++;
        }
        connectedBefore = true;
        authRetryUsed = false;
        offlineMode = false;
        nextRetryAt = null;
        incoming.signOfLife();
        stableTimer = loop.schedule(() -> connectionStable(s), settings.stableAfter());
        pingTimer = loop.schedule(() -> ping(s), settings.pingInterval());
        silenceTimer = loop.schedule(() -> checkSilence(s), settings.silenceTimeout());
        log.info("Realtime connection open to {}", UrlRedaction.redact(s.getURI()));
        outgoingFrames.flush(s);
        publish();
        if (reconnect) {
            runListener(resyncListener, "resync");
        }
    }

    private void closed(AttemptSocket s, int code, String reason, boolean remote) {
        if (s != socket) {
            log.debug("Ignoring close of a superseded attempt (generation {})", s.generation);
            return;
        }
        socket = null;
        cancelConnectionTimers();
        boolean wasOpen = state == ConnectionState.CONNECTED;
        // A failed connect (TLS, DNS, refused) closes with an empty reason; the preceding error says why.
        String why = (reason == null || reason.isBlank()) && attemptError != null ? attemptError : reason;
        lastError = CloseReasons.describe(code, why, remote);
        if (code == CloseFrame.TOOBIG && !remote) {
            oversizedFrames.incrementAndGet();
            warnings.warn("oversized", "Server sent a frame over {} bytes; reconnecting", settings.maxFrameBytes());
        }
        if (CloseReasons.isAuthRefusal(code, reason)) {
            authRequired();
            return;
        }
        if (wasOpen) {
            log.warn("Realtime connection lost: {}", lastError);
        } else {
            log.warn("Realtime connection attempt failed: {}", lastError);
        }
        scheduleRetry();
    }

    private void failed(AttemptSocket s, Exception error) {
        if (s != socket) {
            return;
        }
        // The library follows every error with onClose, which drives the state machine.
        attemptError = UrlRedaction.redact(String.valueOf(error.getMessage() == null ? error : error.getMessage()));
        log.debug("Realtime socket error: {}", attemptError);
    }

    private void connectTimedOut(AttemptSocket s) {
        if (s != socket || state == ConnectionState.CONNECTED) {
            return;
        }
        abandon(s, "connect timed out after " + settings.connectTimeout().toMillis() + " ms");
        log.warn("Realtime connection attempt failed: {}", lastError);
        scheduleRetry();
    }

    private void ping(AttemptSocket s) {
        if (s != socket) {
            return;
        }
        long sentAt = clock.millis();
        try {
            s.sendPing();
        } catch (WebsocketNotConnectedException e) {
            log.debug("Ping skipped: socket already closing");
        }
        answerTimer = loop.schedule(() -> checkAnswer(s, sentAt), settings.pingAnswerTimeout());
        pingTimer = loop.schedule(() -> ping(s), settings.pingInterval());
    }

    /** Nothing at all (no pong, no event) since a ping: a stalled link, noticed before the whole silence timeout. */
    private void checkAnswer(AttemptSocket s, long sentAt) {
        if (s != socket || incoming.lastFrameMillis() >= sentAt) {
            return;
        }
        abandon(s, "no answer to a ping for " + (clock.millis() - sentAt) + " ms");
        log.warn("Realtime connection declared lost: {}", lastError);
        scheduleRetry();
    }

    private void checkSilence(AttemptSocket s) {
        if (s != socket) {
            return;
        }
        long silentMillis = clock.millis() - incoming.lastFrameMillis();
        long limit = settings.silenceTimeout().toMillis();
        if (silentMillis < limit) {
            silenceTimer = loop.schedule(() -> checkSilence(s), Duration.ofMillis(limit - silentMillis));
            return;
        }
        abandon(s, "no frame from the server for " + silentMillis + " ms");
        log.warn("Realtime connection declared lost: {}", lastError);
        scheduleRetry();
    }

    private void connectionStable(AttemptSocket s) {
        if (s == socket && state == ConnectionState.CONNECTED && attempt != 0) {
            attempt = 0;
            publish();
        }
    }

    /** Drops the attempt without waiting for a close handshake the dead peer would never answer. */
    private void abandon(AttemptSocket s, String reason) {
        socket = null;
        cancelConnectionTimers();
        lastError = reason;
        s.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
    }

    private void scheduleRetry() {
        if (offlineMode || attempt >= settings.maxAttempts()) {
            goOffline();
            return;
        }
        attempt++;
        Duration delay = waitForRetry(ConnectionState.RECONNECTING, settings.backoffFor(attempt));
        log.info("Reconnecting in {} ms (attempt {} of {})", delay.toMillis(), attempt, settings.maxAttempts());
        publish();
    }

    private void goOffline() {
        boolean firstTime = !offlineMode;
        offlineMode = true;
        attempt = settings.maxAttempts();
        waitForRetry(ConnectionState.OFFLINE, settings.offlineRetryInterval());
        if (firstTime) {
            log.warn("Realtime server unreachable after {} attempts; offline, retrying every {} s",
                    settings.maxAttempts(), settings.offlineRetryInterval().toSeconds());
        }
        publish();
    }

    /** Enters the waiting state and schedules the next attempt after the jittered delay, which it returns. */
    private Duration waitForRetry(ConnectionState waitingState, Duration baseDelay) {
        Duration delay = settings.withJitter(baseDelay);
        state = waitingState;
        nextRetryAt = clock.instant().plus(delay);
        retryTimer = loop.schedule(() -> {
            retryTimer = null;
            openAttempt(ConnectionState.RECONNECTING);
        }, delay);
        return delay;
    }

    private void authRequired() {
        state = ConnectionState.AUTH_REQUIRED;
        nextRetryAt = null;
        cancelRetry();
        publish();
        Supplier<CompletableFuture<String>> refresher = tokenRefresher;
        if (authRetryUsed || refresher == null) {
            log.warn("Realtime server refused the token ({}); the session must sign in again", lastError);
            authFailed();
            return;
        }
        log.warn("Realtime server refused the token ({}); asking the session for a fresh one", lastError);
        authRetryUsed = true;
        long expected = generation;
        refreshGeneration = expected;
        CompletableFuture<String> refreshed;
        try {
            refreshed = refresher.get();
        } catch (RuntimeException e) {
            refreshed = CompletableFuture.failedFuture(e);
        }
        if (refreshed == null) {
            refreshed = CompletableFuture.failedFuture(new IllegalStateException("token refresher returned null"));
        }
        refreshTimer = loop.schedule(() -> refreshFinished(expected, null,
                new TimeoutException("token refresh took longer than "
                        + settings.connectTimeout().toMillis() + " ms")), settings.connectTimeout());
        refreshed.whenComplete((fresh, error) -> onLoop(() -> refreshFinished(expected, fresh, error)));
    }

    private void refreshFinished(long expected, String fresh, Throwable error) {
        if (refreshGeneration != expected || generation != expected || state != ConnectionState.AUTH_REQUIRED) {
            return;
        }
        refreshGeneration = -1;
        cancel(refreshTimer);
        refreshTimer = null;
        if (error != null || fresh == null || fresh.isBlank()) {
            lastError = "token refresh failed: " + (error != null ? error.getMessage() : "no token");
            log.warn("Realtime token refresh failed ({}); the session must sign in again",
                    UrlRedaction.redact(lastError));
            authFailed();
            return;
        }
        token = fresh;
        log.info("Got a fresh token; trying the realtime connection once more");
        openAttempt(ConnectionState.RECONNECTING);
    }

    private void authFailed() {
        publish();
        runListener(authFailureListener, "auth failure");
    }

    private void disconnectNow() {
        generation++;
        refreshGeneration = -1;
        AttemptSocket s = socket;
        socket = null;
        cancelConnectionTimers();
        cancelRetry();
        cancel(refreshTimer);
        refreshTimer = null;
        if (s != null) {
            s.close(CloseFrame.NORMAL, "logout");
        }
        boolean wasActive = state != ConnectionState.DISCONNECTED;
        state = ConnectionState.DISCONNECTED;
        attempt = 0;
        nextRetryAt = null;
        offlineMode = false;
        authRetryUsed = false;
        connectedBefore = false;
        outgoing.discard("realtime connection closed by disconnect()");
        if (wasActive) {
            log.info("Realtime connection closed on request");
        }
        publish();
    }

    private void publish() {
        view = new LoopView(state, attempt, nextRetryAt, outgoing.size(), outgoing.dropped(), connects, reconnects,
                baseUrl == null ? null : UrlRedaction.redact(SocketUrls.withToken(baseUrl, token)),
                UrlRedaction.redact(lastError));
        statusListeners.tell(status());
    }

    private void cancelConnectionTimers() {
        cancel(connectTimer);
        cancel(pingTimer);
        cancel(silenceTimer);
        cancel(answerTimer);
        cancel(stableTimer);
        connectTimer = null;
        pingTimer = null;
        silenceTimer = null;
        answerTimer = null;
        stableTimer = null;
    }

    private void cancelRetry() {
        cancel(retryTimer);
        retryTimer = null;
    }

    private static void cancel(RealtimeScheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private static void runListener(Runnable listener, String what) {
        if (listener == null) {
            return;
        }
        try {
            listener.run();
        } catch (RuntimeException e) {
            log.warn("Realtime {} listener failed", what, e);
        }
    }

    private void onLoop(Runnable task) {
        if (closed.get()) {
            log.debug("Realtime client is closed; call ignored");
            return;
        }
        loop.execute(task);
    }

    /** The callbacks of the attempts, kept off the public API; frames of a superseded attempt are dropped. */
    private final class Wiring implements AttemptSocket.Callbacks {
        @Override
        public void frameArrived() {
            incoming.signOfLife();
        }

        @Override
        public void textArrived(AttemptSocket s, String text) {
            if (s == socket) {
                incoming.text(text);
            }
        }

        @Override
        public void binaryArrived(AttemptSocket s, ByteBuffer bytes) {
            if (s == socket) {
                incoming.binary(bytes);
            }
        }

        @Override
        public void opened(AttemptSocket s) {
            RealtimeClient.this.opened(s);
        }

        @Override
        public void closed(AttemptSocket s, int code, String reason, boolean remote) {
            RealtimeClient.this.closed(s, code, reason, remote);
        }

        @Override
        public void failed(AttemptSocket s, Exception error) {
            RealtimeClient.this.failed(s, error);
        }
    }

    /** Coalesces read-thread changes (last message time, counters) into one status publication. */
    private void requestLivePublish() {
        if (livePublishPending.compareAndSet(false, true)) {
            loop.schedule(() -> {
                livePublishPending.set(false);
                publish();
            }, LIVE_PUBLISH_INTERVAL);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The part of {@link RealtimeStatus} the loop owns. */
    private record LoopView(ConnectionState state, int attempt, Instant nextRetryAt, int queued, long dropped,
                            long connects, long reconnects, String redactedUrl, String lastError) {
    }
}
