package com.flowcrm.store;

import com.flowcrm.common.Failures;
import com.flowcrm.local.FieldChange;
import com.flowcrm.local.Outbox;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.OutboxKind;
import com.flowcrm.local.OutboxTarget;
import com.flowcrm.local.WorkspaceException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a rep's change in the outbox of the open workspace: the change is shown at once as pending (layered over
 * the confirmed data), appended (committed with synchronous=FULL) before anything is sent, and the sender is woken once
 * it is saved. A refused append (a full disk) takes the change off the screen again and fails with the workspace's
 * message. UI thread only; the future completes on the UI executor.
 */
final class ChangeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRecorder.class);

    private final RootStore root;
    private final PendingChanges pending;
    private final Outbox outbox;
    private final AtomicLong stamps;
    private final Runnable saved;
    private final java.util.function.BooleanSupplier attached;

    /**
     * @param stamps counts every outbox step this process saw committed (see {@link PendingChanges#sync})
     * @param saved    told after every committed change (wakes the sender)
     * @param attached whether the workspace is still wired to the stores (UI thread)
     */
    ChangeRecorder(RootStore root, PendingChanges pending, Outbox outbox, AtomicLong stamps, Runnable saved,
            java.util.function.BooleanSupplier attached) {
        this.attached = Objects.requireNonNull(attached, "attached");
        this.root = Objects.requireNonNull(root, "root");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.stamps = Objects.requireNonNull(stamps, "stamps");
        this.saved = Objects.requireNonNull(saved, "saved");
    }

    /** Shows the change as pending and saves it; completes with the saved entry, or fails with why it was not saved. */
    CompletableFuture<OutboxEntry> record(OutboxKind kind, OutboxTarget target, List<FieldChange> fields, String payload) {
        OutboxEntry entry;
        try {
            entry = outbox.newEntry(kind, target, fields, payload);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.REJECTED, e.getMessage(), e));
        }
        pending.showNew(entry);
        CompletableFuture<OutboxEntry> result = new CompletableFuture<>();
        outbox.append(entry).whenComplete((savedEntry, error) -> {
            long stamp = stamps.incrementAndGet();
            root.dispatcher().submit(() -> {
                if (error != null) {
                    Throwable cause = Failures.unwrap(error);
                    LOG.warn("A {} on {} was not saved: {}", kind, target, cause.getMessage());
                    if (attached.getAsBoolean()) {
                        pending.dropUnsaved(entry.id());
                    }
                    result.completeExceptionally(notSaved(cause));
                    return;
                }
                if (attached.getAsBoolean()) {
                    pending.update(savedEntry, stamp);
                }
                result.complete(savedEntry);
                saved.run();
            });
        });
        return result;
    }

    private static SessionException notSaved(Throwable cause) {
        String message = cause instanceof WorkspaceException w
                ? "Not saved: " + w.getMessage()
                : "Not saved on this computer: " + cause.getMessage();
        return new SessionException(SessionException.Kind.REJECTED, message, cause);
    }
}
