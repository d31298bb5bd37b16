package com.flowcrm.store;

import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.CredentialStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Where a session keeps its offline workspace and its session between runs: the folder of workspaces (one per server
 * and user), the credential store for the refresh token, and the folder SQLite's native library is loaded from
 * ({@code null}: it is loaded already, or from the default place), and when the workspace thread may start on them
 * ({@code opensAfter}: the app's window shows first). Without one a session is live only.
 */
public record LocalStorage(Workspaces workspaces, CredentialStore credentials, Path nativeLibraryDir,
        CompletionStage<Void> opensAfter) {
    public LocalStorage {
        Objects.requireNonNull(workspaces, "workspaces");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(opensAfter, "opensAfter");
    }

    /** Storage the workspace thread starts on at once. */
    public LocalStorage(Workspaces workspaces, CredentialStore credentials, Path nativeLibraryDir) {
        this(workspaces, credentials, nativeLibraryDir, CompletableFuture.completedFuture(null));
    }

    public LocalStorage(Workspaces workspaces, CredentialStore credentials) {
        this(workspaces, credentials, null);
    }

    /**
     * Blocks the calling thread (the workspace thread, never the UI thread) until it may start: loading SQLite and
     * opening a local copy take CPU the window's start needs on a small machine, and nothing on screen waits for them.
     */
    void awaitOpening() {
        try {
            opensAfter.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // a start that failed or was called off (the app closing first) lets the local side go on or end
        }
    }
}
