package com.flowcrm.local;

import java.sql.ResultSet;
import java.sql.Statement;

/** What tests of other packages may do to a workspace: fill its disk (SQLite's max_page_count, a real SQLITE_FULL). */
public final class WorkspaceTestHooks {
    private WorkspaceTestHooks() {
    }

    /** Leaves room for about one more page (a real "disk full" from SQLite itself); {@code false} gives it back. */
    public static void diskFull(Workspace workspace, boolean full) {
        LocalTestSupport.await(workspace.flush());
        LocalTestSupport.await(workspace.writer().onConnection(rows -> {
            try (Statement s = rows.connection().createStatement()) {
                long pages;
                try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                    rs.next();
                    pages = rs.getLong(1);
                }
                s.execute("PRAGMA max_page_count = " + (full ? pages + 1 : 1_000_000));
            }
            return null;
        }));
    }
}
