package com.flowcrm.demo;

/**
 * A row the journal writes in the same transaction as the changes it travels with. Record snapshots are only
 * produced when the state is durable (a data directory); the rest is written in memory mode too, so that the
 * change feed and the idempotency records have one implementation.
 */
sealed interface DbWrite {

    /** The current JSON of a user, deal, contact or notification; {@code ord} keeps the list order on reload. */
    record PutRecord(String kind, String id, long ord, String json, String extra) implements DbWrite {
    }

    record DeleteRecord(String kind, String id) implements DbWrite {
    }

    /** The answer to a request made with an Idempotency-Key, replayed to a retry with the same key and body. */
    record PutIdempotent(String userId, String key, String fingerprint, int status, byte[] body, long createdAtMillis)
            implements DbWrite {
    }

    /** A refresh token by its SHA-256, never the token itself. */
    record PutRefreshGrant(String tokenHash, String userId, String email, String sessionId, long expiresAtMillis)
            implements DbWrite {
    }

    record DeleteRefreshGrant(String tokenHash) implements DbWrite {
    }

    /** Logout: the session's access tokens stop working, also after a restart, and its refresh tokens go. */
    record EndSession(String sessionId, long endedAtMillis) implements DbWrite {
    }

    record ClearRefreshGrants() implements DbWrite {
    }
}
