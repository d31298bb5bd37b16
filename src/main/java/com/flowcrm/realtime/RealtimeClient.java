package com.flowcrm.realtime;

import com.flowcrm.common.UrlRedaction;
import com.flowcrm.common.WarningThrottle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared WebSocket connection with reconnect, heartbeat, outgoing queue and acks.
 *
 * <p>Threads: one scheduler thread owns the state machine (every field marked "loop only"). Each connection
 * attempt is a new {@link WebSocketClient} whose callbacks are posted to that thread and ignored once the attempt
 * is no longer the current one. Frames are parsed on the socket read thread and handed to the handlers there.
 */
public final class RealtimeClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealtimeClient.class);

    /** Event name of the server's reply to {@link #request}. */
    public static final String ACK_EVENT = "ack";
    /** Close codes a server uses to refuse a token after the handshake. */
    public static final int CLOSE_UNAUTHORIZED = 4001;
    public static final int CLOSE_FORBIDDEN = 4003;

    // Java-WebSocket 1.6.0 reports a refused handshake as close 1002 with this text (Draft.translateHandshake).
    private static final Pattern REFUSED_HANDSHAKE = Pattern.compile("Invalid status code received: (\\d{3})");
    private static final int PREVIEW_CHARS = 80;
    private static final Duration LIVE_PUBLISH_INTERVAL = Duration.ofMillis(500);

    private final RealtimeSettings settings;
    private final Clock clock;
    private final RealtimeScheduler loop;
    private final Gson gson = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private final TypeAdapter<JsonElement> jsonReader = gson.getAdapter(JsonElement.class);
    private final WarningThrottle warnings;

    private final ConcurrentHashMap<String, CopyOnWriteArrayList<RealtimeEventHandler>> handlers =
            new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<ConnectionStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, CompletableFuture<JsonObject>> pendingRequests = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private volatile Supplier<CompletableFuture<String>> tokenRefresher;
    private volatile Runnable resyncListener;
    private volatile Runnable authFailureListener;

    // Written by the read thread, read anywhere.
    private final AtomicLong nonJsonFrames = new AtomicLong();
    private final AtomicLong eventlessFrames = new AtomicLong();
    private final AtomicLong binaryFrames = new AtomicLong();
    private final AtomicLong oversizedFrames = new AtomicLong();
    private final AtomicLong unknownEvents = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();
    private final AtomicBoolean livePublishPending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastFrameMillis;
    private volatile Instant lastMessageAt;
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
    private long droppedOutgoing;
    private String lastError;
    private String attemptError;
    private boolean connectedBefore;
    private boolean offlineMode;
    private boolean authRetryUsed;
    private long refreshGeneration = -1;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final LinkedHashMap<String, String> subscriptions = new LinkedHashMap<>();
    private RealtimeScheduler.Cancellable retryTimer;
    private RealtimeScheduler.Cancellable connectTimer;
    private RealtimeScheduler.Cancellable pingTimer;
    private RealtimeScheduler.Cancellable silenceTimer;
    private RealtimeScheduler.Cancellable stableTimer;
    private RealtimeScheduler.Cancellable refreshTimer;
    private ConnectionStatus lastPublished;

    public RealtimeClient(RealtimeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = settings.clock();
        this.loop = Objects.requireNonNull(settings.schedulerFactory().get(), "scheduler");
        this.warnings = new WarningThrottle(log, clock, settings.warnInterval());
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

    /** From OFFLINE or a scheduled RECONNECTING: tries at once instead of waiting for the timer. */
    public void retryNow() {
        onLoop(() -> {
            boolean waiting = state == ConnectionState.OFFLINE
                    || (state == ConnectionState.RECONNECTING && retryTimer != null);
            if (!waiting) {
                log.debug("retryNow() ignored: {}", state);
                return;
            }
            log.info("Retrying the realtime connection now (user request)");
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
        requireEvent(event);
        Objects.requireNonNull(handler, "handler");
        handlers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Removes one registration of the handler. */
    public void off(String event, RealtimeEventHandler handler) {
        CopyOnWriteArrayList<RealtimeEventHandler> list = handlers.get(event);
        if (list != null) {
            list.remove(handler);
        }
    }

    /** Sends {@code {event, data}} now when connected, else queues it for the next connect. */
    public void send(String event, Object data) {
        requireEvent(event);
        String text = envelope(event, toJson(data), null);
        onLoop(() -> deliver(new Outgoing(event, text, null)));
    }

    /**
     * Sends {@code {event, data, id}} and completes with the {@code data} of the server's
     * {@code {event: "ack", data: {id, ...}}}; fails with a {@link TimeoutException} when no ack arrives in time.
     */
    public CompletableFuture<JsonObject> request(String event, Object data, Duration timeout) {
        requireEvent(event);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration, was " + timeout);
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("realtime client is closed"));
        }
        String id = "req-" + requestIds.incrementAndGet();
        String text = envelope(event, toJson(data), id);
        CompletableFuture<JsonObject> future = new CompletableFuture<>();
        pendingRequests.put(id, future);
        RealtimeScheduler.Cancellable timer = loop.schedule(() -> {
            if (pendingRequests.remove(id, future)) {
                future.completeExceptionally(new TimeoutException("no ack for '" + event + "' (id " + id
                        + ") within " + timeout.toMillis() + " ms"));
            }
        }, timeout);
        future.whenComplete((result, error) -> {
            pendingRequests.remove(id, future);
            timer.cancel();
        });
        onLoop(() -> deliver(new Outgoing(event, text, id)));
        return future;
    }

    /**
     * Sends {@code <channel>:subscribe} with the data and remembers it, so it is sent again after every reconnect.
     * {@code event} may be the channel ({@code "deal"}) or the full name ({@code "deal:subscribe"}).
     */
    public void subscribe(String event, Object data) {
        changeSubscription(event, data, true);
    }

    /** Sends the matching {@code <channel>:unsubscribe} when connected and forgets the subscription. */
    public void unsubscribe(String event, Object data) {
        changeSubscription(event, data, false);
    }

    private void changeSubscription(String event, Object data, boolean subscribe) {
        String channel = channelOf(event);
        JsonElement payload = toJson(data);
        String key = channel + '|' + gson.toJson(payload);
        String text = envelope(channel + (subscribe ? ":subscribe" : ":unsubscribe"), payload, null);
        onLoop(() -> {
            boolean changed = subscribe ? subscriptions.putIfAbsent(key, text) == null
                    : subscriptions.remove(key) != null;
            // An unsubscribe the client never remembered is still sent: the server may know better.
            if (!changed && subscribe) {
                log.debug("Already subscribed to {}", channel);
                return;
            }
            if (state == ConnectionState.CONNECTED) {
                writeQuietly(text);
            }
        });
    }

    /** Immutable snapshot of the connection. */
    public ConnectionStatus status() {
        LoopView v = view;
        long nonJson = nonJsonFrames.get();
        long eventless = eventlessFrames.get();
        long binary = binaryFrames.get();
        return new ConnectionStatus(v.state, v.attempt, settings.maxAttempts(), v.nextRetryAt, lastMessageAt,
                v.queued, v.dropped, v.connects, v.reconnects, nonJson + eventless + binary, unknownEvents.get(),
                v.redactedUrl, v.lastError, nonJson, eventless, binary, oversizedFrames.get(), handlerFailures.get());
    }

    /** Called on the scheduler thread after every change of the status; must not block. */
    public void addStatusListener(Consumer<ConnectionStatus> listener) {
        statusListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeStatusListener(Consumer<ConnectionStatus> listener) {
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
        URI target = withToken(baseUrl, token);
        AttemptSocket attemptSocket = new AttemptSocket(target, ++generation);
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
        lastFrameMillis = clock.millis();
        stableTimer = loop.schedule(() -> connectionStable(s), settings.stableAfter());
        pingTimer = loop.schedule(() -> ping(s), settings.pingInterval());
        silenceTimer = loop.schedule(() -> checkSilence(s), settings.silenceTimeout());
        log.info("Realtime connection open to {}", UrlRedaction.redact(s.getURI()));
        flush(s);
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
        lastError = describeClose(code, why, remote);
        if (code == CloseFrame.TOOBIG && !remote) {
            oversizedFrames.incrementAndGet();
            warnings.warn("oversized", "Server sent a frame over {} bytes; reconnecting", settings.maxFrameBytes());
        }
        if (isAuthRefusal(code, reason)) {
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
        try {
            s.sendPing();
        } catch (WebsocketNotConnectedException e) {
            log.debug("Ping skipped: socket already closing");
        }
        pingTimer = loop.schedule(() -> ping(s), settings.pingInterval());
    }

    private void checkSilence(AttemptSocket s) {
        if (s != socket) {
            return;
        }
        long silentMillis = clock.millis() - lastFrameMillis;
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
        if (!queue.isEmpty()) {
            log.info("Discarding {} queued realtime messages on disconnect", queue.size());
        }
        queue.clear();
        List<CompletableFuture<JsonObject>> waiting = new ArrayList<>(pendingRequests.values());
        pendingRequests.clear();
        waiting.forEach(f -> f.completeExceptionally(
                new CancellationException("realtime connection closed by disconnect()")));
        if (wasActive) {
            log.info("Realtime connection closed on request");
        }
        publish();
    }

    private void deliver(Outgoing message) {
        AttemptSocket s = socket;
        if (state == ConnectionState.CONNECTED && s != null) {
            try {
                s.send(message.text);
                return;
            } catch (WebsocketNotConnectedException e) {
                log.debug("Socket closed under a send; queueing '{}'", message.event);
            }
        }
        enqueue(message);
        publish();
    }

    private void enqueue(Outgoing message) {
        if (queue.size() >= settings.outgoingQueueCapacity()) {
            Outgoing dropped = queue.pollFirst();
            droppedOutgoing++;
            warnings.warn("queue-full", "Outgoing realtime queue full ({} messages); dropped the oldest ('{}')",
                    settings.outgoingQueueCapacity(), dropped.event);
            if (dropped.requestId != null) {
                CompletableFuture<JsonObject> future = pendingRequests.remove(dropped.requestId);
                if (future != null) {
                    future.completeExceptionally(new IllegalStateException("request '" + dropped.event
                            + "' dropped: outgoing queue full while offline"));
                }
            }
        }
        queue.addLast(message);
    }

    /** Subscriptions first, so the server knows what to send before the queued messages are answered. */
    private void flush(AttemptSocket s) {
        try {
            for (String subscription : subscriptions.values()) {
                s.send(subscription);
            }
            int flushed = 0;
            while (!queue.isEmpty()) {
                s.send(queue.peekFirst().text);
                queue.pollFirst();
                flushed++;
            }
            if (flushed > 0) {
                log.info("Sent {} queued realtime messages", flushed);
            }
        } catch (WebsocketNotConnectedException e) {
            log.debug("Socket closed during flush; {} messages stay queued", queue.size());
        }
    }

    private void writeQuietly(String text) {
        AttemptSocket s = socket;
        if (s == null) {
            return;
        }
        try {
            s.send(text);
        } catch (WebsocketNotConnectedException e) {
            log.debug("Socket closed under a subscription change; it is re-sent after the reconnect");
        }
    }

    private void publish() {
        view = new LoopView(state, attempt, nextRetryAt, queue.size(), droppedOutgoing, connects, reconnects,
                baseUrl == null ? null : UrlRedaction.redact(withToken(baseUrl, token)),
                UrlRedaction.redact(lastError));
        ConnectionStatus snapshot = status();
        if (snapshot.equals(lastPublished)) {
            return;
        }
        lastPublished = snapshot;
        for (Consumer<ConnectionStatus> listener : statusListeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                log.warn("Connection status listener failed", e);
            }
        }
    }

    private void cancelConnectionTimers() {
        cancel(connectTimer);
        cancel(pingTimer);
        cancel(silenceTimer);
        cancel(stableTimer);
        connectTimer = null;
        pingTimer = null;
        silenceTimer = null;
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

    // ---------------------------------------------------------------- incoming frames (read thread)

    private void frameArrived() {
        lastFrameMillis = clock.millis();
    }

    private void textArrived(String text) {
        long receivedAt = System.nanoTime();
        frameArrived();
        JsonElement root;
        try {
            // Not JsonParser: it is always lenient and would accept {event:'x'} or a bare word as JSON.
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            root = jsonReader.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("trailing data after the JSON value");
            }
        } catch (IOException | JsonParseException | IllegalStateException e) {
            nonJsonFrames.incrementAndGet();
            warnings.warn("non-json", "Ignored a realtime frame that is not JSON: {}", preview(text));
            requestLivePublish();
            return;
        }
        JsonElement eventElement = root.isJsonObject() ? root.getAsJsonObject().get("event") : null;
        if (!(eventElement instanceof JsonPrimitive primitive) || !primitive.isString()
                || primitive.getAsString().isBlank()) {
            eventlessFrames.incrementAndGet();
            warnings.warn("no-event", "Ignored a realtime frame without a string 'event': {}", preview(text));
            requestLivePublish();
            return;
        }
        String event = primitive.getAsString();
        JsonElement data = root.getAsJsonObject().get("data");
        if (data == null) {
            data = JsonNull.INSTANCE;
        }
        lastMessageAt = clock.instant();
        if (ACK_EVENT.equals(event)) {
            ackArrived(data, text);
        } else {
            dispatch(event, data, receivedAt);
        }
        requestLivePublish();
    }

    private void ackArrived(JsonElement data, String text) {
        JsonElement id = data.isJsonObject() ? data.getAsJsonObject().get("id") : null;
        if (!(id instanceof JsonPrimitive primitive) || primitive.isBoolean()) {
            eventlessFrames.incrementAndGet();
            warnings.warn("ack-without-id", "Ignored an ack without data.id: {}", preview(text));
            return;
        }
        CompletableFuture<JsonObject> future = pendingRequests.remove(primitive.getAsString());
        if (future == null) {
            log.debug("Ack for unknown or expired request {}", primitive.getAsString());
            return;
        }
        future.complete(data.getAsJsonObject());
    }

    private void dispatch(String event, JsonElement data, long receivedAt) {
        List<RealtimeEventHandler> list = handlers.getOrDefault(event, new CopyOnWriteArrayList<>());
        if (list.isEmpty()) {
            unknownEvents.incrementAndGet();
            warnings.warn("unknown-event", "Ignored realtime event '{}': no handler registered",
                    preview(event));
            return;
        }
        for (RealtimeEventHandler handler : list) {
            try {
                handler.onEvent(event, data, receivedAt);
            } catch (RuntimeException e) {
                handlerFailures.incrementAndGet();
                warnings.warn("handler-" + event, "Handler for realtime event '{}' failed: {}", event, e.toString());
            }
        }
    }

    private void binaryArrived(ByteBuffer bytes) {
        frameArrived();
        binaryFrames.incrementAndGet();
        warnings.warn("binary", "Ignored a binary realtime frame of {} bytes (the protocol is JSON text)",
                bytes.remaining());
        requestLivePublish();
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

    /** The URL with {@code token=<url-encoded jwt>} as its only token parameter. */
    static URI withToken(URI base, String token) {
        String kept = base.getRawQuery() == null ? "" : String.join("&",
                java.util.Arrays.stream(base.getRawQuery().split("&"))
                        .filter(p -> !p.isEmpty() && !p.toLowerCase(java.util.Locale.ROOT).startsWith("token="))
                        .toList());
        String query = kept;
        if (token != null && !token.isBlank()) {
            query = (kept.isEmpty() ? "" : kept + "&") + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        }
        // Java-WebSocket only turns on TLS for the exact scheme "wss".
        String scheme = base.getScheme().toLowerCase(java.util.Locale.ROOT);
        StringBuilder url = new StringBuilder().append(scheme).append("://").append(base.getRawAuthority());
        if (base.getRawPath() != null) {
            url.append(base.getRawPath());
        }
        if (!query.isEmpty()) {
            url.append('?').append(query);
        }
        return URI.create(url.toString());
    }

    static boolean isAuthRefusal(int code, String reason) {
        if (code == CLOSE_UNAUTHORIZED || code == CLOSE_FORBIDDEN) {
            return true;
        }
        if (code != CloseFrame.PROTOCOL_ERROR || reason == null) {
            return false;
        }
        Matcher matcher = REFUSED_HANDSHAKE.matcher(reason);
        return matcher.find() && (matcher.group(1).equals("401") || matcher.group(1).equals("403"));
    }

    private static String describeClose(int code, String reason, boolean remote) {
        String who = remote ? "server" : "client";
        String text = reason == null || reason.isBlank() ? "" : ": " + reason;
        return UrlRedaction.redact("closed by " + who + " with code " + code + text);
    }

    private static String channelOf(String event) {
        requireEvent(event);
        if (event.endsWith(":subscribe")) {
            return event.substring(0, event.length() - ":subscribe".length());
        }
        if (event.endsWith(":unsubscribe")) {
            return event.substring(0, event.length() - ":unsubscribe".length());
        }
        return event;
    }

    private static void requireEvent(String event) {
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("event name must not be blank");
        }
    }

    private JsonElement toJson(Object data) {
        if (data instanceof JsonElement element) {
            return element;
        }
        return data == null ? JsonNull.INSTANCE : gson.toJsonTree(data);
    }

    private String envelope(String event, JsonElement data, String id) {
        JsonObject envelope = new JsonObject();
        envelope.addProperty("event", event);
        envelope.add("data", data);
        if (id != null) {
            envelope.addProperty("id", id);
        }
        return gson.toJson(envelope);
    }

    private static String preview(String text) {
        String shortened = text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "...";
        return UrlRedaction.redact(shortened.replaceAll("\\p{Cntrl}", "?"));
    }

    /** A message waiting for a connection; {@code requestId} is set for {@link #request}. */
    private record Outgoing(String event, String text, String requestId) {
    }

    /** The part of {@link ConnectionStatus} the loop owns. */
    private record LoopView(ConnectionState state, int attempt, Instant nextRetryAt, int queued, long dropped,
                            long connects, long reconnects, String redactedUrl, String lastError) {
    }

    /** One connection attempt; its callbacks only post to the loop or parse frames. */
    private final class AttemptSocket extends WebSocketClient {

        final long generation;

        AttemptSocket(URI uri, long generation) {
            super(uri, new Draft_6455(Collections.emptyList(), settings.maxFrameBytes()), Map.of(),
                    (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
            this.generation = generation;
            setConnectionLostTimeout(0); // the heartbeat above replaces the library's own
            setDaemon(true);
            setTcpNoDelay(true);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            frameArrived();
            loop.execute(() -> opened(this));
        }

        @Override
        public void onMessage(String message) {
            if (this == socket) {
                textArrived(message);
            }
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            if (this == socket) {
                binaryArrived(bytes);
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            loop.execute(() -> closed(this, code, reason, remote));
        }

        @Override
        public void onError(Exception error) {
            loop.execute(() -> failed(this, error));
        }

        @Override
        public void onWebsocketPing(WebSocket connection, Framedata frame) {
            frameArrived();
            super.onWebsocketPing(connection, frame);
        }

        @Override
        public void onWebsocketPong(WebSocket connection, Framedata frame) {
            frameArrived();
        }

        @Override
        protected void onSetSSLParameters(SSLParameters parameters) {
            super.onSetSSLParameters(parameters);
            // wss:// must check that the certificate belongs to the host (the JDK trust store decides the CA).
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
    }
}
