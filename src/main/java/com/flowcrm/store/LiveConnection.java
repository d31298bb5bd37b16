package com.flowcrm.store;

import java.time.Instant;

/** What the connection indicator shows: the live connection's phase, timings and counters. Immutable. */
public record LiveConnection(
        Phase phase,
        int attempt,
        int maxAttempts,
        Instant nextRetryAt,
        Instant lastMessageAt,
        int queuedOutgoing,
        long eventsApplied,
        long eventsRejected,
        Instant lastResyncAt,
        String server,
        String lastError) {

    /** The phases a rep can tell apart. */
    public enum Phase { CONNECTING, LIVE, RECONNECTING, OFFLINE, SESSION_EXPIRED, DISCONNECTED }

    public static final LiveConnection DISCONNECTED =
            new LiveConnection(Phase.DISCONNECTED, 0, 0, null, null, 0, 0, 0, null, "", null);

    /** The session ended: nothing is retried until the rep signs in again. */
    public static LiveConnection sessionExpired(String server, String reason) {
        return new LiveConnection(Phase.SESSION_EXPIRED, 0, 0, null, null, 0, 0, 0, null, server, reason);
    }
}
