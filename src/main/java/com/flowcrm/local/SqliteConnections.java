package com.flowcrm.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.sqlite.SQLiteConfig;

/** How the workspace opens SQLite: the writer's connection in WAL mode, and read-only connections that write nothing. */
final class SqliteConnections {
    /** How long a statement waits for another process's lock (the CLI and the window share a workspace). */
    static final int BUSY_TIMEOUT_MS = 10_000;

    private SqliteConnections() {
    }

    static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /**
     * A read-only connection: opening it, reading {@code user_version} and querying change nothing in the file (no
     * journal-mode switch, no schema change), which is what the newer-version check needs.
     */
    static Connection openReadOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config.createConnection(url(file));
    }

    /** The writer's connection: WAL (checked, since SQLite silently keeps another mode when it cannot switch). */
    static Connection openWriter(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection connection = config.createConnection(url(file));
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equals(mode.toLowerCase(Locale.ROOT))) {
                    throw new SQLException("SQLite kept journal mode '" + mode + "' instead of WAL");
                }
            }
            s.execute("PRAGMA synchronous = FULL");
            // A full reload writes ~100 MB through the WAL; without a limit the file keeps that size after checkpoints.
            s.execute("PRAGMA journal_size_limit = " + (16 * 1024 * 1024));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
