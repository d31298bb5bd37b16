package com.flowcrm.realtime;

import com.google.gson.JsonElement;
import java.util.Objects;
import java.util.function.BiFunction;

/** Receives one server event; runs on the socket read thread, so it must only hand the data on. */
@FunctionalInterface
public interface RealtimeEventHandler {

    /**
     * @param event           the envelope's {@code event}
     * @param data            the envelope's {@code data} ({@code JsonNull} when absent)
     * @param receivedAtNanos {@link System#nanoTime()} when the frame was read, for latency measurements
     */
    void onEvent(String event, JsonElement data, long receivedAtNanos);

    /**
     * A handler that turns each event's data into a value with {@code reader} on the read thread and hands the
     * value on, so a caller can connect a reader of its choice to the socket without handling JSON itself.
     */
    static <T> RealtimeEventHandler reading(BiFunction<String, JsonElement, T> reader, ReadEvents<T> sink) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sink, "sink");
        return (event, data, receivedAtNanos) -> sink.accept(event, reader.apply(event, data), receivedAtNanos);
    }

    /** Where {@link #reading} hands what it read; on the read thread. */
    @FunctionalInterface
    interface ReadEvents<T> {
        void accept(String event, T value, long receivedAtNanos);
    }
}
