package com.flowcrm.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link SqliteNativeLibraryTest}: opens a workspace, first pointing sqlite-jdbc at an app folder
 * when asked to, and prints "ok" or "failed: reason".
 */
public final class NativeLibraryChild {
    private NativeLibraryChild() {
    }

    public static void main(String[] args) throws Exception {
        Path workspaces = Path.of(args[0]);
        try {
            if (args.length > 1) {
                Path used = SqliteNativeLibrary.prepare(Path.of(args[1]));
                try (var files = Files.list(used)) {
                    System.out.println("library folder " + used + " holds " + files.filter(p -> p.getFileName().toString()
                            .startsWith("sqlite-") && !p.getFileName().toString().endsWith(".lck")).count() + " extracted file(s)");
                }
            }
            try (Workspace workspace = new Workspaces(workspaces).open(LocalTestSupport.DANA).workspace()) {
                workspace.upsert(RecordType.DEAL, "d1", "{\"id\":\"d1\"}");
                workspace.flush().join();
            }
            System.out.println("ok");
        } catch (Throwable e) {
            System.out.println("failed: " + e);
        }
    }
}
