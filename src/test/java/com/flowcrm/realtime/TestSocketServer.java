package com.flowcrm.realtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A real Java-WebSocket server on 127.0.0.1 that records what the client does and misbehaves on request (the store's
 * session tests use it too).
 */
public final class TestSocketServer extends WebSocketServer {

    final List<String> handshakePaths = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
    public final AtomicInteger handshakes = new AtomicInteger();
    public final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger pings = new AtomicInteger();
    public volatile boolean acceptHandshakes = true;
    volatile boolean answerPings = true;
    volatile boolean ackRequests = true;
    /** When set, connections whose query lacks this token are closed with 4001 right after opening. */
    public volatile String requiredToken;
    private final CountDownLatch started = new CountDownLatch(1);

    private TestSocketServer(int port) {
        super(new InetSocketAddress("127.0.0.1", port));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
        setDaemon(true);
    }

    public static TestSocketServer launch() {
        return launch(0);
    }

    static TestSocketServer launch(int port) {
        return begin(new TestSocketServer(port));
    }

    /** A wss:// server presenting the certificate of the given context. */
    static TestSocketServer launchTls(javax.net.ssl.SSLContext tls) {
        TestSocketServer server = new TestSocketServer(0);
        server.setWebSocketFactory(new org.java_websocket.server.DefaultSSLWebSocketServerFactory(tls));
        return begin(server);
    }

    private static TestSocketServer begin(TestSocketServer server) {
        server.start();
        try {
            if (!server.started.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return server;
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + getPort());
    }

    public void sendToAll(String text) {
        broadcast(text);
    }

    void sendBinaryToAll(byte[] bytes) {
        broadcast(bytes);
    }

    void dropAll(int code) {
        getConnections().forEach(connection -> connection.close(code, "dropped by test"));
    }

    public void stopNow() {
        try {
            stop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next text the client sent, waiting up to 5 s. */
    String nextReceived() throws InterruptedException {
        String text = received.poll(5, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("the client sent nothing within 5 s");
        }
        return text;
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket connection, Draft draft,
                                                                      ClientHandshake request)
            throws InvalidDataException {
        handshakes.incrementAndGet();
        handshakePaths.add(request.getResourceDescriptor());
        if (!acceptHandshakes) {
            // Java-WebSocket 1.6.0 answers any InvalidDataException here with HTTP 404 (it cannot send a 401).
            throw new InvalidDataException(500, "not accepting connections");
        }
        return super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        opens.incrementAndGet();
        String required = requiredToken;
        if (required != null && !handshake.getResourceDescriptor().contains("token=" + required)) {
            connection.close(CloseReasons.UNAUTHORIZED, "token expired");
        }
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        received.add(message);
        if (!ackRequests) {
            return;
        }
        JsonElement root = JsonParser.parseString(message);
        if (root.isJsonObject() && root.getAsJsonObject().has("id")) {
            JsonObject data = new JsonObject();
            data.add("id", root.getAsJsonObject().get("id"));
            data.addProperty("ok", true);
            JsonObject ack = new JsonObject();
            ack.addProperty("event", FrameCodec.ACK_EVENT);
            ack.add("data", data);
            connection.send(ack.toString());
        }
    }

    @Override
    public void onMessage(WebSocket connection, ByteBuffer message) {
        received.add("<binary>");
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        closeCodes.add(code);
    }

    @Override
    public void onError(WebSocket connection, Exception error) {
        // Errors show up as closes in the assertions; nothing else to record.
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onWebsocketPing(WebSocket connection, Framedata frame) {
        pings.incrementAndGet();
        if (answerPings) {
            super.onWebsocketPing(connection, frame);
        }
    }
}
