package com.flowcrm.realtime;

import com.google.gson.JsonElement;
import java.util.Objects;
import java.util.function.BiFunction;

/** Receives one server event; runs on the socket read thread, so it must only hand the data on. */
@FunctionalInterface
public interface RealtimeEventHandler {
    /** The {@code seq} or {@code prev} of a frame that carries none (not a change of the server's log). */
    long NO_SEQ = -1;

    /**
     * @param event           the envelope's {@code event}
     * @param data            the envelope's {@code data} ({@code JsonNull} when absent)
     * @param receivedAtNanos {@link System#nanoTime()} when the frame was read, for latency measurements
     */
    void onEvent(String event, JsonElement data, long receivedAtNanos);

    /**
     * The same with the frame's place in the server's change log (issue 13), which the client hands every handler.
     * By default the place is dropped; a handler that keeps the stores in the log's order overrides this.
     *
     * @param seq  the change's seq, or {@link #NO_SEQ} (a frame that is no change, or a server without a change log)
     * @param prev the seq of the previous change this user can see, or {@link #NO_SEQ}
     */
    default void onEvent(String event, JsonElement data, long seq, long prev, long receivedAtNanos) {
        onEvent(event, data, receivedAtNanos);
    }

    /**
     * A handler that turns each event's data into a value with {@code reader} on the read thread and hands the
     * value on with the frame's seq and prev, so a caller can connect a reader of its choice to the socket without
     * handling JSON itself.
     */
    static <T> RealtimeEventHandler reading(BiFunction<String, JsonElement, T> reader, ReadEvents<T> sink) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sink, "sink");
        return new RealtimeEventHandler() {
            @Override
            public void onEvent(String event, JsonElement data, long receivedAtNanos) {
                onEvent(event, data, NO_SEQ, NO_SEQ, receivedAtNanos);
            }

            @Override
            public void onEvent(String event, JsonElement data, long seq, long prev, long receivedAtNanos) {
                sink.accept(event, reader.apply(event, data), seq, prev, receivedAtNanos);
            }
        };
    }

    /** Where {@link #reading} hands what it read; on the read thread. */
    @FunctionalInterface
    interface ReadEvents<T> {
        void accept(String event, T value, long seq, long prev, long receivedAtNanos);
    }
}
