package com.flowcrm.realtime;

import com.google.gson.JsonElement;

/** Receives one server event; runs on the socket read thread, so it must only hand the data on. */
@FunctionalInterface
public interface RealtimeEventHandler {

    /**
     * @param event           the envelope's {@code event}
     * @param data            the envelope's {@code data} ({@code JsonNull} when absent)
     * @param receivedAtNanos {@link System#nanoTime()} when the frame was read, for latency measurements
     */
    void onEvent(String event, JsonElement data, long receivedAtNanos);
}
