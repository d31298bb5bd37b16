package com.flowcrm.local;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The rep's changes waiting for the server, durable from the moment their future completes.
 *
 * <p>Threading: every step ({@link #append}, the {@code mark...} transitions, resolve, discard, retry) returns at once
 * and is done by the workspace's writer thread, in the order the calls were made, in a transaction with
 * {@code synchronous=FULL}; its future completes after the commit, on the writer thread: callbacks must be quick
 * and must never wait for another workspace future (that would wait for the writer itself; use the async variants
 * with an executor, e.g. {@code thenAcceptAsync(..., Platform::runLater)}). So "saved locally" is shown only for
 * what survives a crash or power cut. A step refused because the entry is gone or in the wrong status fails its
 * future with {@link WorkspaceException} (kind {@code ENTRY_NOT_FOUND} / {@code WRONG_STATUS}) and changes nothing;
 * a full disk fails it with {@code DISK_FULL}.
 * {@link #list()} and {@link #find} read on the calling thread (any thread but the FX thread) and see every
 * committed step.
 *
 * <p>After a crash: a {@code WAITING} entry is sent as usual; a {@code SENDING} entry's answer was lost, so it is sent
 * again with the same idempotency key (append-only kinds are first looked for on the server); nothing is ever
 * dropped by the workspace itself, only by {@link #markSent}, {@link #keepTheirs} and {@link #discard}.
 */
public final class Outbox {
    private final WorkspaceWriter writer;
    private final WorkspaceReads reads;
    private final Clock clock;

    Outbox(WorkspaceWriter writer, WorkspaceReads reads, Clock clock) {
        this.writer = writer;
        this.reads = reads;
        this.clock = clock;
    }

    /**
     * A new change stamped now with a fresh UUID, not saved yet; pass it to {@link #append}. Bad input is refused
     * here with an {@link IllegalArgumentException} (see {@link OutboxEntry#create}).
     */
    public OutboxEntry newEntry(OutboxKind kind, OutboxTarget target, List<FieldChange> fields, String payloadJson) {
        return OutboxEntry.create(kind, target, fields, payloadJson, clock.instant());
    }

    /** Saves a new change; completes with the entry (its order assigned) once it is committed. */
    public CompletableFuture<OutboxEntry> append(OutboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.status() != OutboxStatus.WAITING || entry.order() != 0) {
            throw new IllegalArgumentException("Only a new entry (WAITING, not saved) can be appended: " + entry.id());
        }
        return writer.submitStep(new OutboxStep<>(rows -> {
            if (rows.find(entry.id()).isPresent()) {
                throw new WorkspaceException(WorkspaceException.Kind.WRONG_STATUS,
                        "The change " + entry.id() + " is already in the outbox.");
            }
            return rows.insert(entry);
        }));
    }

    /** WAITING (or SENDING again, after a restart) to SENDING, one more attempt counted: just before the request. */
    public CompletableFuture<OutboxEntry> markSending(UUID id) {
        return transition(id, Set.of(OutboxStatus.WAITING, OutboxStatus.SENDING), "be sent",
                e -> copy(e, e.idempotencyKey(), e.fields(), OutboxStatus.SENDING, null, e.attempts() + 1, null));
    }

    /**
     * The server accepted the change (or already had it): the entry is removed and the records of the server's answer
     * are written as confirmed state in the same transaction, so the rep's value never disappears in between. An
     * entry that is already gone (discarded while in flight) only gets the records written. Completes with the entry
     * as it was, status {@code SENT}, or empty when it was gone.
     */
    public CompletableFuture<Optional<OutboxEntry>> markSent(UUID id, Collection<ConfirmedRecord> confirmed) {
        Objects.requireNonNull(id, "id");
        List<ConfirmedRecord> records = List.copyOf(confirmed);
        OutboxStep<Optional<OutboxEntry>> step = new OutboxStep<>(rows -> {
            Optional<OutboxEntry> entry = rows.find(id);
            if (entry.isPresent()) {
                requireStatus(entry.get(), Set.of(OutboxStatus.WAITING, OutboxStatus.SENDING), "be marked sent");
                rows.delete(id);
            }
            return entry.map(e -> e.withStatus(OutboxStatus.SENT));
        });
        try {
            // The records join the coalesced confirmed state in the same submit, hence the same transaction.
            writer.submit(p -> {
                records.forEach(r -> p.put(r.type(), r.id(), new PendingWrites.RecordWrite(r.json())));
                p.outbox.add(step);
            });
        } catch (WorkspaceException e) {
            step.failed(e);
        }
        return step.future;
    }

    /** A network error or 5xx: back to WAITING until {@code nextAttemptAt}, with the error kept as the reason. */
    public CompletableFuture<OutboxEntry> scheduleRetry(UUID id, Instant nextAttemptAt, String reason) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        return transition(id, Set.of(OutboxStatus.SENDING, OutboxStatus.WAITING), "be retried",
                e -> copy(e, e.idempotencyKey(), e.fields(), OutboxStatus.WAITING, reason, e.attempts(), nextAttemptAt));
    }

    /** The server refused the change (a 4xx) with {@code reason}; the changes behind it are not held up. */
    public CompletableFuture<OutboxEntry> markFailed(UUID id, String reason) {
        requireReason(reason);
        return transition(id, Set.of(OutboxStatus.SENDING, OutboxStatus.WAITING), "be marked failed",
                e -> copy(e, e.idempotencyKey(), e.fields(), OutboxStatus.FAILED, reason, e.attempts(), null));
    }

    /**
     * Some fields changed on the server: {@code theirsByField} holds the server's value (JSON text) of each
     * conflicting field. Fields not named are dropped from the entry: the caller sent them, or found them already
     * there. Refused when a named field is not part of the entry.
     */
    public CompletableFuture<OutboxEntry> markConflict(UUID id, Map<String, String> theirsByField) {
        if (theirsByField == null || theirsByField.isEmpty()) {
            throw new IllegalArgumentException("A conflict needs at least one field with the server's value");
        }
        Map<String, String> theirs = Map.copyOf(theirsByField);
        theirs.forEach((field, json) -> JsonText.parse("The server's value of " + field, json));
        return transition(id, Set.of(OutboxStatus.SENDING, OutboxStatus.WAITING), "be marked in conflict", e -> {
            if (e.kind().appendOnly()) {
                throw new WorkspaceException(WorkspaceException.Kind.WRONG_STATUS,
                        "The change " + id + " only adds " + (e.kind() == OutboxKind.LOG_ACTIVITY ? "an activity" : "a communication")
                                + "; it cannot conflict.");
            }
            for (String field : theirs.keySet()) {
                if (e.field(field).isEmpty()) {
                    throw new WorkspaceException(WorkspaceException.Kind.WRONG_STATUS,
                            "The change " + id + " does not change " + field + ".");
                }
            }
            List<FieldChange> kept = e.fields().stream().filter(f -> theirs.containsKey(f.field()))
                    .map(f -> f.withTheirs(theirs.get(f.field()))).toList();
            return copy(e, e.idempotencyKey(), kept, OutboxStatus.CONFLICT, null, e.attempts(), null);
        });
    }

    /**
     * "Keep mine": the server's values become the base, the entry waits to be sent again under a new idempotency key
     * (the request differs from the one the old key answered).
     */
    public CompletableFuture<OutboxEntry> keepMine(UUID id) {
        return transition(id, Set.of(OutboxStatus.CONFLICT), "keep your version", e -> copy(e, UUID.randomUUID(),
                e.fields().stream().map(f -> f.inConflict() ? f.rebasedOnTheirs() : f).toList(), OutboxStatus.WAITING,
                null, 0, null));
    }

    /** "Keep theirs": the server's values stay, the entry is removed. Completes with the entry as it was. */
    public CompletableFuture<OutboxEntry> keepTheirs(UUID id) {
        return remove(id, Set.of(OutboxStatus.CONFLICT), "keep the server's version");
    }

    /** The rep gives the change up, whatever its status. Completes with the entry as it was. */
    public CompletableFuture<OutboxEntry> discard(UUID id) {
        return remove(id, Set.of(OutboxStatus.values()), "be discarded");
    }

    /** "Retry": a FAILED entry, or a WAITING one held back by its next-attempt time, is sent at the next chance. */
    public CompletableFuture<OutboxEntry> retry(UUID id) {
        return transition(id, Set.of(OutboxStatus.FAILED, OutboxStatus.WAITING), "be retried",
                e -> copy(e, e.idempotencyKey(), e.fields(), OutboxStatus.WAITING, null, 0, null));
    }

    /** Every entry, in outbox order. Blocking read on the calling thread (never the FX thread). */
    public List<OutboxEntry> list() {
        return reads.read("read the outbox", connection -> new OutboxRows(connection).list());
    }

    /** One entry by id. Blocking, like {@link #list}. */
    public Optional<OutboxEntry> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return reads.read("read the outbox", connection -> new OutboxRows(connection).find(id));
    }

    private CompletableFuture<OutboxEntry> transition(UUID id, Set<OutboxStatus> from, String what,
            Function<OutboxEntry, OutboxEntry> change) {
        Objects.requireNonNull(id, "id");
        return writer.submitStep(new OutboxStep<>(rows -> {
            OutboxEntry entry = rows.require(id);
            requireStatus(entry, from, what);
            OutboxEntry updated = change.apply(entry);
            rows.update(updated);
            return updated;
        }));
    }

    private CompletableFuture<OutboxEntry> remove(UUID id, Set<OutboxStatus> from, String what) {
        Objects.requireNonNull(id, "id");
        return writer.submitStep(new OutboxStep<>(rows -> {
            OutboxEntry entry = rows.require(id);
            requireStatus(entry, from, what);
            rows.delete(id);
            return entry;
        }));
    }

    private static void requireStatus(OutboxEntry entry, Set<OutboxStatus> allowed, String what) {
        if (!allowed.contains(entry.status())) {
            throw new WorkspaceException(WorkspaceException.Kind.WRONG_STATUS, "The change " + entry.id() + " cannot "
                    + what + " while it is " + entry.status().name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A failed change needs the server's reason");
        }
    }

    private static OutboxEntry copy(OutboxEntry e, UUID key, List<FieldChange> fields, OutboxStatus status,
            String reason, int attempts, Instant nextAttemptAt) {
        return new OutboxEntry(e.id(), key, e.order(), e.createdAt(), e.kind(), e.target(), fields, e.payloadJson(),
                status, reason, attempts, nextAttemptAt);
    }
}
