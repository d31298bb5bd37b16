package com.flowcrm.store;

import com.flowcrm.common.WarningThrottle;
import com.flowcrm.realtime.FrameCodec;
import com.flowcrm.realtime.RealtimeEventHandler;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Feeds live events to a root store the way the session's socket does: whole frames are read by the realtime
 * client's {@link FrameCodec}, and every event goes through the session's handler ({@link LiveUpdates}), which maps
 * it on this thread and hands it to the store.
 */
final class LiveFrames {
    private final RealtimeEventHandler handler;
    /** Made when the first whole frame comes: most tests send events only, and a codec holds a Gson. */
    private FrameCodec codec;
    private final FrameCodec.Listener toHandler = new FrameCodec.Listener() {
        @Override
        public void event(String event, JsonElement data, long seq, long prev, long receivedAtNanos) {
            handler.onEvent(event, data, seq, prev, receivedAtNanos);
        }

        @Override
        public void ack(String requestId, JsonObject data) {
            throw new AssertionError("the store tests send no requests");
        }
    };

    LiveFrames(RootStore root) {
        this.handler = LiveUpdates.eventHandler(root);
    }

    /** One event as the socket hands it on: its name and its data. */
    void send(String event, JsonElement data) {
        handler.onEvent(event, data, System.nanoTime());
    }

    /** One event of the server's change log as the socket hands it on: with its seq and the prev seq before it. */
    void send(String event, JsonElement data, long seq, long prev) {
        handler.onEvent(event, data, seq, prev, System.nanoTime());
    }

    /** One frame as text, read like the client reads it; a frame the client refuses never reaches the store. */
    void frame(String text) {
        if (codec == null) {
            codec = new FrameCodec(new WarningThrottle(LoggerFactory.getLogger(LiveFrames.class), Clock.systemUTC(),
                    Duration.ofSeconds(60)));
        }
        codec.decode(text, System.nanoTime(), toHandler);
    }

    /** Frames the reader refused: not JSON, or without an event name. */
    long refusedFrames() {
        return codec == null ? 0 : codec.nonJsonFrames() + codec.eventlessFrames();
    }
}
