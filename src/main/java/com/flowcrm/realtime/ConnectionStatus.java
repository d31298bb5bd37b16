package com.flowcrm.realtime;

import java.time.Instant;

/**
 * Immutable snapshot of the connection for the UI and for diagnostics.
 *
 * @param state           where the connection is
 * @param attempt         current reconnect attempt (0 when none), counting up to {@code maxAttempts}
 * @param maxAttempts     fast attempts before going OFFLINE
 * @param nextRetryAt     when the next automatic attempt starts, or null when none is scheduled
 * @param lastMessageAt   when the last event frame arrived, or null before the first one
 * @param queuedOutgoing  messages waiting for the next connect
 * @param droppedOutgoing messages dropped because the outgoing queue was full
 * @param connects        successful opens (first connect and reconnects)
 * @param reconnects      successful opens after the first one (each one fired a resync signal)
 * @param malformedFrames frames that were not JSON, had no {@code event}, were binary or were acks without id
 * @param unknownEvents   well-formed events nobody had a handler for
 * @param redactedUrl     the URL in use with {@code token=***}, or null before the first connect
 * @param lastError       why the last connection ended or failed (redacted), or null
 * @param nonJsonFrames   text frames that were not JSON
 * @param eventlessFrames JSON frames without a string {@code event} (including acks without id)
 * @param binaryFrames    binary frames (the protocol is text only)
 * @param oversizedFrames frames over the size limit (each one closed the connection with 1009)
 * @param handlerFailures exceptions thrown by event handlers
 */
public record ConnectionStatus(ConnectionState state, int attempt, int maxAttempts, Instant nextRetryAt,
                               Instant lastMessageAt, int queuedOutgoing, long droppedOutgoing, long connects,
                               long reconnects, long malformedFrames, long unknownEvents, String redactedUrl,
                               String lastError, long nonJsonFrames, long eventlessFrames, long binaryFrames,
                               long oversizedFrames, long handlerFailures) {

    /** The snapshot without the per-kind breakdown of bad input (for fakes in other packages' tests). */
    public ConnectionStatus(ConnectionState state, int attempt, int maxAttempts, Instant nextRetryAt,
                            Instant lastMessageAt, int queuedOutgoing, long droppedOutgoing, long connects,
                            long reconnects, long malformedFrames, long unknownEvents, String redactedUrl,
                            String lastError) {
        this(state, attempt, maxAttempts, nextRetryAt, lastMessageAt, queuedOutgoing, droppedOutgoing, connects,
                reconnects, malformedFrames, unknownEvents, redactedUrl, lastError, 0, 0, 0, 0, 0);
    }

    public ConnectionStatus {
        if (state == null) {
            throw new IllegalArgumentException("state must not be null");
        }
    }

    /** True when events flow. */
    public boolean isConnected() {
        return state == ConnectionState.CONNECTED;
    }

    /** One line for a status bar or a log, e.g. "reconnecting (attempt 2 of 5)". */
    public String summary() {
        return switch (state) {
            case CONNECTING -> "connecting";
            case CONNECTED -> "connected";
            case RECONNECTING -> "reconnecting (attempt " + attempt + " of " + maxAttempts + ")";
            case OFFLINE -> "offline";
            case AUTH_REQUIRED -> "sign-in required";
            case DISCONNECTED -> "disconnected";
        };
    }
}
