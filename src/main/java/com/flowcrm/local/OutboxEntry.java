package com.flowcrm.local;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One change of the rep's, as the outbox keeps it. {@code id} names the entry for its whole life (the Pending
 * changes panel, {@code pending resolve ID}); {@code idempotencyKey} is what is sent as {@code Idempotency-Key}: the
 * same as {@code id} at first, and a new one only when the request itself changes ("keep mine" sends other base
 * values), because a server answers a reused key with a different body by 422.
 *
 * @param order the position in the outbox (increasing, never reused); changes to one target are sent in this order
 * @param fields what a field change sets (empty for append-only kinds and "mark all read")
 * @param payloadJson the activity or communication of an append-only kind, else {@code null}
 * @param reason the server's reason for {@code FAILED}, or the last network error of a retried entry
 * @param nextAttemptAt when a retried entry may be sent again ({@code null}: now)
 */
public record OutboxEntry(UUID id, UUID idempotencyKey, long order, Instant createdAt, OutboxKind kind,
        OutboxTarget target, List<FieldChange> fields, String payloadJson, OutboxStatus status, String reason,
        int attempts, Instant nextAttemptAt) {
    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
        validate(kind, target, fields, payloadJson);
    }

    /**
     * A new change, not saved yet: a fresh UUID as id and key, status {@code WAITING}. Bad input (a field change for
     * an append-only kind, a payload that is not a JSON object, a target of the wrong type) is refused here, on the
     * caller's thread, with an {@link IllegalArgumentException} that says what is wrong.
     */
    public static OutboxEntry create(OutboxKind kind, OutboxTarget target, List<FieldChange> fields, String payloadJson,
            Instant createdAt) {
        UUID id = UUID.randomUUID();
        return new OutboxEntry(id, id, 0, createdAt, kind, target, fields, payloadJson, OutboxStatus.WAITING, null, 0,
                null);
    }

    private static void validate(OutboxKind kind, OutboxTarget target, List<FieldChange> fields, String payloadJson) {
        if (target.type() != kind.targetType()) {
            throw new IllegalArgumentException(kind + " changes a " + kind.targetType().wireName() + ", not a "
                    + target.type().wireName());
        }
        if ((kind == OutboxKind.MARK_ALL_READ) != target.equals(OutboxTarget.ALL_NOTIFICATIONS)) {
            throw new IllegalArgumentException("Only MARK_ALL_READ targets all notifications (" + kind + " on " + target + ")");
        }
        if (kind.appendOnly()) {
            if (!fields.isEmpty()) {
                throw new IllegalArgumentException(kind + " appends a payload and changes no fields");
            }
            if (payloadJson == null || !JsonText.parse(kind + " payload", payloadJson).isJsonObject()) {
                throw new IllegalArgumentException(kind + " needs its payload as a JSON object");
            }
            return;
        }
        if (payloadJson != null) {
            throw new IllegalArgumentException(kind + " has no payload");
        }
        if (kind == OutboxKind.MARK_ALL_READ) {
            if (!fields.isEmpty()) {
                throw new IllegalArgumentException("MARK_ALL_READ changes no fields");
            }
            return;
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException(kind + " on " + target + " changes no field");
        }
        if (fields.stream().map(FieldChange::field).distinct().count() != fields.size()) {
            throw new IllegalArgumentException(kind + " on " + target + " names a field twice");
        }
        if (kind == OutboxKind.STAGE_MOVE && (fields.size() != 1 || !fields.get(0).field().equals("stage"))) {
            throw new IllegalArgumentException("STAGE_MOVE changes exactly the field \"stage\"");
        }
        if (kind == OutboxKind.MARK_NOTIFICATION_READ && (fields.size() != 1 || !fields.get(0).field().equals("read"))) {
            throw new IllegalArgumentException("MARK_NOTIFICATION_READ changes exactly the field \"read\"");
        }
    }

    /** The field change for {@code field}, if this entry changes it. */
    public Optional<FieldChange> field(String field) {
        return fields.stream().filter(f -> f.field().equals(field)).findFirst();
    }

    /** True while the entry still has to reach the server (waiting or being sent). */
    public boolean isOutstanding() {
        return status == OutboxStatus.WAITING || status == OutboxStatus.SENDING;
    }

    OutboxEntry withOrder(long newOrder) {
        return new OutboxEntry(id, idempotencyKey, newOrder, createdAt, kind, target, fields, payloadJson, status,
                reason, attempts, nextAttemptAt);
    }

    OutboxEntry withStatus(OutboxStatus newStatus) {
        return new OutboxEntry(id, idempotencyKey, order, createdAt, kind, target, fields, payloadJson, newStatus,
                reason, attempts, nextAttemptAt);
    }
}
