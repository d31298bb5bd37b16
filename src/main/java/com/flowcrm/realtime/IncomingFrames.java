package com.flowcrm.realtime;

import com.flowcrm.common.WarningThrottle;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read thread's side of the client: the frames of the current attempt are decoded, events handed to their
 * handlers and acks to their requests; it notes when anything last arrived (for the heartbeat and the status) and
 * counts binary frames. Never touches the state machine: it only tells the client that the status changed.
 */
final class IncomingFrames implements FrameCodec.Listener {
    private static final Logger log = LoggerFactory.getLogger(IncomingFrames.class);

    private final Clock clock;
    private final FrameCodec codec;
    private final EventHandlers handlers;
    private final OutgoingQueue outgoing;
    private final WarningThrottle warnings;
    private final Runnable statusChanged;
    private final AtomicLong binaryFrames = new AtomicLong();
    private volatile long lastFrameMillis;
    private volatile Instant lastMessageAt;

    IncomingFrames(Clock clock, FrameCodec codec, EventHandlers handlers, OutgoingQueue outgoing,
            WarningThrottle warnings, Runnable statusChanged) {
        this.clock = clock;
        this.codec = codec;
        this.handlers = handlers;
        this.outgoing = outgoing;
        this.warnings = warnings;
        this.statusChanged = statusChanged;
    }

    /** Any sign of life from the server (a frame, a ping, a pong, the open itself) resets the silence timer. */
    void signOfLife() {
        lastFrameMillis = clock.millis();
    }

    /** One text frame of the current attempt. */
    void text(String text) {
        long receivedAt = System.nanoTime();
        signOfLife();
        codec.decode(text, receivedAt, this);
        statusChanged.run();
    }

    /** One binary frame of the current attempt: the protocol is text, so it is only counted. */
    void binary(ByteBuffer bytes) {
        signOfLife();
        binaryFrames.incrementAndGet();
        warnings.warn("binary", "Ignored a binary realtime frame of {} bytes (the protocol is JSON text)",
                bytes.remaining());
        statusChanged.run();
    }

    @Override
    public void event(String event, JsonElement data, long seq, long prev, long receivedAtNanos) {
        lastMessageAt = clock.instant();
        handlers.dispatch(event, data, seq, prev, receivedAtNanos);
    }

    @Override
    public void ack(String requestId, JsonObject data) {
        lastMessageAt = clock.instant();
        if (!outgoing.acknowledge(requestId, data)) {
            log.debug("Ack for unknown or expired request {}", requestId);
        }
    }

    /** {@link Clock#millis()} of the last sign of life. */
    long lastFrameMillis() {
        return lastFrameMillis;
    }

    /** When the last event or ack arrived, or null before the first one. */
    Instant lastMessageAt() {
        return lastMessageAt;
    }

    /** What was refused so far, with the oversized frames the client counted when it closed for them. */
    RealtimeStatus.BadInput badInput(long oversizedFrames) {
        return new RealtimeStatus.BadInput(codec.nonJsonFrames(), codec.eventlessFrames(), binaryFrames.get(),
                oversizedFrames, handlers.unknownEvents(), handlers.handlerFailures());
    }
}
