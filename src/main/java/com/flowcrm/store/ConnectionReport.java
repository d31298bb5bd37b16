package com.flowcrm.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What the session reports about its live connection for the connection indicator: the phase a rep can tell apart,
 * the reconnect schedule, what flowed, the server and the last error. Immutable; built by {@link LiveUpdates}
 * (tests use {@link #builder}).
 *
 * @param phase     where the connection is, in a rep's terms
 * @param retry     the reconnect attempt and when the next one starts
 * @param activity  when the last event arrived, what waits to be sent, what the stores did with the events
 * @param server    the WebSocket URL with its token redacted
 * @param lastError why the last connection ended or failed (redacted), or null
 * @param sync      how a reconnect catches up: from the server's change log, or by reloading everything
 */
public record ConnectionReport(Phase phase, Retry retry, Activity activity, String server, String lastError,
        SyncStatus sync) {

    /** The phases a rep can tell apart. */
    public enum Phase { CONNECTING, LIVE, RECONNECTING, OFFLINE, SESSION_EXPIRED, DISCONNECTED }

    /**
     * @param attempt     current reconnect attempt (0 when none), counting up to {@code maxAttempts}
     * @param maxAttempts fast attempts before going offline
     * @param nextRetryAt when the next automatic attempt starts, or null when none is scheduled
     */
    public record Retry(int attempt, int maxAttempts, Instant nextRetryAt) {
        public static final Retry NONE = new Retry(0, 0, null);
    }

    /**
     * @param lastMessageAt  when the last event arrived, or null
     * @param queuedOutgoing messages waiting for the next connect
     * @param eventsApplied  live events the stores applied
     * @param eventsRejected live events the stores rejected as invalid
     * @param lastResyncAt   when the stores were last reloaded after a reconnect, or null
     */
    public record Activity(Instant lastMessageAt, int queuedOutgoing, long eventsApplied, long eventsRejected,
                           Instant lastResyncAt) {
        public static final Activity NONE = new Activity(null, 0, 0, 0, null);
    }

    public ConnectionReport {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(activity, "activity");
        sync = sync == null ? SyncStatus.UNKNOWN : sync;
    }

    /** Not connected and not signed in. */
    public static final ConnectionReport DISCONNECTED = builder(Phase.DISCONNECTED).server("").build();

    /** The session ended: nothing is retried until the rep signs in again. */
    public static ConnectionReport sessionExpired(String server, String reason) {
        return builder(Phase.SESSION_EXPIRED).server(server).lastError(reason).build();
    }

    public static Builder builder(Phase phase) {
        return new Builder(phase);
    }

    /** Builds a report field by field; what is not set is empty (zero, null). */
    public static final class Builder {
        private final Phase phase;
        private Retry retry = Retry.NONE;
        private Activity activity = Activity.NONE;
        private String server;
        private String lastError;
        private SyncStatus sync = SyncStatus.UNKNOWN;

        private Builder(Phase phase) {
            this.phase = phase;
        }

        public Builder retry(int attempt, int maxAttempts, Instant nextRetryAt) {
            retry = new Retry(attempt, maxAttempts, nextRetryAt);
            return this;
        }

        public Builder activity(Instant lastMessageAt, int queuedOutgoing, long eventsApplied, long eventsRejected,
                Instant lastResyncAt) {
            activity = new Activity(lastMessageAt, queuedOutgoing, eventsApplied, eventsRejected, lastResyncAt);
            return this;
        }

        public Builder server(String redactedServer) {
            server = redactedServer;
            return this;
        }

        public Builder lastError(String error) {
            lastError = error;
            return this;
        }

        public Builder sync(SyncStatus status) {
            sync = status;
            return this;
        }

        public ConnectionReport build() {
            return new ConnectionReport(phase, retry, activity, server, lastError, sync);
        }
    }
}
