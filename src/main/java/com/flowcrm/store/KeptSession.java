package com.flowcrm.store;

import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.credentials.CredentialKey;
import com.flowcrm.local.credentials.CredentialStore;
import com.flowcrm.local.credentials.CredentialStoreException;
import com.flowcrm.local.credentials.CredentialStoreStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session kept between runs: the refresh token of a (server, user) in the OS credential store, written whenever
 * the server hands out a new one, read at start, removed at sign-out or when the server refuses it. Never a file,
 * never the access token or the password, never logged. Every call to the store runs on a thread of its own (the store
 * may block on D-Bus or the Keychain for seconds at first use, and the local copy is read meanwhile on the workspace
 * thread), one call at a time in the order they were made: a forget is never overtaken by an earlier keep.
 */
final class KeptSession {
    private static final Logger LOG = LoggerFactory.getLogger(KeptSession.class);

    private final CredentialStore store;
    private final ExecutorService thread;
    private final Consumer<Runnable> onUi;
    /** UI thread: why the session cannot be kept, for the sign-in screen; null when it can or was dismissed. */
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "credentialNotice");
    private final AtomicBoolean unusableTold = new AtomicBoolean();
    private volatile CredentialStoreStatus status;
    private volatile String kept;

    /**
     * @param storage null: nothing is kept (a live-only session)
     * @param thread  a single thread for this store alone; the first thing it does is wait for the storage's opening
     *                (nothing asks D-Bus before the window shows)
     * @param onUi    runs on the UI thread (the notice changes there)
     */
    KeptSession(LocalStorage storage, ExecutorService thread, Consumer<Runnable> onUi) {
        this.store = storage == null ? null : storage.credentials();
        this.thread = Objects.requireNonNull(thread, "thread");
        this.onUi = Objects.requireNonNull(onUi, "onUi");
        if (storage != null) {
            thread.execute(storage::awaitOpening);
        }
    }

    /** Whether the store can keep a session; when it cannot, {@link #noticeProperty()} says why, once per session. */
    CompletableFuture<CredentialStoreStatus> check() {
        if (store == null) {
            return CompletableFuture.completedFuture(CredentialStoreStatus.notUsable("no local storage"));
        }
        return CompletableFuture.supplyAsync(() -> {
            CredentialStoreStatus now = status();
            if (!now.usable() && unusableTold.compareAndSet(false, true)) {
                LOG.info("The session cannot be kept between runs: the credential store is {}", now.description());
                String message = "Flow CRM cannot keep you signed in on this computer: the credential store is "
                        + now.description() + ". You will sign in each time you open it.";
                onUi.accept(() -> notice.set(message));
            }
            return now;
        }, thread);
    }

    ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** UI thread. */
    void dismissNotice() {
        notice.set(null);
    }

    private CredentialStoreStatus status() {
        CredentialStoreStatus now = status;
        if (now == null) {
            now = store.status();
            status = now;
        }
        return now;
    }

    /** The refresh token kept for this server and user; empty when none, or the store cannot be read. */
    CompletableFuture<Optional<String>> read(String apiUrl, String email) {
        if (store == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                Optional<String> token = store.readRefreshToken(CredentialKey.of(apiUrl, email));
                token.ifPresent(t -> kept = t);
                return token;
            } catch (CredentialStoreException | RuntimeException e) {
                LOG.warn("Cannot read the kept session of {}: {}", email, e.getMessage());
                return Optional.<String>empty();
            }
        }, thread);
    }

    /** Keeps a new refresh token of this workspace's user (in the background; a repeat is not written again). */
    void keep(WorkspaceId id, String token) {
        if (store == null || token.equals(kept)) {
            return;
        }
        kept = token;
        CredentialKey key = new CredentialKey(id);
        run(() -> {
            if (!status().usable()) {
                return;
            }
            try {
                store.writeRefreshToken(key, token);
            } catch (CredentialStoreException | RuntimeException e) {
                LOG.warn("The session of {} could not be kept for the next start: {}", key, e.getMessage());
            }
        }, "keep the session");
    }

    /** Removes the kept session of this user, after every keep asked for before; completes once it is gone (or failed). */
    CompletableFuture<Void> forget(WorkspaceId id) {
        kept = null;
        return run(() -> {
            try {
                store.deleteRefreshToken(new CredentialKey(id));
            } catch (CredentialStoreException | RuntimeException e) {
                LOG.warn("The kept session of {} could not be removed: {}", id, e.getMessage());
            }
        }, "forget the session");
    }

    private CompletableFuture<Void> run(Runnable call, String what) {
        if (store == null) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return CompletableFuture.runAsync(call, thread);
        } catch (RejectedExecutionException e) {
            // the app is closing: its credential thread ran what was asked before and is gone
            LOG.warn("Too late to {}: the session is closed", what);
            return CompletableFuture.completedFuture(null);
        }
    }
}
