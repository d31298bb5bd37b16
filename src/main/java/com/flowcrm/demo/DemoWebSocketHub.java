package com.flowcrm.demo;

import com.flowcrm.common.WarningThrottle;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticated WebSocket endpoint: {@code ?token=} checked at the handshake; logged changes go out as
 * {@code {event, data, seq, prev}} frames, other broadcasts as {@code {event, data}}.
 */
final class DemoWebSocketHub extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWebSocketHub.class);
    /** Larger client frames close the connection with 1009; the protocol's messages are a few hundred bytes. */
    static final int MAX_FRAME_BYTES = 1024 * 1024;
    private static final int START_TIMEOUT_SECONDS = 10;
    private static final int STOP_TIMEOUT_MILLIS = 2_000;
    private static final String UNAUTHORIZED_RESPONSE = "HTTP/1.1 401 Unauthorized\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\nConnection: close\r\n\r\nUnauthorized\n";

    /** What the server keeps per connection: whose it is and which channels it subscribed to. */
    record ClientSession(String userId, String sessionId, Set<String> subscriptions) {
    }

    private final DemoTokens tokens;
    private static final String HANDSHAKE_401 = "Refused WebSocket handshake (401)";
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);
    private final WarningThrottle warnings;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    DemoWebSocketHub(String host, int port, DemoTokens tokens, Clock clock) {
        super(new InetSocketAddress(host, port), List.of(new Draft_6455(List.of(), List.of(new Protocol("")),
                MAX_FRAME_BYTES)));
        this.tokens = tokens;
        this.warnings = new WarningThrottle(LOG, clock, WARN_INTERVAL);
        setReuseAddr(true);
        setDaemon(true);
    }

    /** Starts and waits until the port is bound, so {@link #getPort()} reports the real port. */
    void startAndAwait() {
        start();
        try {
            if (!started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("WebSocket server did not start within " + START_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the WebSocket server", e);
        }
        if (startFailure != null) {
            throw new IllegalStateException("WebSocket server could not bind " + getAddress() + ": "
                    + startFailure.getMessage(), startFailure);
        }
    }

    void stopAndAwait() {
        try {
            stop(STOP_TIMEOUT_MILLIS, "server shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        Optional<DemoTokens.Principal> principal = tokens.verify(tokenOf(request.getResourceDescriptor()));
        if (principal.isEmpty()) {
            warnings.warn(HANDSHAKE_401, "{}: missing, invalid or expired token from {}", HANDSHAKE_401,
                    conn.getRemoteSocketAddress());
            refuseUnauthorized(conn);
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unauthorized");
        }
        conn.setAttachment(new ClientSession(principal.get().userId(), principal.get().sessionId(),
                ConcurrentHashMap.newKeySet()));
        return response;
    }

    /**
     * Java-WebSocket answers a refused handshake with its own 404; queueing a real 401 first makes the client
     * see 401 (the library's reply follows on a connection the client already gave up).
     */
    private static void refuseUnauthorized(WebSocket conn) {
        if (conn instanceof WebSocketImpl impl) {
            impl.outQueue.add(ByteBuffer.wrap(UNAUTHORIZED_RESPONSE.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    static String tokenOf(String resourceDescriptor) {
        if (resourceDescriptor == null) {
            return null;
        }
        try {
            String query = new URI(resourceDescriptor).getRawQuery();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=")) {
                    return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        LOG.debug("WebSocket client {} connected", conn.getRemoteSocketAddress());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        ClientSession session = conn.getAttachment();
        if (session != null) {
            session.subscriptions().clear();
        }
        conn.setAttachment(null);
        LOG.debug("WebSocket client {} disconnected ({})", conn.getRemoteSocketAddress(), code);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonObject envelope;
        try {
            JsonElement parsed = JsonParser.parseString(message);
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("event")
                    || !parsed.getAsJsonObject().get("event").isJsonPrimitive()) {
                warnings.warn("no-event", "Ignored WebSocket message without event: {}", abbreviate(message));
                return;
            }
            envelope = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            warnings.warn("not-json", "Ignored WebSocket message that is not JSON: {}", abbreviate(message));
            return;
        }
        String event = envelope.get("event").getAsString();
        JsonElement data = envelope.get("data");
        ClientSession session = conn.getAttachment();
        if (session != null) {
            trackSubscription(session, event, data);
        }
        JsonElement id = envelope.get("id");
        if (id != null && !id.isJsonNull()) {
            JsonObject ack = new JsonObject();
            ack.add("id", id);
            ack.addProperty("ok", true);
            sendTo(conn, envelope("ack", ack));
        }
    }

    private static void trackSubscription(ClientSession session, String event, JsonElement data) {
        String dataKey = data == null || data.isJsonNull() ? "" : DemoJson.GSON.toJson(data);
        if (event.endsWith(":subscribe")) {
            session.subscriptions().add(event.substring(0, event.length() - ":subscribe".length()) + dataKey);
        } else if (event.endsWith(":unsubscribe")) {
            session.subscriptions().remove(event.substring(0, event.length() - ":unsubscribe".length()) + dataKey);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        warnings.warn("binary", "Ignored binary WebSocket frame: {} bytes", message.remaining());
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startFailure = ex;
            started.countDown();
            LOG.error("WebSocket server error", ex);
        } else {
            LOG.debug("WebSocket error on {}: {}", conn.getRemoteSocketAddress(), ex.toString());
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    static String envelope(String event, JsonElement data) {
        JsonObject envelope = new JsonObject();
        envelope.addProperty("event", event);
        envelope.add("data", data);
        return DemoJson.GSON.toJson(envelope);
    }

    /** Sends to every open connection, or only to those of {@code recipientUserId} when it is not null. */
    void broadcast(String event, JsonElement data, String recipientUserId) {
        String text = envelope(event, data);
        for (WebSocket conn : getConnections()) {
            ClientSession session = conn.getAttachment();
            if (session != null && (recipientUserId == null || recipientUserId.equals(session.userId()))) {
                sendTo(conn, text);
            }
        }
    }

    /**
     * Sends a logged change to every open connection whose user may see it; {@code frameFor} builds the frame of
     * one user (its {@code prev} differs per user) and is asked once per user.
     */
    void broadcastChange(ChangeEntry entry, java.util.function.Function<String, String> frameFor) {
        java.util.Map<String, String> frames = new java.util.HashMap<>(4);
        for (WebSocket conn : getConnections()) {
            ClientSession session = conn.getAttachment();
            if (session != null && entry.visibleTo(session.userId())) {
                sendTo(conn, frames.computeIfAbsent(session.userId(), frameFor));
            }
        }
    }

    private static void sendTo(WebSocket conn, String text) {
        try {
            conn.send(text);
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("Skipped a client that disconnected meanwhile");
        }
    }

    /** Closes every client socket without a close handshake, as a network failure would. */
    void dropAllConnections() {
        for (WebSocket conn : getConnections()) {
            conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped");
        }
    }

    int openConnections() {
        return (int) getConnections().stream().filter(WebSocket::isOpen).count();
    }

    /** Subscriptions of every open connection of one user (for tests and diagnostics). */
    Set<String> subscriptionsOf(String userId) {
        Set<String> all = new java.util.TreeSet<>();
        for (WebSocket conn : getConnections()) {
            ClientSession session = conn.getAttachment();
            if (session != null && session.userId().equals(userId)) {
                all.addAll(session.subscriptions());
            }
        }
        return all;
    }

    long rejectedCount(String kind) {
        return warnings.count(kind);
    }
}
