package com.flowcrm.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-level steps of opening a workspace: look at a file without writing to it, set a bad one aside with a
 * timestamp, read what can be read of its outbox, and delete a workspace with its companions.
 */
final class WorkspaceFiles {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceFiles.class);
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** The files SQLite keeps beside a database. */
    static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

    private WorkspaceFiles() {
    }

    /** What a look at an existing file found. */
    sealed interface Inspection {
    }

    /** Usable: SQLite, readable, at most this app's version. */
    record Usable(int version) implements Inspection {
    }

    record Newer(int version) implements Inspection {
    }

    record NotADatabase() implements Inspection {
    }

    record Corrupt(SQLException cause) implements Inspection {
    }

    /**
     * Looks at the file through the header bytes and a read-only connection only: nothing it does writes the
     * database file (not even the switch to WAL), so a newer version's file stays byte for byte as it was.
     */
    static Inspection inspect(Path file, int latestVersion) throws SQLException, IOException {
        if (!hasSqliteHeader(file)) {
            return new NotADatabase();
        }
        try (Connection connection = SqliteConnections.openReadOnly(file)) {
            int version = SchemaMigrations.userVersion(connection);
            if (version > latestVersion) {
                return new Newer(version);
            }
            try (Statement s = connection.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                    rs.next();
                }
                if (version >= 1) {
                    // The outbox is what must never be lost: read it whole (it is small) before trusting the file.
                    // Not count(*): SQLite answers that from the smallest index without touching the table.
                    try (ResultSet rs = s.executeQuery("SELECT fields, payload FROM outbox")) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                }
            }
            return new Usable(version);
        } catch (SQLException e) {
            if (SqliteFailures.isCorruption(e)) {
                return new Corrupt(e);
            }
            throw e;
        }
    }

    private static boolean hasSqliteHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(SQLITE_HEADER.length);
            return Arrays.equals(header, SQLITE_HEADER);
        }
    }

    /**
     * Moves the file and its companions to {@code <base>.corrupt-<UTC stamp>.db[-wal|-shm]} in the same folder and
     * returns the new path of the database file.
     */
    static Path setAside(Path file, String baseName, Instant now) throws IOException {
        Path folder = file.getParent();
        String stem = baseName + ".corrupt-" + STAMP.format(now);
        Path target = folder.resolve(stem + ".db");
        for (int n = 2; Files.exists(target); n++) {
            target = folder.resolve(stem + "-" + n + ".db");
        }
        // Companions first: a crash in between leaves the main file in place, never a WAL without its database.
        for (String suffix : COMPANIONS) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(companion)) {
                Files.move(companion, target.resolveSibling(target.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** The outbox entries that can still be read from a set-aside file, in order, and whether some could not. */
    record Salvage(List<OutboxEntry> entries, boolean incomplete) {
    }

    static Salvage salvageOutbox(Path setAside) {
        List<OutboxEntry> entries = new ArrayList<>();
        boolean incomplete = false;
        try (Connection connection = SqliteConnections.openReadOnly(setAside);
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM outbox ORDER BY ord")) {
            while (rs.next()) {
                try {
                    entries.add(OutboxRows.entry(rs));
                } catch (RuntimeException e) {
                    incomplete = true;
                    LOG.warn("Skipped an unreadable outbox row of {}: {}", setAside.getFileName(), e.toString());
                }
            }
        } catch (SQLException e) {
            // A damaged page ends the scan; what was read before it is kept. No outbox table at all is no loss.
            boolean noOutbox = e.getMessage() != null && e.getMessage().contains("no such table");
            incomplete = !noOutbox;
            LOG.warn("Reading the outbox of {} stopped after {} entries: {}", setAside.getFileName(), entries.size(),
                    e.getMessage());
        }
        return new Salvage(entries, incomplete);
    }

    /** Deletes the database file and its companions; true when there was something to delete. */
    static boolean deleteDatabase(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        for (String suffix : COMPANIONS) {
            deleted |= Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        return deleted;
    }

    /** The set-aside copies of one workspace ({@code <base>.corrupt-...}), which hold the same user's data. */
    static List<Path> setAsideCopies(Path folder, String baseName) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(baseName + ".corrupt-")).toList();
        }
    }
}
