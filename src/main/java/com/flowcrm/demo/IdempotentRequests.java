package com.flowcrm.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on writes: the first request with a key runs and, when it succeeds (2xx), its answer is
 * stored in the same transaction as its changes; a later request with the same key (per user) and the same method,
 * path and body gets that answer again with {@code Idempotent-Replayed: true} and changes nothing; with another
 * request it gets 422. A failed request stores nothing: retrying it runs it again.
 *
 * <p>Two requests with one key at the same time: the second waits for the first (until its changes are saved,
 * even when the first one's client gave up), then answers from what the first stored.
 */
final class IdempotentRequests {
    static final int MAX_KEY_LENGTH = 200;
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Duration WAIT_FOR_OTHER = Duration.ofSeconds(20);

    /** What the first request produced: its answer and the journal ticket its changes and stored answer ride on. */
    record Executed(DemoHttp.Response response, long ticket) {
    }

    private final DemoJournal journal;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    IdempotentRequests(DemoJournal journal) {
        this.journal = journal;
    }

    /** The key of a request, or empty without one; a 400 for an empty key, one over 200 characters or not ASCII. */
    static Optional<String> validKey(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String key = header.trim();
        if (key.isEmpty()) {
            throw DemoRequestException.badRequest("Idempotency-Key must not be empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw DemoRequestException.badRequest("Idempotency-Key must be at most " + MAX_KEY_LENGTH
                    + " characters, was " + key.length());
        }
        if (!key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw DemoRequestException.badRequest("Idempotency-Key must be printable ASCII without spaces");
        }
        return Optional.of(key);
    }

    /** What makes two requests "the same": method, path with query, and body. */
    static String fingerprint(String method, String pathAndQuery, String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + pathAndQuery + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update((body == null ? "" : body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Runs {@code execute} once per user and key, or answers from what an earlier request with the key stored. */
    DemoHttp.Response run(String userId, String key, String fingerprint, Duration saveTimeout,
            Supplier<Executed> execute) {
        String scoped = userId + "\n" + key;
        while (true) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = inFlight.putIfAbsent(scoped, mine);
            if (other != null) {
                waitFor(other);
                continue;
            }
            Executed executed;
            try {
                Optional<DemoDatabase.StoredResponse> stored = stored(userId, key);
                if (stored.isPresent()) {
                    release(scoped, mine);
                    return replay(stored.get(), fingerprint);
                }
                executed = execute.get();
            } catch (RuntimeException e) {
                release(scoped, mine);
                throw e;
            }
            // the key stays taken until the answer is saved, even if this request times out meanwhile
            journal.whenDurable(executed.ticket()).whenComplete((done, failure) -> release(scoped, mine));
            journal.awaitDurable(executed.ticket(), saveTimeout);
            return executed.response();
        }
    }

    private void release(String scoped, CompletableFuture<Void> mine) {
        inFlight.remove(scoped, mine);
        mine.complete(null);
    }

    private static void waitFor(CompletableFuture<Void> other) {
        try {
            other.get(WAIT_FOR_OTHER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DemoRequestException(409, "a request with this Idempotency-Key is still in progress");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoRequestException(503, "interrupted");
        } catch (ExecutionException e) {
            // the other request failed: this one runs
        }
    }

    private Optional<DemoDatabase.StoredResponse> stored(String userId, String key) {
        try {
            return journal.database().storedResponse(userId, key);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stored answers: " + e.getMessage(), e);
        }
    }

    private static DemoHttp.Response replay(DemoDatabase.StoredResponse stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            return DemoHttp.Response.error(422, "Idempotency-Key was already used for a different request"
                    + " (another method, path or body)");
        }
        return DemoHttp.Response.json(stored.status(), stored.body()).with(REPLAYED_HEADER, "true");
    }
}
