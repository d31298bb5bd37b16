package com.flowcrm.store;

import com.flowcrm.api.CrmApi;
import com.flowcrm.common.Failures;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.OutboxStatus;
import com.flowcrm.local.SyncState;
import com.flowcrm.local.Workspace;
import com.flowcrm.local.WorkspaceException;
import com.flowcrm.local.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One user's workspace while it is open in this session, wired to the stores: its confirmed copy (written from the
 * stores, {@link ConfirmedCopy}), its sync cursor, its outbox (the commands record into it, {@link ChangeRecorder}; the
 * {@link OutboxSender} sends it; {@link PendingChanges} shows it) and the send lease. Opened and closed by
 * {@link OfflineSession}.
 */
final class OpenWorkspace {
    private final Workspace workspace;
    private final RootStore root;
    private final PendingChanges pending;
    private final AtomicLong stamps;
    private final ConfirmedCopy copy;
    private final WorkspaceSyncCursor cursor;
    private final OutboxSender sender;
    private final ChangeRecorder recorder;
    private final SyncState onDisk;
    private final boolean created;
    /** The board read ahead of the launch, until the launch takes it or it is dropped. */
    private final AtomicReference<LocalLaunch.Board> prefetched = new AtomicReference<>();
    /** UI thread: false once detached; what the writer and the sender report afterwards stays out of the stores. */
    private boolean attached;

