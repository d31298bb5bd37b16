package com.flowcrm.store;

import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.CredentialStore;
import java.util.Objects;

/**
 * Where a session keeps its offline workspace and its session between runs: the folder of workspaces (one per server
 * and user) and the credential store for the refresh token. Without one a session is live only.
 */
public record LocalStorage(Workspaces workspaces, CredentialStore credentials) {
    public LocalStorage {
        Objects.requireNonNull(workspaces, "workspaces");
        Objects.requireNonNull(credentials, "credentials");
    }
}
