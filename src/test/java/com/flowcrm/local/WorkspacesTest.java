package com.flowcrm.local;

import static com.flowcrm.local.LocalTestSupport.DANA;
import static com.flowcrm.local.LocalTestSupport.MANAGER;
import static com.flowcrm.local.LocalTestSupport.await;
import static com.flowcrm.local.LocalTestSupport.dealJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacesTest {
    @TempDir
    Path home;

    private Path folder() {
        return home.resolve("data").resolve("workspaces");
    }

    private static Map<String, String> deals(Workspace workspace) {
        Map<String, String> deals = new HashMap<>();
        workspace.readRecords(List.of(RecordType.DEAL), (t, id, json) -> deals.put(id, json));
        return deals;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theFolderAndEveryFileOfAWorkspaceAreOwnerOnly() throws IOException {
        assumeTrue(OwnerOnlyFiles.isPosix(home), "POSIX permissions only");
        Workspaces workspaces = LocalTestSupport.workspaces(folder());
        OpenedWorkspace opened = workspaces.open(DANA);
        try (Workspace workspace = opened.workspace()) {
            workspace.upsert(RecordType.DEAL, "d1", dealJson("d1", 1));
            await(workspace.flush());
            Path file = workspace.file();

            assertThat(opened.created()).isTrue();
            assertThat(mode(folder())).isEqualTo("rwx------");
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(file.resolveSibling(file.getFileName() + "-wal"))).isEqualTo("rw-------");
            assertThat(mode(file.resolveSibling(file.getFileName() + "-shm"))).isEqualTo("rw-------");
        }
    }

    @Test
    void aLooseFolderAndFileFromBeforeAreTightenedOnOpen() throws IOException {
        assumeTrue(OwnerOnlyFiles.isPosix(home), "POSIX permissions only");
        Workspaces workspaces = LocalTestSupport.workspaces(folder());
        workspaces.open(DANA).workspace().close();
        Files.setPosixFilePermissions(folder(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(workspaces.fileOf(DANA), PosixFilePermissions.fromString("rw-r--r--"));

        try (Workspace workspace = workspaces.open(DANA).workspace()) {
            assertThat(mode(folder())).isEqualTo("rwx------");
            assertThat(mode(workspace.file())).isEqualTo("rw-------");
        }
    }

    @Test
    void twoUsersOnOneMachineHaveTwoFilesAndNeverSeeEachOthersData() {
        Workspaces workspaces = LocalTestSupport.workspaces(folder());
        try (Workspace dana = workspaces.open(DANA).workspace(); Workspace manager = workspaces.open(MANAGER).workspace()) {
            dana.upsert(RecordType.DEAL, "d1", dealJson("d1", 1));
            dana.saveUser("{\"email\":\"demo@flow-crm.local\"}");
            manager.upsert(RecordType.DEAL, "d2", dealJson("d2", 2));
            manager.saveUser("{\"email\":\"manager@flow-crm.local\"}");
            await(dana.outbox().append(dana.outbox().newEntry(OutboxKind.STAGE_MOVE, OutboxTarget.deal("d1"),
                    List.of(FieldChange.of("stage", "\"prospect\"", "\"qualified\"")), null)));
            await(dana.flush());
            await(manager.flush());

            assertThat(dana.file()).isNotEqualTo(manager.file());
            assertThat(deals(dana)).containsOnlyKeys("d1");
            assertThat(deals(manager)).containsOnlyKeys("d2");
            assertThat(dana.readUser()).contains("{\"email\":\"demo@flow-crm.local\"}");
            assertThat(manager.readUser()).contains("{\"email\":\"manager@flow-crm.local\"}");
            assertThat(manager.outbox().list()).isEmpty();
            assertThat(dana.outbox().list()).hasSize(1);
        }
    }

    @Test
    void aWorkspaceIsOpenedOncePerProcess() {
        Workspaces workspaces = LocalTestSupport.workspaces(folder());
        try (Workspace workspace = workspaces.open(DANA).workspace()) {
            assertThatThrownBy(() -> workspaces.open(DANA)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
        }
        workspaces.open(DANA).workspace().close();
    }

    @Test
    void removingAWorkspaceDeletesTheDatabaseItsCompanionsAndSetAsideCopies() throws IOException {
        Workspaces workspaces = LocalTestSupport.workspaces(folder());
        Workspace workspace = workspaces.open(DANA).workspace();
        workspace.upsert(RecordType.DEAL, "d1", dealJson("d1", 1));
        await(workspace.flush());
        Path file = workspace.file();
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        assertThat(wal).exists();
        assertThatThrownBy(() -> workspaces.remove(DANA)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Close");
        workspace.close();
        Path oldCopy = folder().resolve(DANA.baseName() + ".corrupt-20261101T080000Z.db");
        Files.writeString(oldCopy, "an earlier damaged copy");
        Files.writeString(file.resolveSibling(file.getFileName() + "-wal"), "left behind by a crash");
        try (Workspace other = workspaces.open(MANAGER).workspace()) {
            other.upsert(RecordType.DEAL, "d2", dealJson("d2", 1));
            await(other.flush());
        }

        assertThat(workspaces.remove(DANA)).isTrue();

        assertThat(file).doesNotExist();
        assertThat(wal).doesNotExist();
        assertThat(file.resolveSibling(file.getFileName() + "-shm")).doesNotExist();
        assertThat(oldCopy).doesNotExist();
        assertThat(workspaces.exists(DANA)).isFalse();
        assertThat(workspaces.exists(MANAGER)).isTrue();
        assertThat(workspaces.remove(DANA)).isFalse();
    }
}
