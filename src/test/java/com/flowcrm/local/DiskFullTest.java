package com.flowcrm.local;

import static com.flowcrm.local.LocalTestSupport.DANA;
import static com.flowcrm.local.LocalTestSupport.await;
import static com.flowcrm.local.LocalTestSupport.dealJson;
import static com.flowcrm.local.LocalTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, twice: SQLite's {@code max_page_count} (a real SQLITE_FULL from SQLite itself, on any machine) and a
 * real small file system (a 4 MB tmpfs, where mounting is permitted: Linux as root).
 */
class DiskFullTest {
    @TempDir
    Path folder;

    private static String bigPayload() {
        return "{\"type\":\"note\",\"description\":\"" + "x".repeat(256 * 1024) + "\"}";
    }

    private static OutboxEntry bigActivity(Outbox outbox) {
        return outbox.newEntry(OutboxKind.LOG_ACTIVITY, OutboxTarget.deal("d1"), List.of(), bigPayload());
    }

    private static int dealCount(Workspace workspace) {
        Map<String, String> deals = new HashMap<>();
        workspace.readRecords(List.of(RecordType.DEAL), (t, id, json) -> deals.put(id, json));
        return deals.size();
    }

    private static long pageCount(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection(SqliteConnections.url(file)); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertDiskFull(Throwable failure) {
        assertThat(failure).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.DISK_FULL))
                .hasMessageContaining("no room left on the disk").hasMessageContaining("Nothing was half-written");
    }

    @Test
    void whenSqliteReportsTheDiskFullTheChangeIsRefusedWholeAndConfirmedDataWaitsForRoom() throws Exception {
        try (Workspace workspace = LocalTestSupport.workspaces(folder).open(DANA).workspace()) {
            List<String> problems = new CopyOnWriteArrayList<>();
            List<String> recoveries = new CopyOnWriteArrayList<>();
            workspace.onWriteProblem(p -> problems.add(p.kind().name()), () -> recoveries.add("ok"));
            for (int i = 0; i < 100; i++) {
                workspace.upsert(RecordType.DEAL, "d" + i, dealJson("d" + i, i));
            }
            workspace.saveCursor(100);
            await(workspace.flush());
            long pages = pageCount(workspace.file());
            await(workspace.writer().onConnection(rows -> {
                try (Statement s = rows.connection().createStatement()) {
                    s.execute("PRAGMA max_page_count = " + (pages + 1));
                }
                return null;
            }));

            assertDiskFull(failureOf(workspace.outbox().append(bigActivity(workspace.outbox()))));
            assertThat(workspace.outbox().list()).isEmpty();
            // One page of a catch-up (a single batch, so the writer cannot take half of it while it still fits).
            List<ConfirmedRecord> page = new ArrayList<>();
            for (int i = 100; i < 600; i++) {
                page.add(new ConfirmedRecord(RecordType.DEAL, "d" + i, dealJson("d" + i, i)));
            }
            workspace.upsertAll(page);
            workspace.saveCursor(600);
            assertDiskFull(failureOf(workspace.flush()));
            assertThat(workspace.readSyncState().cursor()).hasValue(100);
            assertThat(dealCount(workspace)).isEqualTo(100);
            assertThat(workspace.lastWriteProblem()).isPresent();
            assertThat(problems).contains("DISK_FULL");

            // Room again: the confirmed data that waited is written, cursor with it; the rep can save again.
            await(workspace.writer().onConnection(rows -> {
                try (Statement s = rows.connection().createStatement()) {
                    s.execute("PRAGMA max_page_count = 1000000");
                }
                return null;
            }));
            await(workspace.flush());
            assertThat(workspace.readSyncState().cursor()).hasValue(600);
            assertThat(dealCount(workspace)).isEqualTo(600);
            assertThat(workspace.lastWriteProblem()).isEmpty();
            assertThat(recoveries).containsExactly("ok");
            await(workspace.outbox().append(bigActivity(workspace.outbox())));
            assertThat(workspace.outbox().list()).hasSize(1);
        }
    }

    @Test
    void onARealFullFileSystemTheChangeIsRefusedAndNothingIsHalfWritten() throws Exception {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "tmpfs is Linux");
        Path mount = folder.resolve("small-disk");
        Files.createDirectories(mount);
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(mounting.getInputStream().readAllBytes());
        if (!mounting.waitFor(30, TimeUnit.SECONDS) || mounting.exitValue() != 0) {
            abort("mounting a tmpfs is not permitted here: " + output.strip());
        }
        try {
            runOnFullDisk(mount.resolve("workspaces"));
        } finally {
            Process unmount = new ProcessBuilder("umount", "-l", mount.toString()).redirectErrorStream(true).start();
            unmount.getInputStream().readAllBytes();
            unmount.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void runOnFullDisk(Path workspaces) throws IOException {
        try (Workspace workspace = LocalTestSupport.workspaces(workspaces).open(DANA).workspace()) {
            for (int i = 0; i < 50; i++) {
                workspace.upsert(RecordType.DEAL, "d" + i, dealJson("d" + i, i));
            }
            workspace.saveCursor(50);
            await(workspace.flush());
            Path filler = workspaces.getParent().resolve("filler");
            fill(filler);

            assertDiskFull(failureOf(workspace.outbox().append(bigActivity(workspace.outbox()))));
            assertThat(workspace.outbox().list()).isEmpty();
            List<ConfirmedRecord> more = new ArrayList<>();
            for (int i = 50; i < 2_000; i++) {
                more.add(new ConfirmedRecord(RecordType.DEAL, "d" + i, dealJson("d" + i, i)));
            }
            workspace.upsertAll(more);
            workspace.saveCursor(2_000);
            assertDiskFull(failureOf(workspace.flush()));
            assertThat(workspace.readSyncState().cursor()).hasValue(50);
            assertThat(dealCount(workspace)).isEqualTo(50);

            // Room again: no flush, no new write; the writer's back-off retry (1 s, then 2 s...) saves what waited.
            Files.delete(filler);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(workspace.readSyncState().cursor()).hasValue(2_000));
            assertThat(workspace.lastWriteProblem()).isEmpty();
            assertThat(dealCount(workspace)).isEqualTo(2_000);
            await(workspace.outbox().append(bigActivity(workspace.outbox())));
            assertThat(workspace.outbox().list()).hasSize(1);
        }
    }

    /** Writes until the file system says it is full. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("No space left")) {
                throw e;
            }
        }
    }
}
