package com.flowcrm.local.credentials;

import com.flowcrm.local.WorkspaceId;
import java.util.Objects;

/**
 * Whose refresh token an entry is: the same (server, user) identity as the workspace. In the OS store the service is
 * {@code "Flow CRM " + apiUrl} and the account the email, so the Keychain / Credential Manager shows what it is.
 */
public record CredentialKey(WorkspaceId workspace) {
    public CredentialKey {
        Objects.requireNonNull(workspace, "workspace");
    }

    public static CredentialKey of(String apiUrl, String email) {
        return new CredentialKey(new WorkspaceId(apiUrl, email));
    }

    public String service() {
        return "Flow CRM " + workspace.apiUrl();
    }

    public String account() {
        return workspace.email();
    }

    @Override
    public String toString() {
        return workspace.toString();
    }
}
