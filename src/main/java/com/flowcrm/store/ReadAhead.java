package com.flowcrm.store;

import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.WorkspaceRecovery;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's workspace opened and its board read on the workspace thread while the credential store is asked for the
 * kept session (seconds at first use of D-Bus), before anything is wired to the stores: nothing shows, nothing is sent
 * and the session's state does not change until {@link OfflineSession#open} takes it. Called off when no session is
 * kept: the read stops at its next check, the board is dropped and the file closed again. One at a time per session;
 * everything but {@link Read#cancel} runs on the workspace thread.
 */
final class ReadAhead {
    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);

    /** A workspace opened and not wired to the stores yet; {@code recovery} is told the rep once it is wired. */
    record Opened(OpenWorkspace workspace, Optional<WorkspaceRecovery> recovery) {
    }

    /** One read ahead, for one user; {@link #cancel} on any thread. */
    static final class Read {
        private final WorkspaceId id;
        private volatile boolean cancelled;
        private volatile Opened opened;

        private Read(WorkspaceId id) {
            this.id = id;
        }

        void cancel() {
            cancelled = true;
            Opened now = opened;
            if (now != null) {
                now.workspace().dropBoardReadAhead();
            }
        }

        boolean cancelled() {
            return cancelled;
        }
    }

    private final Executor io;
    // workspace thread
    private Read held;

    ReadAhead(Executor io) {
        this.io = Objects.requireNonNull(io, "io");
    }

    /**
     * Opens the workspace of {@code id} with {@code opener} and reads its board, on the workspace thread, unless it is
     * called off first or {@code skip} says so when its turn comes (nothing to read ahead: a workspace is open already).
     */
    Read start(WorkspaceId id, BooleanSupplier skip, Function<WorkspaceId, Opened> opener) {
        Read read = new Read(id);
        io.execute(() -> {
            if (read.cancelled() || held != null || skip.getAsBoolean()) {
                return;
            }
            try {
                read.opened = opener.apply(id);
                held = read;
                read.opened.workspace().readBoardAhead(read::cancelled);
            } catch (LocalLaunch.Cancelled e) {
                LOG.info("Reading the local copy ahead was called off: no session is kept");
            } catch (RuntimeException e) {
                // the launch opens or reads it again, and says why
                LOG.info("The local copy was not read ahead: {}", e.getMessage());
            }
        });
        return read;
    }

    /** No kept session after all: the read stops and its workspace is closed, unless a session took it meanwhile. */
    void callOff(Read read) {
        read.cancel();
        try {
            io.execute(() -> {
                if (held == read) {
                    held = null;
                    read.opened.workspace().close();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("The session closed first; its workspace thread closed what it held");
        }
    }

    /**
     * On the workspace thread: the workspace read ahead when it is of {@code id} ({@code notice} hears of a recovery
     * at its opening), else null (another user's is closed).
     */
    OpenWorkspace take(WorkspaceId id, Consumer<String> notice) {
        Read read = held;
        held = null;
        if (read == null) {
            return null;
        }
        if (read.id.equals(id)) {
            read.opened.recovery().ifPresent(r -> notice.accept(r.message()));
            return read.opened.workspace();
        }
        read.opened.workspace().close();
        return null;
    }

    /** On the workspace thread: how many deals the board read ahead and not taken holds (0: none). */
    int heldDeals() {
        Read read = held;
        return read == null ? 0 : read.opened.workspace().boardReadAhead().orElse(0);
    }

    /** At close, once the workspace thread ended: closes what no session took. */
    void close() {
        Read read = held;
        held = null;
        if (read != null) {
            read.opened.workspace().close();
        }
    }
}
