package com.flowcrm.local;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link Workspaces#open}: the workspace, whether it was created just now (nothing on disk yet: sign in
 * with the network first), and the recovery to tell the rep about when the old file had to be set aside.
 */
public record OpenedWorkspace(Workspace workspace, boolean created, Optional<WorkspaceRecovery> recovery) {
    public OpenedWorkspace {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(recovery, "recovery");
    }
}
