package com.flowcrm.local;

import com.flowcrm.local.WorkspaceFiles.Corrupt;
import com.flowcrm.local.WorkspaceFiles.Inspection;
import com.flowcrm.local.WorkspaceFiles.Newer;
import com.flowcrm.local.WorkspaceFiles.NotADatabase;
import com.flowcrm.local.WorkspaceFiles.Salvage;
import com.flowcrm.local.WorkspaceFiles.Usable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of workspaces ({@code <app data>/workspaces/}, owner-only) and the one way to open, recover and remove
 * them. A file is opened at most once per process; every method blocks (file and database work): call them on a
 * background thread, never on the FX thread.
 */
public final class Workspaces {
    private static final Logger LOG = LoggerFactory.getLogger(Workspaces.class);

    private final Path folder;
    private final Clock clock;
    private final SchemaMigrations migrations;
    private final Set<Path> open = new HashSet<>();

    /** Workspaces in {@code folder} (created on first open, mode 700 on POSIX), stamped by the system clock. */
    public Workspaces(Path folder) {
        this(folder, Clock.systemUTC());
    }

    public Workspaces(Path folder, Clock clock) {
        this(folder, clock, SchemaMigrations.APP);
    }

    Workspaces(Path folder, Clock clock, SchemaMigrations migrations) {
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.migrations = Objects.requireNonNull(migrations, "migrations");
    }

    public Path folder() {
        return folder;
    }

    /** Where the workspace of {@code id} lives (whether or not it exists). */
    public Path fileOf(WorkspaceId id) {
        return folder.resolve(id.fileName());
    }

    /** True when this user has a workspace on this server (e.g. to open offline, or for the CLI's exit 3). */
    public boolean exists(WorkspaceId id) {
        return Files.exists(fileOf(id));
    }

    /**
     * Opens (or creates) the workspace of {@code id}. A damaged file or one that is not SQLite is set aside with a
     * timestamp and a fresh workspace is created, with what could be read of the old outbox; the result then carries a
     * {@link WorkspaceRecovery} to show the rep.
     *
     * @throws WorkspaceException {@code NEWER_VERSION} (file untouched), {@code DISK_FULL}, or {@code UNAVAILABLE}
     *         (folder not writable, file locked too long, I/O error)
     * @throws IllegalStateException when this process has the workspace open already
     */
    public OpenedWorkspace open(WorkspaceId id) {
        Path file = fileOf(id);
        claim(file);
        try {
            return openClaimed(id, file, null);
        } catch (RuntimeException e) {
            release(file);
            throw e;
        }
    }

    /**
     * Sets a workspace aside that turned out damaged after it was opened (a read or write failed with
     * {@code CORRUPT}, or {@link Workspace#checkIntegrity} found a problem): closes it, moves the file aside,
     * carries over what can be read of its outbox and opens a fresh one.
     */
    public OpenedWorkspace recover(Workspace damaged) {
        Path file = damaged.file();
        damaged.close();
        claim(file);
        try {
            return openClaimed(damaged.id(), file, setAside(file, damaged.id(), WorkspaceRecovery.Reason.CORRUPT));
        } catch (RuntimeException e) {
            release(file);
            throw e;
        }
    }

