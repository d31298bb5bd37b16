package com.flowcrm.local;

/** Where an outbox entry is on its way to the server. */
public enum OutboxStatus {
    /** Saved, not sent yet (or to be retried at its next-attempt time). */
    WAITING,
    /**
     * Handed to the server; the answer has not been recorded. After a crash an entry in this status is sent again
     * with the same idempotency key (and an append-only one is first looked for on the server).
     */
    SENDING,
    /** The server accepted it; reported by {@link Outbox#markSent}, which removes the entry from disk. */
    SENT,
    /** The server refused it with a reason (a 4xx); it waits for the rep to retry or discard it. */
    FAILED,
    /** Some fields changed on the server since the rep saw them; it waits for "keep mine" or "keep theirs". */
    CONFLICT
}
