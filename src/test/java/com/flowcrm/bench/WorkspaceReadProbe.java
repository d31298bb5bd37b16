package com.flowcrm.bench;

import com.flowcrm.local.ConfirmedState;
import com.flowcrm.local.OpenedWorkspace;
import com.flowcrm.local.RecordType;
import com.flowcrm.local.SqliteNativeLibrary;
import com.flowcrm.local.Workspace;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.Workspaces;
import java.nio.file.Path;
import java.util.List;

/**
 * A launch as the app does it, in a JVM of its own (cold: nothing loaded, nothing compiled): load SQLite's native
 * library, open an existing workspace, read every confirmed record once (in one snapshot, or deals and contacts on two
 * threads with {@code parallel}). Prints
 * {@code workspace_ms=<native load> <open> <read> <records> <chars> <read CPU of the reading thread>}.
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
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        try (Workspace workspace = opened.workspace()) {
            if (args.length > 3 && args[3].equals("parallel")) {
                // Deals and contacts on two threads, the cursor taken first (see Workspace.readRecords).
                workspace.readSyncState();
                var contacts = java.util.concurrent.CompletableFuture.supplyAsync(() -> count(workspace, RecordType.CONTACT));
                long[] deals = count(workspace, RecordType.DEAL);
                long[] more = contacts.join();
                counts[0] = deals[0] + more[0];
                counts[1] = deals[1] + more[1];
            } else {
                ConfirmedState state = workspace.readConfirmed((type, recordId, json) -> {
                    counts[0]++;
                    counts[1] += json.length();
                });
                if (state.isEmpty()) {
                    throw new IllegalStateException("nothing to read in " + workspace.file());
                }
            }
            long t3 = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            System.out.println(PREFIX + ms(t1 - t0) + " " + ms(t2 - t1) + " " + ms(t3 - t2) + " " + counts[0] + " " + counts[1]
                    + " " + ms(cpu));
        }
    }

    private static long[] count(Workspace workspace, RecordType type) {
        long[] counts = new long[2];
        workspace.readRecords(List.of(type), (t, recordId, json) -> {
            counts[0]++;
            counts[1] += json.length();
        });
        return counts;
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
