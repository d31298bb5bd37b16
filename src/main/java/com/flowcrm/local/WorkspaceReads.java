package com.flowcrm.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads on the caller's thread, each on its own short-lived read-only connection inside one read transaction: WAL
 * lets them run beside the writer, and everything one read returns comes from the same committed state (the cursor
 * with the records it covers). Opening a connection costs well under a millisecond once SQLite is loaded.
 */
final class WorkspaceReads {
    /** The SQL work of one read. */
    @FunctionalInterface
    interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final Path file;

    WorkspaceReads(Path file) {
        this.file = file;
    }

    /** Runs {@code read} in one read transaction; SQLite failures become {@link WorkspaceException}s. */
    <T> T read(String doing, Read<T> read) {
        try (Connection connection = SqliteConnections.openReadOnly(file); Statement s = connection.createStatement()) {
            // One snapshot for every SELECT of this read; closing the connection ends it.
            s.execute("BEGIN");
            return read.apply(connection);
        } catch (SQLException e) {
            throw SqliteFailures.classify(e, file, doing);
        }
    }
}