    /**
     * @param canSend  whether the session may send now
     * @param refused  the session is told the server no longer accepts it (from the sender thread)
     */
    OpenWorkspace(Workspace workspace, boolean created, RootStore root, PendingChanges pending, Supplier<CrmApi> api,
            Clock clock, BooleanSupplier canSend, Consumer<String> refused) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.created = created;
        this.root = Objects.requireNonNull(root, "root");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.stamps = new AtomicLong();
        this.onDisk = workspace.readSyncState();
        this.copy = new ConfirmedCopy(root, workspace, clock, onDisk.changeLog());
        this.cursor = new WorkspaceSyncCursor(copy, OptionalLong.empty());
        this.sender = new OutboxSender(api, workspace.outbox(), new SendLease(workspace.file()), clock, stamps, canSend,
                new ToStores(refused));
        this.recorder = new ChangeRecorder(root, pending, workspace.outbox(), stamps, sender::wake, () -> attached);
    }

    WorkspaceId id() {
        return workspace.id();
    }

    Workspace workspace() {
        return workspace;
    }

    /** Whether the file was new when opened: no confirmed data yet (sign in with the network first). */
    boolean created() {
        return created;
    }

    /** The sync state read when it was opened (the cursor and when the server last confirmed the data). */
    SyncState onDisk() {
        return onDisk;
    }

    ConfirmedCopy copy() {
        return copy;
    }

    WorkspaceSyncCursor cursor() {
        return cursor;
    }

    OutboxSender sender() {
        return sender;
    }

    ChangeRecorder recorder() {
        return recorder;
    }

    long stamp() {
        return stamps.get();
    }

    /** Wires it to the stores; on the UI thread. */
    void attach() {
        attached = true;
        copy.attach();
        pending.open(new Actions());
    }

    /** Starts sending (and reading the outbox for other processes' changes). */
    void startSending() {
        sender.start();
    }

    /** Unwires it from the stores, handing what is still noted to the writer; on the UI thread. */
    void detach() {
        attached = false;
        copy.detach();
        pending.close();
    }

    /**
     * Reads the board ahead of {@link #launch} (before it is wired to the stores, while the kept session is looked
     * up); blocks the calling background thread. A read called off or failed leaves nothing: the launch reads again.
     */
    void readBoardAhead(BooleanSupplier cancelled) {
        LocalLaunch.Board board = new LocalLaunch(workspace, root, pending).readBoard(stamps.get(), cancelled);
        if (!cancelled.getAsBoolean()) {
            prefetched.set(board);
        }
    }

    /** Lets go of a board read ahead that no launch will use (the session signed in with the server instead). */
    void dropBoardReadAhead() {
        prefetched.set(null);
    }

    /** How many deals a board read ahead holds; empty when none is held. */
    OptionalInt boardReadAhead() {
        LocalLaunch.Board board = prefetched.get();
        return board == null ? OptionalInt.empty() : OptionalInt.of(board.deals().size());
    }

    /** Reads it into the stores (launch from disk), the board read ahead if there is one; blocks the calling thread. */
    LocalLaunch.Loaded launch(Consumer<LocalLaunch.Loaded> dealsShown) {
        LocalLaunch launch = new LocalLaunch(workspace, root, pending);
        LocalLaunch.Board board = prefetched.getAndSet(null);
        if (board == null) {
            board = launch.readBoard(stamps.get(), () -> false);
        }
        LocalLaunch.Loaded loaded = launch.run(board, dealsShown);
        // the catch-up resumes from the cursor saved with these records; with records left out it loads everything
        cursor.launched(loaded.skipped() == 0 ? loaded.sync().cursor() : OptionalLong.empty());
        return loaded;
    }

    /** Every entry of the outbox, read on the calling background thread. */
    List<OutboxEntry> outbox() {
        return workspace.outbox().list();
    }

    /**
     * One pass over the outbox now (waiting up to {@code leaseWait} for another process that is sending it), then the
     * outbox as it is after it; blocks.
     */
    SendSummary sendNow(Duration leaseWait) {
        try {
            OutboxSender.PassResult pass = sender.sendNow(leaseWait);
            List<OutboxEntry> after = outbox();
            int conflicts = (int) after.stream().filter(e -> e.status() == OutboxStatus.CONFLICT).count();
            int failed = (int) after.stream().filter(e -> e.status() == OutboxStatus.FAILED).count();
            int waiting = (int) after.stream().filter(OutboxEntry::isOutstanding).count();
            return new SendSummary(pass.sent(), pass.alreadyApplied(), conflicts, failed, waiting, pass.unreachable(),
                    pass.refused(), pass.ran());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(SessionException.Kind.UNREACHABLE, "Interrupted.");
        }
    }

    /** Entries on disk not sent yet (whatever their state); 0 when the outbox cannot be read. Blocks. */
    int notSent() {
        try {
            return (int) outbox().stream().filter(e -> e.status() != OutboxStatus.SENT).count();
        } catch (WorkspaceException e) {
            return 0;
        }
    }

    /** Outstanding (waiting or sending) entries on disk; blocks. */
    int outstanding() {
        return (int) outbox().stream().filter(OutboxEntry::isOutstanding).count();
    }

    /** Discards every entry (the sign-out choice); blocks; returns how many. */
    int discardAll() throws InterruptedException {
        int n = 0;
        for (OutboxEntry e : outbox()) {
            OutboxSender.step(workspace.outbox().discard(e.id()));
            n++;
        }
        return n;
    }

    /** Stops sending, then closes the file; blocks (the writer commits what is pending). */
    void close() {
        copy.stop();
        sender.close();
        workspace.close();
    }

    /** The rep's actions on a change: the outbox step, then the stores and the panel follow, then a pass. */
    private final class Actions implements PendingChanges.Actions {
        @Override
        public CompletableFuture<Void> retry(UUID id) {
            return moved(workspace.outbox().retry(id));
        }

        @Override
        public CompletableFuture<Void> discard(UUID id) {
            return removed(id, workspace.outbox().discard(id));
        }

        @Override
        public CompletableFuture<Void> keepMine(UUID id) {
            return moved(workspace.outbox().keepMine(id));
        }

        @Override
        public CompletableFuture<Void> keepTheirs(UUID id) {
            return removed(id, workspace.outbox().keepTheirs(id));
        }

        private CompletableFuture<Void> moved(CompletableFuture<OutboxEntry> step) {
            return onUi(step, entry -> {
                pending.update(entry, stamps.incrementAndGet());
                sender.wake();
            });
        }

        private CompletableFuture<Void> removed(UUID id, CompletableFuture<OutboxEntry> step) {
            return onUi(step, entry -> pending.removed(id, stamps.incrementAndGet()));
        }

        private CompletableFuture<Void> onUi(CompletableFuture<OutboxEntry> step, Consumer<OutboxEntry> then) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            step.whenComplete((entry, error) -> root.dispatcher().submit(() -> {
                if (!attached) {
                    done.completeExceptionally(new SessionException(SessionException.Kind.REJECTED,
                            "The local copy was closed meanwhile."));
                    return;
                }
                if (error != null) {
                    Throwable cause = Failures.unwrap(error);
                    done.completeExceptionally(new SessionException(SessionException.Kind.REJECTED, cause.getMessage(), cause));
                    return;
                }
                then.accept(entry);
                done.complete(null);
            }));
            return done;
        }
    }

    /** What the sender reports, applied on the UI thread: the server's answers go into the confirmed state first. */
    private final class ToStores implements OutboxSender.Listener {
        private final Consumer<String> refused;

        ToStores(Consumer<String> refused) {
            this.refused = refused;
        }

        @Override
        public void moved(OutboxEntry entry, long stamp, ServerAnswer answer) {
            root.dispatcher().submit(() -> {
                if (!attached) {
                    return;
                }
                confirm(entry, answer);
                pending.update(entry, stamp);
            });
        }

        @Override
        public void sent(OutboxEntry entry, long stamp, ServerAnswer answer) {
            root.dispatcher().submit(() -> {
                if (!attached) {
                    return;
                }
                confirm(entry, answer);
                pending.removed(entry.id(), stamp);
            });
        }

        @Override
        public void read(List<OutboxEntry> outbox, long stampBefore) {
            root.dispatcher().submit(() -> {
                if (attached) {
                    pending.sync(outbox, stampBefore);
                }
            });
        }

        @Override
        public void refused(String reason) {
            refused.accept(reason);
        }

        private void confirm(OutboxEntry entry, ServerAnswer answer) {
            if (answer == null) {
                return;
            }
            if (answer.deal() != null) {
                root.deals().mergeDetails(answer.deal());
            } else if (answer.activity() != null) {
                root.deals().confirmActivity(entry.target().id(), answer.activity());
            }
            if (answer.contact() != null) {
                root.contacts().mergeDetails(answer.contact());
            } else if (answer.communication() != null) {
                root.contacts().confirmCommunication(entry.target().id(), answer.communication());
            }
            for (String id : answer.readNotifications()) {
                root.notifications().confirmRead(id, true);
            }
        }
    }
}