    /**
     * "Sign out and remove local data": deletes the workspace file, its {@code -wal}/{@code -shm} and any set-aside
     * copies of it. Returns whether anything was deleted.
     *
     * @throws IllegalStateException when it is open in this process (close it first)
     */
    public boolean remove(WorkspaceId id) {
        Path file = fileOf(id);
        synchronized (open) {
            if (open.contains(file)) {
                throw new IllegalStateException("Close the workspace of " + id + " before removing it");
            }
        }
        try {
            boolean deleted = WorkspaceFiles.deleteDatabase(file);
            for (Path copy : WorkspaceFiles.setAsideCopies(folder, id.baseName())) {
                deleted |= Files.deleteIfExists(copy);
            }
            if (deleted) {
                LOG.info("Removed the local copy of {}", id);
            }
            return deleted;
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE,
                    "Could not remove the local copy " + file + ": " + e.getMessage(), e);
        }
    }

    /** A set-aside file: why, where it went, and what of its outbox goes into the fresh workspace. */
    private record Recovered(WorkspaceRecovery.Reason reason, Path setAsideAs, Salvage salvage) {
    }

    private OpenedWorkspace openClaimed(WorkspaceId id, Path file, Recovered recovered) {
        Recovered found = recovered;
        try {
            OwnerOnlyFiles.ensureFolder(folder);
            if (found == null && Files.exists(file) && Files.size(file) > 0) {
                found = inspect(id, file);
            }
            boolean created = !Files.exists(file) || Files.size(file) == 0;
            OwnerOnlyFiles.createFile(file);
            Connection connection = SqliteConnections.openWriter(file);
            try {
                int from = migrations.migrate(connection);
                if (from < migrations.latestVersion()) {
                    LOG.info("Local copy {} upgraded from format {} to {}", file.getFileName(), from,
                            migrations.latestVersion());
                }
                for (String suffix : WorkspaceFiles.COMPANIONS) {
                    OwnerOnlyFiles.restrictFile(file.resolveSibling(file.getFileName() + suffix));
                }
                if (found != null && !found.salvage().entries().isEmpty()) {
                    carryOver(connection, found.salvage().entries());
                }
            } catch (SQLException | IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
            WorkspaceWriter writer = new WorkspaceWriter(connection, file, "flow-workspace-writer");
            Workspace workspace = new Workspace(id, file, writer, clock, () -> release(file));
            writer.start();
            Optional<WorkspaceRecovery> recovery = Optional.ofNullable(found).map(r -> new WorkspaceRecovery(r.reason(),
                    r.setAsideAs(), r.salvage().entries().size(), r.salvage().incomplete()));
            recovery.ifPresent(r -> LOG.warn("{}", r.message()));
            return new OpenedWorkspace(workspace, created && recovery.isEmpty(), recovery);
        } catch (SQLException e) {
            if (SqliteFailures.isCorruption(e) && recovered == null) {
                // Damage the read-only look did not reach (e.g. the schema pages): set aside and start clean once.
                LOG.warn("The local copy {} is damaged: {}", file.getFileName(), e.getMessage());
                return openClaimed(id, file, setAside(file, id, WorkspaceRecovery.Reason.CORRUPT));
            }
            throw SqliteFailures.classify(e, file, "open the local copy");
        } catch (IOException e) {
            throw unavailable(file, e);
        }
    }

    private Recovered inspect(WorkspaceId id, Path file) throws SQLException, IOException {
        Inspection inspection = WorkspaceFiles.inspect(file, migrations.latestVersion());
        if (inspection instanceof Newer newer) {
            throw new WorkspaceException(WorkspaceException.Kind.NEWER_VERSION, "The local copy " + file.getFileName()
                    + " was written by a newer version of Flow CRM (format " + newer.version() + "; this version reads up to "
                    + migrations.latestVersion() + "). Update Flow CRM to use it; the file was left as it is.");
        }
        if (inspection instanceof NotADatabase) {
            LOG.warn("The local copy {} is not an SQLite database", file.getFileName());
            return setAside(file, id, WorkspaceRecovery.Reason.NOT_A_DATABASE);
        }
        if (inspection instanceof Corrupt corrupt) {
            LOG.warn("The local copy {} is damaged: {}", file.getFileName(), corrupt.cause().getMessage());
            return setAside(file, id, WorkspaceRecovery.Reason.CORRUPT);
        }
        if (!(inspection instanceof Usable)) {
            throw new IllegalStateException("Unknown inspection " + inspection);
        }
        return null;
    }

    /** Moves the file aside; a damaged one's outbox is read out of it (a non-database file has none). */
    private Recovered setAside(Path file, WorkspaceId id, WorkspaceRecovery.Reason reason) {
        try {
            Path aside = WorkspaceFiles.setAside(file, id.baseName(), clock.instant());
            Salvage salvage = reason == WorkspaceRecovery.Reason.CORRUPT
                    ? WorkspaceFiles.salvageOutbox(aside)
                    : new Salvage(List.of(), false);
            return new Recovered(reason, aside, salvage);
        } catch (IOException e) {
            throw unavailable(file, e);
        }
    }

    private static void carryOver(Connection connection, List<OutboxEntry> entries) throws SQLException {
        OutboxRows rows = new OutboxRows(connection);
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                for (OutboxEntry entry : entries) {
                    rows.insert(entry);
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private void claim(Path file) {
        synchronized (open) {
            if (!open.add(file)) {
                throw new IllegalStateException("The workspace " + file.getFileName() + " is already open in this app");
            }
        }
    }

    private void release(Path file) {
        synchronized (open) {
            open.remove(file);
        }
    }

    private static WorkspaceException unavailable(Path file, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("No space left")) {
            return SqliteFailures.diskFull(file, "open the local copy", e);
        }
        return new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE,
                "Could not open the local copy " + file + ": " + message, e);
    }
}
