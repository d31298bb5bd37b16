package com.flowcrm.bench;

import com.flowcrm.local.ConfirmedState;
import com.flowcrm.local.OpenedWorkspace;
import com.flowcrm.local.SqliteNativeLibrary;
import com.flowcrm.local.Workspace;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.Workspaces;
import java.nio.file.Path;

/**
 * A launch as the app does it, in a JVM of its own (cold: nothing loaded, nothing compiled): load SQLite's native
 * library, open an existing workspace, read every confirmed record once. Prints
 * {@code workspace_ms=<native load> <open> <read> <records> <chars>}.
 */
public final class WorkspaceReadProbe {
    static final String PREFIX = "workspace_ms=";

    private WorkspaceReadProbe() {
    }

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        WorkspaceId id = new WorkspaceId(args[1], args[2]);
        long t0 = System.nanoTime();
        SqliteNativeLibrary.prepare(folder.resolve("native"));
        long t1 = System.nanoTime();
        OpenedWorkspace opened = new Workspaces(folder.resolve("workspaces")).open(id);
        long t2 = System.nanoTime();
        long[] counts = new long[2];
        try (Workspace workspace = opened.workspace()) {
            ConfirmedState state = workspace.readConfirmed((type, recordId, json) -> {
                counts[0]++;
                counts[1] += json.length();
            });
            long t3 = System.nanoTime();
            if (state.isEmpty()) {
                throw new IllegalStateException("nothing to read in " + workspace.file());
            }
            System.out.println(PREFIX + ms(t1 - t0) + " " + ms(t2 - t1) + " " + ms(t3 - t2) + " " + counts[0] + " " + counts[1]);
        }
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
