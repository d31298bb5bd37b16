package com.flowcrm.store;

import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.credentials.CredentialKey;
import com.flowcrm.local.credentials.CredentialStore;
import com.flowcrm.local.credentials.CredentialStoreException;
import com.flowcrm.local.credentials.CredentialStoreStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session kept between runs: the refresh token of a (server, user) in the OS credential store, written whenever
 * the server hands out a new one, read at start, removed at sign-out or when the server refuses it. Never a file,
 * never the access token or the password, never logged. Every call to the store runs on the given background
 * executor (the store may block on D-Bus or the Keychain).
 */
final class KeptSession {
    private static final Logger LOG = LoggerFactory.getLogger(KeptSession.class);

    private final CredentialStore store;
    private final Executor io;
    private volatile CredentialStoreStatus status;
    private volatile String kept;

    KeptSession(CredentialStore store, Executor io) {
        this.store = Objects.requireNonNull(store, "store");
        this.io = Objects.requireNonNull(io, "io");
    }

    /** Whether the store can keep a session; {@code unusable} hears why once when it cannot. */
    CompletableFuture<CredentialStoreStatus> check(Consumer<String> unusable) {
        return CompletableFuture.supplyAsync(() -> {
            CredentialStoreStatus now = status();
            if (!now.usable()) {
                LOG.info("The session cannot be kept between runs: the credential store is {}", now.description());
                unusable.accept("Flow CRM cannot keep you signed in on this computer: the credential store is "
                        + now.description() + ". You will sign in each time you open it.");
            }
            return now;
        }, io);
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
        return CompletableFuture.supplyAsync(() -> {
            try {
                Optional<String> token = store.readRefreshToken(CredentialKey.of(apiUrl, email));
                token.ifPresent(t -> kept = t);
                return token;
            } catch (CredentialStoreException | RuntimeException e) {
                LOG.warn("Cannot read the kept session of {}: {}", email, e.getMessage());
                return Optional.<String>empty();
            }
        }, io);
    }

    /** Keeps a new refresh token of this workspace's user (in the background; a repeat is not written again). */
    void keep(WorkspaceId id, String token) {
        if (token.equals(kept)) {
            return;
        }
        kept = token;
        CredentialKey key = new CredentialKey(id);
        io.execute(() -> {
            if (!status().usable()) {
                return;
            }
            try {
                store.writeRefreshToken(key, token);
            } catch (CredentialStoreException | RuntimeException e) {
                LOG.warn("The session of {} could not be kept for the next start: {}", key, e.getMessage());
            }
        });
    }

    /** Removes the kept session of this user; on the calling (background) thread. */
    void forget(WorkspaceId id) {
        kept = null;
        try {
            store.deleteRefreshToken(new CredentialKey(id));
        } catch (CredentialStoreException | RuntimeException e) {
            LOG.warn("The kept session of {} could not be removed: {}", id, e.getMessage());
        }
    }
}
