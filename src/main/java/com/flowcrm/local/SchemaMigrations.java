package com.flowcrm.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The workspace's versioned schema: numbered SQL files in resources, applied in order, each in its own transaction
 * together with the {@code PRAGMA user_version} it reaches, so a crash mid-migration leaves the previous version
 * whole. (Flyway 13 supports SQLite in flyway-core, but cost about 330 ms more start-up than this in a measurement:
 * see the package documentation.)
 *
 * <p>Migration {@code n} (1-based) is the {@code n}-th file of the list; files are plain statements separated by a
 * semicolon at the end of a line, with {@code --} comment lines (no triggers, whose bodies hold semicolons).
 */
final class SchemaMigrations {
    static final String RESOURCE_FOLDER = "/com/flowcrm/local/schema/";
    /** The app's migrations; the workspace format version is their count. */
    static final SchemaMigrations APP = new SchemaMigrations(RESOURCE_FOLDER,
            List.of("001-confirmed-state-and-outbox.sql"));

    private final String folder;
    private final List<String> files;

    SchemaMigrations(String folder, List<String> files) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.files = List.copyOf(files);
    }

    /** The version a workspace has after every migration ran. */
    int latestVersion() {
        return files.size();
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Brings the schema from its current version to {@link #latestVersion()}; returns the version it started from.
     * The caller has checked that the file is not newer than this app. The connection must be in auto-commit mode.
     */
    int migrate(Connection connection) throws SQLException {
        int from = userVersion(connection);
        for (int version = from + 1; version <= latestVersion(); version++) {
            List<String> statements = statements(read(files.get(version - 1)));
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    // Re-read inside the write lock: another process may have migrated in between.
                    if (userVersion(connection) >= version) {
                        s.execute("ROLLBACK");
                        continue;
                    }
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + version);
                    s.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(s);
                    throw e;
                }
            }
        }
        return from;
    }

    private static void rollbackQuietly(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction left to roll back (SQLite already did on the error).
        }
    }

    private String read(String file) {
        String path = folder + file;
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Schema migration missing from the app: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema migration " + path, e);
        }
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
