package com.flowcrm.demo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/** A plain Java-WebSocket client that records every {event, data} it receives and how it closed. */
final class EventRecorder extends WebSocketClient {
    final List<JsonObject> messages = new CopyOnWriteArrayList<>();
    final AtomicBoolean opened = new AtomicBoolean();
    final AtomicInteger pongs = new AtomicInteger();
    final AtomicReference<String> closeReason = new AtomicReference<>();
    volatile int closeCode;

    EventRecorder(String wsUrl, String token) {
        super(URI.create(token == null ? wsUrl : wsUrl + "?token=" + token));
    }

    /** Connects and returns whether the connection opened (false when the handshake was refused). */
    boolean connectAndWait() throws InterruptedException {
        return connectBlocking(5, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        opened.set(true);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata frame) {
        pongs.incrementAndGet();
        super.onWebsocketPong(conn, frame);
    }

    @Override
    public void onMessage(String message) {
        messages.add(JsonParser.parseString(message).getAsJsonObject());
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closeReason.set(reason);
    }

    @Override
    public void onError(Exception ex) {
        // onClose follows and carries what the tests check
    }

    List<JsonObject> events(String event) {
        return messages.stream().filter(m -> m.get("event").getAsString().equals(event)).toList();
    }
}
