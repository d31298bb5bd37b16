package com.flowcrm.realtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of the client: a message goes out at once when the connection is open and waits in the
 * {@link OutgoingQueue} otherwise; subscriptions are kept in {@link Subscriptions} and, after every connect, sent
 * before the queued messages. Callers on any thread; the sending itself runs on the scheduler thread.
 */
final class OutgoingFrames {
    private static final Logger log = LoggerFactory.getLogger(OutgoingFrames.class);

    private final FrameCodec codec;
    private final OutgoingQueue queue;
    private final Subscriptions subscriptions = new Subscriptions();
    private final RealtimeScheduler loop;
    private final Consumer<Runnable> onLoop;
    private final Supplier<AttemptSocket> openSocket;
    private final Runnable statusChanged;

    /**
     * @param onLoop        runs a task on the scheduler thread (unless the client is closed)
     * @param openSocket    the socket when the connection is open, else null; read on the scheduler thread
     * @param statusChanged told when the queue grew (the status shows its size)
     */
    OutgoingFrames(FrameCodec codec, OutgoingQueue queue, RealtimeScheduler loop, Consumer<Runnable> onLoop,
            Supplier<AttemptSocket> openSocket, Runnable statusChanged) {
        this.codec = codec;
        this.queue = queue;
        this.loop = loop;
        this.onLoop = onLoop;
        this.openSocket = openSocket;
        this.statusChanged = statusChanged;
    }

    /** {@code {event, data}} now when open, else at the next connect. */
    void send(String event, Object data) {
        EventHandlers.requireEvent(event);
        String text = codec.encode(event, codec.toJson(data), null);
        onLoop.accept(() -> deliver(new OutgoingQueue.Message(event, text, null)));
    }

    /** {@code {event, data, id}}, completed by the server's ack with that id or failed after the timeout. */
    CompletableFuture<JsonObject> request(String event, Object data, Duration timeout) {
        String id = queue.nextRequestId();
        String text = codec.encode(event, codec.toJson(data), id);
        CompletableFuture<JsonObject> future = queue.awaitAck(id, event, timeout, loop);
        onLoop.accept(() -> deliver(new OutgoingQueue.Message(event, text, id)));
        return future;
    }

    /** Sends {@code <channel>:subscribe} or {@code :unsubscribe} when open and remembers (or forgets) it. */
    void changeSubscription(String event, Object data, boolean subscribe) {
        String channel = Subscriptions.channelOf(event);
        JsonElement payload = codec.toJson(data);
        String key = channel + '|' + payload;
        String text = codec.encode(Subscriptions.eventFor(channel, subscribe), payload, null);
        onLoop.accept(() -> {
            boolean changed = subscribe ? subscriptions.add(key, text) : subscriptions.remove(key);
            // An unsubscribe the client never remembered is still sent: the server may know better.
            if (!changed && subscribe) {
                log.debug("Already subscribed to {}", channel);
                return;
            }
            AttemptSocket s = openSocket.get();
            if (s != null) {
                try {
                    s.send(text);
                } catch (WebsocketNotConnectedException e) {
                    log.debug("Socket closed under a subscription change; it is re-sent after the reconnect");
                }
            }
        });
    }

    /** On connect (scheduler thread): subscriptions first, so the server knows what to send, then the queue. */
    void flush(AttemptSocket s) {
        try {
            for (String subscription : subscriptions.frames()) {
                s.send(subscription);
            }
            int flushed = queue.flush(s::send);
            if (flushed > 0) {
                log.info("Sent {} queued realtime messages", flushed);
            }
        } catch (WebsocketNotConnectedException e) {
            log.debug("Socket closed during flush; {} messages stay queued", queue.size());
        }
    }

    private void deliver(OutgoingQueue.Message message) {
        AttemptSocket s = openSocket.get();
        if (s != null) {
            try {
                s.send(message.text());
                return;
            } catch (WebsocketNotConnectedException e) {
                log.debug("Socket closed under a send; queueing '{}'", message.event());
            }
        }
        queue.add(message);
        statusChanged.run();
    }
}
