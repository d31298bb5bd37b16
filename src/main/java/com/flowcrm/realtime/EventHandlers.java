package com.flowcrm.realtime;

import com.flowcrm.common.WarningThrottle;
import com.google.gson.JsonElement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who listens to which event, and handing each event to its handlers on the read thread. An event nobody listens
 * to and a handler that throws are counted and warned about (rate-limited); the next handler and the next event
 * still run. Dispatching allocates nothing.
 */
final class EventHandlers {
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<RealtimeEventHandler>> byEvent =
            new ConcurrentHashMap<>();
    private final WarningThrottle warnings;
    private final AtomicLong unknownEvents = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();

    EventHandlers(WarningThrottle warnings) {
        this.warnings = warnings;
    }

    /** Registers a handler for one event name; the same handler twice is called twice. Any thread. */
    void add(String event, RealtimeEventHandler handler) {
        requireEvent(event);
        Objects.requireNonNull(handler, "handler");
        byEvent.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Removes one registration of the handler. Any thread. */
    void remove(String event, RealtimeEventHandler handler) {
        CopyOnWriteArrayList<RealtimeEventHandler> list = byEvent.get(event);
        if (list != null) {
            list.remove(handler);
        }
    }

    /** Hands an event without a seq to every handler registered for it, in registration order. */
    void dispatch(String event, JsonElement data, long receivedAtNanos) {
        dispatch(event, data, RealtimeEventHandler.NO_SEQ, RealtimeEventHandler.NO_SEQ, receivedAtNanos);
    }

    /** Hands the event, with its place in the change log, to every handler registered for it, in registration order. */
    void dispatch(String event, JsonElement data, long seq, long prev, long receivedAtNanos) {
        List<RealtimeEventHandler> list = byEvent.get(event);
        if (list == null || list.isEmpty()) {
            unknownEvents.incrementAndGet();
            warnings.warn("unknown-event", "Ignored realtime event '{}': no handler registered",
                    FrameCodec.preview(event));
            return;
        }
        for (RealtimeEventHandler handler : list) {
            try {
                handler.onEvent(event, data, seq, prev, receivedAtNanos);
            } catch (RuntimeException e) {
                handlerFailures.incrementAndGet();
                warnings.warn("handler-" + event, "Handler for realtime event '{}' failed: {}", event, e.toString());
            }
        }
    }

    /** Well-formed events nobody had a handler for. */
    long unknownEvents() {
        return unknownEvents.get();
    }

    /** Exceptions thrown by handlers. */
    long handlerFailures() {
        return handlerFailures.get();
    }

    static void requireEvent(String event) {
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("event name must not be blank");
        }
    }
}
