package com.flowcrm.store;

import com.flowcrm.common.DaemonThreads;
import com.flowcrm.common.Failures;
import com.flowcrm.local.OpenedWorkspace;
import com.flowcrm.local.SqliteNativeLibrary;
import com.flowcrm.local.Workspace;
import com.flowcrm.local.WorkspaceException;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's local side: which user's workspace is open (one at a time: signing in as someone else closes the
 * other's, so two users' data never mix), the session kept between runs in the OS credential store, and the mode the
 * window shows (live, offline from the local copy, read-only after the server refused the session). Opening, reading
 * and closing a workspace run on a thread of their own, the credential store's calls on another (it may block on
 * D-Bus while the board is read), never on the UI thread. Without
 * {@link LocalStorage} it stays empty and the session is live only.
 */
final class OfflineSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineSession.class);
    /** What a change waiting for a refused session says, and what the read-only banner says. */
    static final String SIGN_IN_AGAIN = "Sign in again to send your changes.";

    private final LocalStorage storage;
    private final RootStore root;
    private final PendingChanges pending;
    private final SessionAuth auth;
    private final Clock clock;
    private final Consumer<String> refused;
    private final ExecutorService io = Executors.newSingleThreadExecutor(DaemonThreads.named("flow-workspace"));
    /** The credential store's own thread: it may block on D-Bus for seconds while the workspace thread reads. */
    private final ExecutorService credentialsThread = Executors.newSingleThreadExecutor(
            DaemonThreads.named("flow-credentials"));
    private volatile OpenWorkspace open;
    /** Signed in with tokens the server accepted in this session (not just the local copy on screen). */
    private volatile boolean connected;
    private volatile boolean readOnly;
    private final KeptSession kept;
    private final ReadAhead aheads = new ReadAhead(io);
    /** Set on the workspace thread when SQLite could not be loaded: every session is live only then. */
    private boolean sqliteUnusable;
    /** False for the command line: it sends when it says so ({@link OfflineSession#sendNow}), nothing in the background. */
    private volatile boolean sendsInBackground = true;

    // UI thread
    private final ReadOnlyObjectWrapper<SessionMode> mode = new ReadOnlyObjectWrapper<>(this, "mode", SessionMode.SIGNED_OUT);
    private final ReadOnlyStringWrapper workspaceNotice = new ReadOnlyStringWrapper(this, "workspaceNotice");
    private boolean diskOnly;
    private Instant lastSyncedAt;
    private Instant lastLiveAt;

    /** @param refused ends the session as refused by the server (the sender got a 401 after a refresh) */
    OfflineSession(LocalStorage storage, RootStore root, SessionAuth auth, Clock clock, Consumer<String> refused) {
        this.storage = storage;
        this.root = Objects.requireNonNull(root, "root");
        this.pending = new PendingChanges(root);
        this.auth = Objects.requireNonNull(auth, "auth");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refused = Objects.requireNonNull(refused, "refused");
        this.kept = new KeptSession(storage, credentialsThread, root.dispatcher()::submit);
        auth.setWorksOffline(() -> open != null);
        auth.addRefreshTokenListener(this::keepRefreshToken);
        if (storage != null) {
            // first on the workspace thread: every open, read and write waits for it, and the UI thread never does
            io.execute(() -> {
                storage.awaitOpening();
                if (storage.nativeLibraryDir() != null) {
                    loadSqlite();
                }
            });
        }
    }

    private void loadSqlite() {
        try {
            SqliteNativeLibrary.prepare(storage.nativeLibraryDir());
        } catch (WorkspaceException e) {
            sqliteUnusable = true;
            LOG.error("The local copy cannot be used: {}", e.getMessage());
            notice(e.getMessage() + " Flow CRM works live only: nothing is kept on this computer.");
        }
    }

    boolean enabled() {
        return storage != null;
    }

    PendingChanges pending() {
        return pending;
    }

    /** The outbox of the open workspace, or null (live only). */
    ChangeRecorder recorder() {
        OpenWorkspace ws = open;
        return ws == null || readOnly ? null : ws.recorder();
    }

    boolean readOnly() {
        return readOnly;
    }

    OpenWorkspace current() {
        return open;
    }

    /** Whether the sender may send: signed in with tokens the server accepted, not refused since. */
    boolean canSend() {
        return connected && !readOnly && auth.isActive() && open != null;
    }

    ReadOnlyObjectProperty<SessionMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    ReadOnlyStringProperty workspaceNoticeProperty() {
        return workspaceNotice.getReadOnlyProperty();
    }

    void dismissWorkspaceNotice() {
        workspaceNotice.set(null);
    }

    // ---- the credential store ----------------------------------------------------------------------------------

    /** The session kept in the OS credential store (its calls run on a thread of their own). */
    KeptSession kept() {
        return kept;
    }

    /** Whether this user has a workspace with data on this server (then the app can open from it). */
    boolean hasWorkspace(String apiUrl, String email) {
        try {
            return storage != null && storage.workspaces().exists(new WorkspaceId(apiUrl, email));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void keepRefreshToken(String token) {
        OpenWorkspace ws = open;
        if (ws != null && !readOnly) {
            kept.keep(ws.id(), token);
        }
    }

    // ---- opening and closing -------------------------------------------------------------------------------------

    /**
     * The workspace of this user on this server, open and wired to the stores: the one already open when it is theirs
     * (a session that expired, resumed), else the other user's is closed (its data leaves the stores) and theirs is
     * opened (created when new). Completes with null when it cannot be used (a newer version's file, a folder that
     * cannot be written): the session is then live only and {@link #workspaceNoticeProperty()} says why.
     */
    CompletableFuture<OpenWorkspace> open(String apiUrl, String email) {
        if (storage == null) {
            return CompletableFuture.completedFuture(null);
        }
        WorkspaceId id;
        try {
            id = new WorkspaceId(apiUrl, email);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(null);
        }
        OpenWorkspace current = open;
        if (current != null && current.id().equals(id)) {
            return CompletableFuture.completedFuture(current);
        }
        return CompletableFuture.supplyAsync(() -> {
            // looked at again here: an open asked for meanwhile ran first
            OpenWorkspace now = open;
            if (now != null && now.id().equals(id)) {
                return now;
            }
            if (now != null) {
                closeOnThisThread(now, false);
            }
            if (sqliteUnusable) {
                return null;
            }
            try {
                OpenWorkspace ws = aheads.take(id, this::notice);
                if (ws == null) {
                    ReadAhead.Opened opened = openUnwired(id);
                    opened.recovery().ifPresent(r -> notice(r.message()));
                    ws = opened.workspace();
                }
                onUi(ws::attach).join();
                readOnly = false;
                open = ws;
                if (sendsInBackground) {
                    ws.startSending();
                }
                LOG.info("Local copy {} open", ws.workspace().file().getFileName());
                return ws;
            } catch (WorkspaceException e) {
                LOG.warn("The local copy of {} cannot be used: {}", id, e.getMessage());
                notice(e.kind() == WorkspaceException.Kind.NEWER_VERSION ? e.getMessage()
                        + " Until then Flow CRM works live only: nothing is kept on this computer."
                        : e.getMessage() + " Flow CRM works live only for now.");
                return null;
            } catch (IllegalStateException e) {
                LOG.warn("The local copy of {} cannot be opened: {}", id, e.getMessage());
                notice(e.getMessage() + ". Flow CRM works live only for now.");
                return null;
            }
        }, io);
    }

    /**
     * Opens this user's workspace and reads its board on the workspace thread while the kept session is looked up,
     * wiring nothing: {@link #open} takes it (a launch then shows the board read ahead); called off when none is kept.
     */
    ReadAhead.Read readAhead(String apiUrl, String email) {
        return aheads.start(new WorkspaceId(apiUrl, email), () -> sqliteUnusable || open != null, this::openUnwired);
    }

    void callOff(ReadAhead.Read read) {
        aheads.callOff(read);
    }

    /** The deals of the board read ahead and not taken yet (tests); 0 when none. */
    CompletableFuture<Integer> boardReadAhead() {
        return CompletableFuture.supplyAsync(aheads::heldDeals, io);
    }

    /** Opens the workspace file (created when new) and makes it ready to wire; on the workspace thread. */
    private ReadAhead.Opened openUnwired(WorkspaceId id) {
        OpenedWorkspace opened = storage.workspaces().open(id);
        try {
            return new ReadAhead.Opened(new OpenWorkspace(opened.workspace(), opened.created(), root, pending, auth::api,
                    clock, this::canSend, refused), opened.recovery());
        } catch (RuntimeException e) {
            opened.workspace().close();
            throw e;
        }
    }

    /**
     * Fills the stores from the open workspace (the board first); {@code dealsShown} runs on the UI thread once the
     * deals are in. A damaged file found while reading is set aside and a fresh one opened (the rep is told): the
     * stores then stay empty until the server answers.
     */
    CompletableFuture<LocalLaunch.Loaded> launch(Consumer<LocalLaunch.Loaded> dealsShown) {
        OpenWorkspace ws = open;
        if (ws == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("No local copy is open"));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                LocalLaunch.Loaded loaded = ws.launch(dealsShown);
                onUi(() -> {
                    diskOnly = true;
                    lastSyncedAt = loaded.sync().lastSyncedAt().orElse(null);
                });
                checkIntegrityLater(ws);
                return loaded;
            } catch (WorkspaceException e) {
                if (e.kind() != WorkspaceException.Kind.CORRUPT) {
                    throw e;
                }
                recover(ws);
                throw e;
            }
        }, io);
    }

    /** Once the board shows: a full check of the file, which sets it aside when damaged. */
    private void checkIntegrityLater(OpenWorkspace ws) {
        io.execute(() -> {
            if (open != ws) {
                return;
            }
            try {
                Optional<String> problem = ws.workspace().checkIntegrity();
                if (problem.isPresent()) {
                    LOG.warn("The local copy {} is damaged: {}", ws.workspace().file().getFileName(), problem.get());
                    recover(ws);
                }
            } catch (WorkspaceException e) {
                LOG.warn("Checking the local copy failed: {}", e.getMessage());
            }
        });
    }

    /** Sets a damaged workspace aside (its outbox carried over) and opens the fresh one in its place. */
    private void recover(OpenWorkspace damaged) {
        onUi(damaged::detach).join();
        damaged.sender().close();
        OpenedWorkspace fresh = storage.workspaces().recover(damaged.workspace());
        fresh.recovery().ifPresent(r -> notice(r.message()));
        OpenWorkspace ws = new OpenWorkspace(fresh.workspace(), true, root, pending, auth::api, clock, this::canSend,
                refused);
        onUi(ws::attach).join();
        open = ws;
        if (sendsInBackground) {
            ws.startSending();
        }
    }

    /** The command line sends only when asked, and reports an unreachable server instead of opening offline. */
    void sendOnlyWhenAsked() {
        sendsInBackground = false;
    }

    /** Whether a sign-in that cannot reach the server opens the local copy instead (the window; not the commands). */
    boolean opensOfflineWhenUnreachable() {
        return sendsInBackground;
    }

    /**
     * One pass over the outbox now (waiting up to 30 s for another process that is sending it), then the outbox as it
     * is after it: what the {@code sync} command reports.
     */
    CompletableFuture<SendSummary> sendNow() {
        OpenWorkspace ws = open;
        if (ws == null) {
            return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.REJECTED,
                    "There is no local copy open."));
        }
        return CompletableFuture.supplyAsync(() -> ws.sendNow(Duration.ofSeconds(30)), io);
    }

    // ---- the session's course ----------------------------------------------------------------------------------

    /** The server accepted the sign-in: the user is saved with the data, the session kept for the next start. */
    void signedIn(User user) {
        connected = true;
        readOnly = false;
        OpenWorkspace ws = open;
        if (ws != null) {
            ws.dropBoardReadAhead();
            try {
                ws.copy().saveUser(user);
            } catch (WorkspaceException e) {
                LOG.debug("The user was not saved in the local copy: {}", e.getMessage());
            }
            String refresh = auth.api().tokens() == null ? null : auth.api().tokens().refreshToken();
            if (refresh != null) {
                keepRefreshToken(refresh);
            }
        }
    }

    /**
     * A full load arrived (on the loading thread, before the stores have it): it replaces the confirmed copy, with the
     * change-log position the lists were read at ({@code syncSeq}; empty from a server without a change log).
     */
    void beforeStores(List<Deal> deals, List<Contact> contacts, List<Notification> notifications, OptionalLong syncSeq) {
        OpenWorkspace ws = open;
        if (ws == null) {
            return;
        }
        try {
            ws.copy().replaceAll(deals, contacts, notifications, null, syncSeq);
        } catch (WorkspaceException e) {
            // the stores still get the data; the local copy catches up with the next reload
            LOG.warn("The reload could not be saved in the local copy: {}", e.getMessage());
        }
    }

    /** A full load is in the stores (UI thread): what was noted for the local copy before it is in the reload. */
    void reloadedInStores() {
        OpenWorkspace ws = open;
        if (ws != null) {
            ws.copy().reloaded();
        }
    }

    /** The stores are up to date with the server (UI thread): the data is the server's as of now; waiting changes go out. */
    void upToDate() {
        OpenWorkspace ws = open;
        if (ws != null) {
            ws.sender().online();
        }
        diskOnly = false;
        lastSyncedAt = clock.instant();
    }

    /**
     * The server refused the session: the workspace and the stores stay (read-only until the rep signs in again), the
     * kept session is forgotten (it was refused), nothing is sent.
     */
    void expired() {
        connected = false;
        OpenWorkspace ws = open;
        if (ws != null) {
            readOnly = true;
            kept.forget(ws.id());
        }
    }

    /** Whether a refused session keeps its workspace (then the data stays on screen, read-only). */
    boolean keepsDataWhenRefused() {
        return open != null;
    }

    /**
     * Signing out: what {@code choice} says happens to the waiting changes ({@code sendNow} sends what it can first),
     * the kept session is forgotten and the workspace closed (removed with {@link SignOutChoice#REMOVE_LOCAL_DATA}).
     * The stores are emptied on the UI thread in between, after the confirmed copy got what it still had to write.
     */
    CompletableFuture<SignOutResult> signOut(SignOutChoice choice) {
        OpenWorkspace ws = open;
        if (ws == null) {
            return CompletableFuture.completedFuture(SignOutResult.NOTHING);
        }
        return CompletableFuture.supplyAsync(() -> {
            int sent = 0;
            int discarded = 0;
            try {
                if (choice == SignOutChoice.SEND_NOW && canSend()) {
                    OutboxSender.PassResult pass = ws.sender().sendNow(Duration.ofSeconds(10));
                    sent = pass.sent() + pass.alreadyApplied();
                }
                if (choice == SignOutChoice.DISCARD) {
                    discarded = ws.discardAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("Sign-out: the waiting changes could not be {}: {}", choice == SignOutChoice.DISCARD
                        ? "discarded" : "sent", e.getMessage());
            }
            int waiting = choice == SignOutChoice.REMOVE_LOCAL_DATA ? 0 : ws.notSent();
            connected = false;
            // waited for, so that quitting right after signing out cannot leave the session kept
            kept.forget(ws.id()).join();
            closeOnThisThread(ws, choice == SignOutChoice.REMOVE_LOCAL_DATA);
            return new SignOutResult(sent, waiting, discarded, choice == SignOutChoice.REMOVE_LOCAL_DATA);
        }, io);
    }

    /** Closes the open workspace (the stores empty) without touching its changes or the kept session. */
    CompletableFuture<Void> closeKeepingSession() {
        OpenWorkspace ws = open;
        if (ws == null) {
            return CompletableFuture.completedFuture(null);
        }
        connected = false;
        return CompletableFuture.runAsync(() -> closeOnThisThread(ws, false), io);
    }

    /** Unwires the workspace (UI thread, which also empties the stores) and closes it here; removes it when asked. */
    private void closeOnThisThread(OpenWorkspace ws, boolean remove) {
        if (open == ws) {
            open = null;
        }
        readOnly = false;
        onUi(() -> {
            ws.detach();
            root.clear();
            diskOnly = false;
            lastSyncedAt = null;
        }).join();
        ws.close();
        if (remove) {
            try {
                storage.workspaces().remove(ws.id());
                Files.deleteIfExists(SendLease.lockFileOf(ws.workspace().file()));
            } catch (RuntimeException | java.io.IOException e) {
                LOG.warn("The local copy {} could not be removed: {}", ws.workspace().file(), e.getMessage());
                notice("The local copy could not be removed: " + e.getMessage());
            }
        }
        LOG.info("Local copy {} closed{}", ws.workspace().file().getFileName(), remove ? " and removed" : "");
    }

    // ---- the mode the window shows (UI thread) -------------------------------------------------------------------

    /** Works the mode out again from the session's state and the live connection. */
    void updateMode(SessionState state, ConnectionReport connection) {
        OpenWorkspace ws = open;
        SessionMode next;
        Instant now = clock.instant();
        if (ws == null) {
            next = state == SessionState.ACTIVE ? new SessionMode(SessionMode.Kind.LIVE, null, null, false)
                    : SessionMode.SIGNED_OUT;
        } else {
            String email = ws.id().email();
            if (readOnly || state == SessionState.EXPIRED) {
                next = new SessionMode(SessionMode.Kind.READ_ONLY, lastSyncedAt, email, true);
            } else if (state != SessionState.ACTIVE) {
                next = SessionMode.SIGNED_OUT;
            } else if (diskOnly || connection.phase() == ConnectionReport.Phase.OFFLINE) {
                next = new SessionMode(SessionMode.Kind.OFFLINE, lastSyncedAt, email, true);
            } else {
                next = new SessionMode(SessionMode.Kind.LIVE, null, email, true);
            }
            if (next.kind() == SessionMode.Kind.LIVE && connection.phase() == ConnectionReport.Phase.LIVE) {
                lastLiveAt = now;
                lastSyncedAt = now;
                ws.copy().live();
            }
            SessionMode before = mode.get();
            if (before.kind() == SessionMode.Kind.LIVE && next.kind() == SessionMode.Kind.OFFLINE && lastLiveAt != null) {
                ws.copy().lostServer(lastLiveAt);
                next = new SessionMode(SessionMode.Kind.OFFLINE, lastLiveAt, email, true);
            }
        }
        if (!next.equals(mode.get())) {
            mode.set(next);
        }
    }

    /** Showing the local copy only (the server has not answered in this session). */
    boolean diskOnly() {
        return diskOnly;
    }

    private void notice(String message) {
        root.dispatcher().submit(() -> workspaceNotice.set(message));
    }

    private CompletableFuture<Void> onUi(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        root.dispatcher().submit(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** At exit: stops sending and closes the workspace (its writer commits what it was handed). Blocks briefly. */
    @Override
    public void close() {
        OpenWorkspace ws = open;
        open = null;
        if (ws != null) {
            handOverBeforeClose(ws);
            try {
                ws.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the local copy: {}", Failures.unwrap(e).getMessage());
            }
        }
        if (DaemonThreads.stop(io, "workspace", Duration.ofSeconds(5))) {
            aheads.close();
        }
        // after what was asked of it ran: a forget asked at sign-out is not dropped
        DaemonThreads.finish(credentialsThread, "credential store", Duration.ofSeconds(5));
    }

    /**
     * App exit: what the stores noted for the local copy and not yet handed to the writer goes to it now, so the copy
     * on disk has the last state the rep saw (the app's stop runs on the UI thread itself; a command's store thread is
     * still alive here). Bounded: a UI thread that does not answer loses only what the next catch-up brings back.
     */
    private void handOverBeforeClose(OpenWorkspace ws) {
        try {
            if (root.dispatcher().isUiThread()) {
                ws.copy().detach();
            } else {
                onUi(ws.copy()::detach).get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("The last changes could not be handed to the local copy before it closed: {}", e.toString());
        }
    }

    /** The open workspace's file, for messages and tests. */
    Optional<Workspace> workspace() {
        OpenWorkspace ws = open;
        return ws == null ? Optional.empty() : Optional.of(ws.workspace());
    }
}
