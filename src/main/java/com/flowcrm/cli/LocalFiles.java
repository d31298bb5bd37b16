package com.flowcrm.cli;

import com.flowcrm.local.SqliteNativeLibrary;
import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.CredentialStore;
import com.flowcrm.store.LocalStorage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the commands find the local workspaces (the window's own, {@code <app data>/workspaces}), SQLite's library
 * folder and the credential store of kept sessions. The entry point makes it from the app's folders; tests pass their
 * own.
 */
public record LocalFiles(Path workspacesDir, Path nativeLibraryDir, Supplier<CredentialStore> credentials) {
    public LocalFiles {
        Objects.requireNonNull(workspacesDir, "workspacesDir");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The workspaces, with SQLite loaded from the app's library folder first (never from a noexec temp folder). */
    Workspaces workspaces() {
        if (nativeLibraryDir != null) {
            SqliteNativeLibrary.prepare(nativeLibraryDir);
        }
        return new Workspaces(workspacesDir);
    }

    /** A fresh storage for one command's session (the credential store is made when the command runs). */
    LocalStorage storage() {
        return new LocalStorage(new Workspaces(workspacesDir), credentials.get(), nativeLibraryDir);
    }
}
