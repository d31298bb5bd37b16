package com.flowcrm.store;

import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.CredentialStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a session keeps its offline workspace and its session between runs: the folder of workspaces (one per server
 * and user), the credential store for the refresh token, and the folder SQLite's native library is loaded from
 * ({@code null}: it is loaded already, or from the default place). Without one a session is live only.
 */
public record LocalStorage(Workspaces workspaces, CredentialStore credentials, Path nativeLibraryDir) {
    public LocalStorage {
        Objects.requireNonNull(workspaces, "workspaces");
        Objects.requireNonNull(credentials, "credentials");
    }

    public LocalStorage(Workspaces workspaces, CredentialStore credentials) {
        this(workspaces, credentials, null);
    }
}
