package com.flowcrm.local;

import static com.flowcrm.local.LocalTestSupport.DANA;
import static com.flowcrm.local.LocalTestSupport.await;
import static com.flowcrm.local.LocalTestSupport.dealJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the app cannot use as they are: damaged, not SQLite at all, or written by a newer version. */
class DamagedWorkspaceTest {
    @TempDir
    Path folder;

    /** A closed workspace with 200 deals and three waiting changes, the last one being sent. */
    private List<OutboxEntry> workspaceWithData(Workspaces workspaces) {
        try (Workspace workspace = workspaces.open(DANA).workspace()) {
            for (int i = 0; i < 200; i++) {
                workspace.upsert(RecordType.DEAL, "d" + i, dealJson("d" + i, i));
            }
            Outbox outbox = workspace.outbox();
            for (int i = 0; i < 3; i++) {
                await(outbox.append(outbox.newEntry(OutboxKind.DEAL_EDIT, OutboxTarget.deal("d" + i),
                        List.of(FieldChange.of("value", "1", String.valueOf(i + 2))), null)));
            }
            await(outbox.markSending(outbox.list().get(2).id()));
            await(workspace.flush());
            return outbox.list();
        }
    }

    /** Overwrites the root page of a table with garbage (the file is checkpointed: the close removed the WAL). */
    private static void damageTable(Path file, String table) throws SQLException, IOException {
        long page;
        long pageSize;
        try (Connection c = DriverManager.getConnection(SqliteConnections.url(file));
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_schema WHERE name = '" + table + "'")) {
                rs.next();
                page = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                rs.next();
                pageSize = rs.getLong(1);
            }
        }
        assertThat(file.resolveSibling(file.getFileName() + "-wal")).doesNotExist();
        byte[] garbage = new byte[(int) pageSize];
        Arrays.fill(garbage, (byte) 0x5A);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek((page - 1) * pageSize);
            raf.write(garbage);
        }
    }

    private Path onlySetAsideCopy() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> copies = files.filter(p -> p.getFileName().toString().matches(
                    "127\\.0\\.0\\.1-4000_demo@flow-crm\\.local_[0-9a-f]{10}\\.corrupt-20261204T101500Z\\.db")).toList();
            assertThat(copies).hasSize(1);
            return copies.get(0);
        }
    }

    @Test
    void aTableFoundDamagedAfterOpeningIsSetAsideAndItsOutboxCarriedIntoAFreshWorkspace() throws Exception {
        Workspaces workspaces = LocalTestSupport.workspaces(folder);
        List<OutboxEntry> waiting = workspaceWithData(workspaces);
        damageTable(workspaces.fileOf(DANA), "deal");

        Workspace damaged = workspaces.open(DANA).workspace();
        assertThatThrownBy(() -> damaged.readConfirmed((t, id, json) -> { }))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.CORRUPT))
                .hasMessageContaining("damaged");
        OpenedWorkspace recovered = workspaces.recover(damaged);

        try (Workspace fresh = recovered.workspace()) {
            WorkspaceRecovery recovery = recovered.recovery().orElseThrow();
            assertThat(recovery.reason()).isEqualTo(WorkspaceRecovery.Reason.CORRUPT);
            assertThat(recovery.outboxRecovered()).isEqualTo(3);
            assertThat(recovery.outboxIncomplete()).isFalse();
            assertThat(recovery.setAsideAs()).isEqualTo(onlySetAsideCopy());
            assertThat(recovery.message()).contains("damaged", recovery.setAsideAs().getFileName().toString(),
                    "fresh copy from the server", "3 changes waiting to be sent were recovered");
            assertThat(fresh.outbox().list()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("order")
                    .containsExactlyElementsOf(waiting);
            assertThat(fresh.outbox().list().get(2).status()).isEqualTo(OutboxStatus.SENDING);
            assertThat(fresh.readConfirmed((t, id, json) -> { }).isEmpty()).isTrue();
            fresh.upsert(RecordType.DEAL, "d1", dealJson("d1", 1));
            await(fresh.flush());
        }
    }

    @Test
    void aFileWhoseOutboxIsDamagedIsSetAsideAtOpenAndTheLossIsSaid() throws Exception {
        Workspaces workspaces = LocalTestSupport.workspaces(folder);
        workspaceWithData(workspaces);
        damageTable(workspaces.fileOf(DANA), "outbox");

        OpenedWorkspace opened = workspaces.open(DANA);

        try (Workspace fresh = opened.workspace()) {
            WorkspaceRecovery recovery = opened.recovery().orElseThrow();
            assertThat(recovery.reason()).isEqualTo(WorkspaceRecovery.Reason.CORRUPT);
            assertThat(recovery.outboxIncomplete()).isTrue();
            assertThat(recovery.message()).contains("could not be read");
            assertThat(opened.created()).isFalse();
            assertThat(fresh.outbox().list()).isEmpty();
            assertThat(onlySetAsideCopy()).exists();
        }
    }

    @Test
    void aDamagedSchemaIsSetAsideAtOpen() throws Exception {
        Workspaces workspaces = LocalTestSupport.workspaces(folder);
        workspaceWithData(workspaces);
        Path file = workspaces.fileOf(DANA);
        // Page 1 holds the header (kept) and the schema table (from byte 100 on): damage the schema only.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[3_000];
            Arrays.fill(garbage, (byte) 0x7F);
            raf.seek(100);
            raf.write(garbage);
        }

        OpenedWorkspace opened = workspaces.open(DANA);

        try (Workspace fresh = opened.workspace()) {
            assertThat(opened.recovery()).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(WorkspaceRecovery.Reason.CORRUPT));
            assertThat(fresh.readSyncState()).isEqualTo(SyncState.NEVER_SYNCED);
        }
    }

    @Test
    void aFileThatIsNotSqliteIsSetAsideUntouchedAndTheAppStartsClean() throws IOException {
        Workspaces workspaces = LocalTestSupport.workspaces(folder);
        Files.createDirectories(folder);
        Path file = workspaces.fileOf(DANA);
        Files.writeString(file, "%PDF-1.7 this is somebody's invoice, not a workspace");

        OpenedWorkspace opened = workspaces.open(DANA);

        try (Workspace fresh = opened.workspace()) {
            WorkspaceRecovery recovery = opened.recovery().orElseThrow();
            assertThat(recovery.reason()).isEqualTo(WorkspaceRecovery.Reason.NOT_A_DATABASE);
            assertThat(recovery.message()).contains("not a Flow CRM workspace", "set aside as");
            assertThat(Files.readString(recovery.setAsideAs())).startsWith("%PDF-1.7");
            assertThat(fresh.outbox().list()).isEmpty();
            await(fresh.outbox().append(fresh.outbox().newEntry(OutboxKind.MARK_ALL_READ, OutboxTarget.ALL_NOTIFICATIONS,
                    List.of(), null)));
        }
    }

    @Test
    void aFileFromANewerVersionIsRefusedWithAClearMessageAndLeftByteForByte() throws Exception {
        Workspaces workspaces = LocalTestSupport.workspaces(folder);
        workspaceWithData(workspaces);
        Path file = workspaces.fileOf(DANA);
        try (Connection c = DriverManager.getConnection(SqliteConnections.url(file)); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 7");
        }
        FileTime past = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, past);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> workspaces.open(DANA)).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.NEWER_VERSION))
                .hasMessageContaining("newer version of Flow CRM").hasMessageContaining("format 7")
                .hasMessageContaining("left as it is");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(past);
        assertThat(before[18]).as("still in WAL mode, as the newer app left it").isEqualTo((byte) 2);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains(".corrupt-"))).isEmpty();
        }
        // Refusing released the claim: the app may try again after an update, or remove the workspace.
        assertThatThrownBy(() -> workspaces.open(DANA)).isInstanceOf(WorkspaceException.class);
        assertThat(workspaces.remove(DANA)).isTrue();
    }

    @Test
    void anEmptyFileLeftByACrashBeforeTheFirstWriteIsSimplyUsed() throws IOException {
        Workspaces workspaces = LocalTestSupport.workspaces(folder);
        Files.createDirectories(folder);
        Files.createFile(workspaces.fileOf(DANA));

        OpenedWorkspace opened = workspaces.open(DANA);

        try (Workspace workspace = opened.workspace()) {
            assertThat(opened.recovery()).isEmpty();
            assertThat(opened.created()).isTrue();
            assertThat(workspace.readSyncState()).isEqualTo(SyncState.NEVER_SYNCED);
        }
    }
}
