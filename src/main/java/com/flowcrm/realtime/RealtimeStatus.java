package com.flowcrm.realtime;

import java.time.Instant;
import java.util.Objects;

/**
 * What the realtime client reports about its connection, for the session (which projects it for the indicator)
 * and for diagnostics: where the connection is, when it retries, what flowed, and what bad input it refused.
 * Immutable.
 *
 * @param state       where the connection is
 * @param retry       the reconnect attempt and when the next one starts
 * @param traffic     when the last event arrived, what waits to be sent, how often it connected
 * @param badInput    what the client refused to read, by kind
 * @param redactedUrl the URL in use with {@code token=***}, or null before the first connect
 * @param lastError   why the last connection ended or failed (redacted), or null
 */
public record RealtimeStatus(ConnectionState state, Retry retry, Traffic traffic, BadInput badInput,
                             String redactedUrl, String lastError) {

    /** Nothing happened yet: disconnected, no attempts, nothing counted. */
    public static final RealtimeStatus INITIAL = new RealtimeStatus(ConnectionState.DISCONNECTED,
            new Retry(0, 0, null), Traffic.NONE, BadInput.NONE, null, null);

    public RealtimeStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(badInput, "badInput");
    }

    /**
     * @param attempt     current reconnect attempt (0 when none), counting up to {@code maxAttempts}
     * @param maxAttempts fast attempts before going OFFLINE
     * @param nextRetryAt when the next automatic attempt starts, or null when none is scheduled
     */
    public record Retry(int attempt, int maxAttempts, Instant nextRetryAt) {
    }

    /**
     * @param lastMessageAt   when the last event frame arrived, or null before the first one
     * @param queuedOutgoing  messages waiting for the next connect
     * @param droppedOutgoing messages dropped because the outgoing queue was full
     * @param connects        successful opens (first connect and reconnects)
     * @param reconnects      successful opens after the first one (each one fired a resync signal)
     */
    public record Traffic(Instant lastMessageAt, int queuedOutgoing, long droppedOutgoing, long connects,
                          long reconnects) {
        public static final Traffic NONE = new Traffic(null, 0, 0, 0, 0);
    }

    /**
     * @param nonJsonFrames   text frames that were not JSON
     * @param eventlessFrames JSON frames without a string {@code event} (including acks without id)
     * @param binaryFrames    binary frames (the protocol is text only)
     * @param oversizedFrames frames over the size limit (each one closed the connection with 1009)
     * @param unknownEvents   well-formed events nobody had a handler for
     * @param handlerFailures exceptions thrown by event handlers
     */
    public record BadInput(long nonJsonFrames, long eventlessFrames, long binaryFrames, long oversizedFrames,
                           long unknownEvents, long handlerFailures) {
        public static final BadInput NONE = new BadInput(0, 0, 0, 0, 0, 0);

        /** Frames that were not JSON, had no {@code event}, were binary or were acks without id. */
        public long malformedFrames() {
            return nonJsonFrames + eventlessFrames + binaryFrames;
        }
    }

    /** True when events flow. */
    public boolean isConnected() {
        return state == ConnectionState.CONNECTED;
    }

    /** True while an attempt is scheduled (reconnecting or offline): what {@code retryNow()} can bring forward. */
    public boolean isWaitingToRetry() {
        return (state == ConnectionState.RECONNECTING || state == ConnectionState.OFFLINE) && retry.nextRetryAt() != null;
    }

    /** One line for a status bar or a log, e.g. "reconnecting (attempt 2 of 5)". */
    public String summary() {
        return switch (state) {
            case CONNECTING -> "connecting";
            case CONNECTED -> "connected";
            case RECONNECTING -> "reconnecting (attempt " + retry.attempt() + " of " + retry.maxAttempts() + ")";
            case OFFLINE -> "offline";
            case AUTH_REQUIRED -> "sign-in required";
            case DISCONNECTED -> "disconnected";
        };
    }
}
