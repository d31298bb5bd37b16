package com.flowcrm.store;

import com.flowcrm.local.FieldChange;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.OutboxKind;
import com.flowcrm.local.OutboxStatus;
import com.flowcrm.local.OutboxTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The window's {@link PendingChanges} without a workspace, for the views' tests on the direct executor: the test puts
 * outbox entries in and moves them on (sending, retried, refused, in conflict, sent) as the sender would, and the rep's
 * actions (retry, discard, keep mine, keep theirs) are recorded and applied the way the outbox applies them.
 */
public final class PendingFixture {
    private final RootStore root;
    private final PendingChanges pending;
    private final Map<UUID, OutboxEntry> entries = new LinkedHashMap<>();
    /** "retry ID", "discard ID", "keepMine ID", "keepTheirs ID" in the order the window asked. */
    public final List<String> actions = new CopyOnWriteArrayList<>();
    private long stamp;
    private long order;
    private Instant now = Instant.parse("2026-12-04T14:32:00Z");
    private String refuseActionsWith;

    /** Over these stores (their deals and contacts get the pending layers, like in the app). */
    public PendingFixture(RootStore root) {
        this.root = Objects.requireNonNull(root, "root");
        this.pending = new PendingChanges(root);
        pending.open(new RecordingActions());
    }

    public RootStore root() {
        return root;
    }

    public PendingChanges pending() {
        return pending;
    }

    /** The workspace closed (signed out, or a live-only session): nothing shows, actions are refused. */
    public void closeWorkspace() {
        entries.clear();
        pending.close();
    }

    /** When the next changes are made. */
    public void at(Instant when) {
        now = when;
    }

    /** The next actions fail with this message (a workspace that refused the step); null: they work again. */
    public void refuseActionsWith(String message) {
        refuseActionsWith = message;
    }

    // ---- changes the rep made ---------------------------------------------------------------------------------

    /** A stage move waiting to be sent; stages by their wire names ("prospect"). */
    public UUID stageMove(String dealId, String from, String to) {
        return add(OutboxKind.STAGE_MOVE, OutboxTarget.deal(dealId),
                List.of(FieldChange.of("stage", quoted(from), quoted(to))), null);
    }

    /** A deal edit of one field waiting to be sent; values as JSON text ("125000", "\"Renewal\""). */
    public UUID dealEdit(String dealId, String field, String baseJson, String valueJson) {
        return add(OutboxKind.DEAL_EDIT, OutboxTarget.deal(dealId), List.of(FieldChange.of(field, baseJson, valueJson)),
                null);
    }

    public UUID contactEdit(String contactId, String field, String baseJson, String valueJson) {
        return add(OutboxKind.CONTACT_EDIT, OutboxTarget.contact(contactId),
                List.of(FieldChange.of(field, baseJson, valueJson)), null);
    }

    /** A note logged on a deal, waiting to be sent. */
    public UUID activity(String dealId, String description) {
        String payload = "{\"type\":\"note\",\"date\":\"2026-12-04T14:00:00Z\",\"description\":\"" + description + "\"}";
        return add(OutboxKind.LOG_ACTIVITY, OutboxTarget.deal(dealId), List.of(), payload);
    }

    private UUID add(OutboxKind kind, OutboxTarget target, List<FieldChange> fields, String payload) {
        OutboxEntry created = OutboxEntry.create(kind, target, fields, payload, now);
        OutboxEntry entry = new OutboxEntry(created.id(), created.idempotencyKey(), ++order, now, kind, target, fields,
                payload, OutboxStatus.WAITING, null, 0, null);
        pending.showNew(entry);
        put(entry);
        return entry.id();
    }

    // ---- what the sender does with them -----------------------------------------------------------------------

    public void sending(UUID id) {
        put(with(id, OutboxStatus.SENDING, null, null, null));
    }

    /** No answer: waiting again, tried at {@code next}. */
    public void retrying(UUID id, Instant next, String reason) {
        put(with(id, OutboxStatus.WAITING, reason, next, null));
    }

    /** The server refused it (4xx). */
    public void refused(UUID id, String reason) {
        put(with(id, OutboxStatus.FAILED, reason, null, null));
    }

    /** Someone changed these fields on the server meanwhile (field to the server's JSON text); the others were sent. */
    public void conflict(UUID id, Map<String, String> theirs) {
        put(with(id, OutboxStatus.CONFLICT, null, null, theirs));
    }

    /** The server has it (or another process discarded it): it leaves the outbox. */
    public void sent(UUID id) {
        entries.remove(id);
        pending.removed(id, ++stamp);
    }

    private OutboxEntry with(UUID id, OutboxStatus status, String reason, Instant next, Map<String, String> theirs) {
        OutboxEntry e = Objects.requireNonNull(entries.get(id), "no such change");
        List<FieldChange> fields = e.fields();
        if (theirs != null) {
            List<FieldChange> conflicting = new ArrayList<>();
            for (FieldChange f : fields) {
                if (theirs.containsKey(f.field())) {
                    conflicting.add(new FieldChange(f.field(), f.base(), f.value(), theirs.get(f.field())));
                }
            }
            fields = conflicting;
        }
        return new OutboxEntry(e.id(), e.idempotencyKey(), e.order(), e.createdAt(), e.kind(), e.target(), fields,
                e.payloadJson(), status, reason, e.attempts() + (status == OutboxStatus.SENDING ? 1 : 0), next);
    }

    private void put(OutboxEntry entry) {
        entries.put(entry.id(), entry);
        pending.update(entry, ++stamp);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** The outbox's steps, applied at once (the real ones complete on the UI executor after the commit). */
    private final class RecordingActions implements PendingChanges.Actions {
        @Override
        public CompletableFuture<Void> retry(UUID id) {
            return step("retry", id, () -> put(with(id, OutboxStatus.WAITING, null, null, null)));
        }

        @Override
        public CompletableFuture<Void> discard(UUID id) {
            return step("discard", id, () -> sent(id));
        }

        @Override
        public CompletableFuture<Void> keepMine(UUID id) {
            return step("keepMine", id, () -> {
                OutboxEntry e = entries.get(id);
                List<FieldChange> rebased = e.fields().stream()
                        .map(f -> FieldChange.of(f.field(), f.theirs() == null ? f.base() : f.theirs(), f.value()))
                        .toList();
                put(new OutboxEntry(e.id(), UUID.randomUUID(), e.order(), e.createdAt(), e.kind(), e.target(), rebased,
                        e.payloadJson(), OutboxStatus.WAITING, null, e.attempts(), null));
            });
        }

        @Override
        public CompletableFuture<Void> keepTheirs(UUID id) {
            return step("keepTheirs", id, () -> sent(id));
        }

        private CompletableFuture<Void> step(String name, UUID id, Runnable apply) {
            actions.add(name + " " + id);
            if (refuseActionsWith != null) {
                return CompletableFuture.failedFuture(
                        new SessionException(SessionException.Kind.REJECTED, refuseActionsWith));
            }
            if (!entries.containsKey(id)) {
                return CompletableFuture.failedFuture(
                        new SessionException(SessionException.Kind.REJECTED, "That change is no longer waiting."));
            }
            apply.run();
            return CompletableFuture.completedFuture(null);
        }
    }
}
