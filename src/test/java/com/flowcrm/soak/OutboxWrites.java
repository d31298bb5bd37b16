package com.flowcrm.soak;

import com.flowcrm.model.DealStage;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.store.PendingChange;
import com.flowcrm.store.PendingChanges;
import com.flowcrm.store.SendSummary;
import com.flowcrm.store.SessionCommands;
import com.flowcrm.store.SessionException;
import com.flowcrm.store.SessionStore;
import com.flowcrm.common.Failures;
import com.google.gson.Gson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The window's write path with a local workspace (issue 12): {@link SessionCommands} records each change in the
 * outbox (shown at once, saved on disk), and the session's sender delivers it when it can, with its idempotency key,
 * checking the server's record first; a change whose fields the server changed meanwhile ends in conflict. A change is
 * WAITING when saved; what became of it is read from {@link PendingChanges} by its outbox id: still there (waiting,
 * sending, refused with the server's reason, in conflict), or gone (the server has it, which the auditor checks).
 * Every method runs on the client's store thread, where the session's UI executor runs.
 */
final class OutboxWrites implements SoakWrites {
    private static final Gson GSON = new Gson();
    private final SessionStore session;
    private final SessionCommands commands;
    private final PendingChanges pending;
    private final Executor storeThread;
    private final AtomicInteger waiting = new AtomicInteger();

    OutboxWrites(SessionStore session, Executor storeThread) {
        this.session = session;
        this.commands = session.commands();
        this.pending = session.pendingChanges();
        this.storeThread = storeThread;
        // waiting or being sent; a conflict or a refusal is settled for the client (it is shown, with its reason)
        storeThread.execute(() -> pending.waitingCountProperty().addListener((o, before, now) ->
                waiting.set(now.intValue())));
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public CompletableFuture<Result> moveStage(String dealId, DealStage stage) {
        return record(() -> commands.changeStage(dealId, stage));
    }

    @Override
    public CompletableFuture<Result> editDeal(String dealId, DealChanges changes) {
        return record(() -> commands.updateDeal(dealId, changes));
    }

    @Override
    public CompletableFuture<Result> logActivity(String dealId, NewActivity activity) {
        return record(() -> commands.logActivity(dealId, activity));
    }

    /** The change is shown (and tracked) the moment the command runs: its entry is the id that was not there before. */
    private CompletableFuture<Result> record(Supplier<CompletableFuture<?>> command) {
        Set<UUID> before = ids();
        CompletableFuture<?> saved = command.get();
        Set<UUID> after = ids();
        after.removeAll(before);
        String handle = after.size() == 1 ? after.iterator().next().toString() : null;
        return saved.handle((ignored, error) -> {
            if (error != null) {
                Throwable cause = Failures.unwrap(error);
                String kind = cause instanceof SessionException s ? s.kind().name() : "UNEXPECTED " + cause.getClass().getName();
                String message = cause.getMessage();
                return new Result(SoakChange.Outcome.FAILED, message == null || message.isBlank() ? null
                        : kind + ": " + message, handle);
            }
            if (handle == null) {
                return new Result(SoakChange.Outcome.FAILED, null, null);
            }
            return new Result(SoakChange.Outcome.WAITING, null, handle);
        });
    }

    private Set<UUID> ids() {
        Set<UUID> ids = new HashSet<>();
        for (PendingChange change : pending.changes()) {
            ids.add(change.id());
        }
        return ids;
    }

    @Override
    public int pending() {
        return waiting.get();
    }

    @Override
    public CompletableFuture<Void> sendAll() {
        CompletableFuture<SendSummary> sent = new CompletableFuture<>();
        storeThread.execute(() -> session.sendPendingNow().whenComplete((s, e) -> {
            if (e != null) {
                sent.completeExceptionally(e);
            } else {
                sent.complete(s);
            }
        }));
        return sent.thenApply(summary -> null);
    }

    @Override
    public Result outcomeOf(String handle) {
        Optional<PendingChange> change = pending.find(UUID.fromString(handle));
        if (change.isEmpty()) {
            return new Result(SoakChange.Outcome.CONFIRMED, null, handle);
        }
        PendingChange c = change.get();
        return switch (c.status()) {
            case WAITING, SENDING -> new Result(SoakChange.Outcome.WAITING, c.reason(), handle);
            case FAILED -> new Result(SoakChange.Outcome.FAILED, c.reason(), handle);
            case CONFLICT -> new Result(SoakChange.Outcome.CONFLICT, conflictText(c), handle);
        };
    }

    private static String conflictText(PendingChange change) {
        List<String> fields = new ArrayList<>();
        for (PendingChange.PendingField f : change.fields()) {
            if (f.inConflict()) {
                fields.add(f.field() + ": yours " + f.yours() + ", theirs " + f.theirs());
            }
        }
        return "conflict on " + String.join("; ", fields);
    }

    @Override
    public List<Conflict> conflicts() {
        List<Conflict> conflicts = new ArrayList<>();
        for (PendingChange change : List.copyOf(pending.changes())) {
            if (change.status() != PendingChange.Status.CONFLICT) {
                continue;
            }
            for (PendingChange.PendingField f : change.fields()) {
                if (f.inConflict()) {
                    conflicts.add(new Conflict(change.id().toString(), change.target().id(), f.field(),
                            wireJson(f.field(), f.yours()), wireJson(f.field(), f.theirs())));
                }
            }
        }
        return conflicts;
    }

    /**
     * A field's value as the REST API writes it (JSON text), from the words the Pending changes panel shows: the stage's
     * label back to its wire name, a value as the number it reads as, any other field as a JSON string. The soak's
     * fields are only these (stage, value, description), and their values never read as "none".
     */
    private static String wireJson(String field, String readable) {
        if (readable == null) {
            return null;
        }
        return switch (field) {
            case "stage" -> GSON.toJson(Arrays.stream(DealStage.values()).filter(s -> s.label().equals(readable))
                    .findFirst().map(DealStage::wireName).orElse(readable));
            case "value" -> readable;
            default -> GSON.toJson(readable);
        };
    }

    /**
     * Called from the soak's command thread: "keep mine" for every change in conflict, one after the other in the order
     * the changes were made (top to bottom in the Pending changes panel), each once the previous one is saved. Every
     * "keep mine" is a decision applied when it is made, so where two kept changes set one field, the later decision
     * is the value that stays: in this order that is the rep's later change.
     */
    @Override
    public CompletableFuture<List<Conflict>> keepMineForAll() {
        return CompletableFuture.supplyAsync(this::conflicts, storeThread).thenCompose(conflicts -> {
            Set<UUID> ids = new LinkedHashSet<>();
            conflicts.forEach(c -> ids.add(UUID.fromString(c.handle())));
            CompletableFuture<Void> kept = CompletableFuture.completedFuture(null);
            for (UUID id : ids) {
                kept = kept.thenComposeAsync(ignored -> pending.keepMine(id), storeThread);
            }
            return kept.thenApply(ignored -> conflicts);
        });
    }
}
