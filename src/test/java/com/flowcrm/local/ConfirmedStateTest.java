package com.flowcrm.local;

import static com.flowcrm.local.LocalTestSupport.DANA;
import static com.flowcrm.local.LocalTestSupport.await;
import static com.flowcrm.local.LocalTestSupport.dealJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfirmedStateTest {
    @TempDir
    Path folder;
    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = LocalTestSupport.workspaces(folder).open(DANA).workspace();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private Map<String, String> read(RecordType type) {
        Map<String, String> records = new HashMap<>();
        workspace.readRecords(List.of(type), (t, id, json) -> records.put(id, json));
        return records;
    }

    @Test
    void recordsUserAndSyncStateSurviveAReopen() {
        workspace.upsert(RecordType.DEAL, "d1", dealJson("d1", 1));
        workspace.upsert(RecordType.CONTACT, "c1", "{\"id\":\"c1\",\"name\":\"Ana\"}");
        workspace.upsert(RecordType.NOTIFICATION, "n1", "{\"id\":\"n1\",\"read\":false}");
        workspace.saveUser("{\"id\":\"u1\",\"email\":\"demo@flow-crm.local\"}");
        workspace.saveCursor(41);
        workspace.markSynced(Instant.parse("2026-12-04T14:32:00Z"));
        workspace.saveChangeLogSupport(ChangeLogSupport.SUPPORTED);
        await(workspace.flush());
        workspace.close();

        workspace = LocalTestSupport.workspaces(folder).open(DANA).workspace();
        List<String> seen = new ArrayList<>();
        ConfirmedState state = workspace.readConfirmed((type, id, json) -> seen.add(type + ":" + id + ":" + json));

        assertThat(seen).containsExactly("DEAL:d1:" + dealJson("d1", 1), "CONTACT:c1:{\"id\":\"c1\",\"name\":\"Ana\"}",
                "NOTIFICATION:n1:{\"id\":\"n1\",\"read\":false}");
        assertThat(state.userJson()).contains("{\"id\":\"u1\",\"email\":\"demo@flow-crm.local\"}");
        assertThat(state.sync()).isEqualTo(new SyncState(OptionalLong.of(41),
                java.util.Optional.of(Instant.parse("2026-12-04T14:32:00Z")), ChangeLogSupport.SUPPORTED));
        assertThat(state.counts()).containsEntry(RecordType.DEAL, 1).containsEntry(RecordType.CONTACT, 1);
        assertThat(state.isEmpty()).isFalse();
    }

    @Test
    void theWriterSavesOnItsOwnWithoutAnyoneWaitingForIt() {
        workspace.upsert(RecordType.DEAL, "d1", dealJson("d1", 1));
        workspace.saveCursor(1);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(workspace.readSyncState().cursor()).hasValue(1));
        assertThat(workspace.readRecord(RecordType.DEAL, "d1")).contains(dealJson("d1", 1));
    }

    @Test
    void aNewWorkspaceIsEmptyAndNeverSynced() {
        ConfirmedState state = workspace.readConfirmed((type, id, json) -> {
            throw new AssertionError("no records expected");
        });

        assertThat(state.isEmpty()).isTrue();
        assertThat(state.sync()).isEqualTo(SyncState.NEVER_SYNCED);
    }

    @Test
    void deletesRemoveRecordsAndTheLatestWriteOfAnIdWins() {
        workspace.upsert(RecordType.DEAL, "d1", dealJson("d1", 1));
        workspace.upsert(RecordType.DEAL, "d2", dealJson("d2", 2));
        workspace.upsert(RecordType.DEAL, "d1", dealJson("d1", 3));
        workspace.delete(RecordType.DEAL, "d2");
        await(workspace.flush());
        workspace.upsert(RecordType.DEAL, "d2", dealJson("d2", 4));
        workspace.delete(RecordType.DEAL, "d1");
        await(workspace.flush());

        assertThat(read(RecordType.DEAL)).containsOnly(Map.entry("d2", dealJson("d2", 4)));
        assertThat(workspace.readRecord(RecordType.DEAL, "d1")).isEmpty();
        assertThat(workspace.readRecord(RecordType.DEAL, "d2")).contains(dealJson("d2", 4));
    }

    @Test
    void aBurstOf100000WritesOf10000IdsNeverWaitsForTheWriterAndEndsWithTheLastJsonOfEachInOneTransaction()
            throws Exception {
        int ids = 10_000;
        // Hold the writer busy for the whole burst: the caller must not notice, and all of it must coalesce.
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> held = workspace.writer().onConnection(rows -> {
            writerBusy.countDown();
            try {
                return release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertThat(writerBusy.await(30, TimeUnit.SECONDS)).isTrue();
        WorkspaceStats before = workspace.stats();
        for (int i = 0; i < 100_000; i++) {
            String id = "d" + (i % ids);
            workspace.upsert(RecordType.DEAL, id, dealJson(id, i));
        }
        workspace.saveCursor(99_999);
        // What waits for the writer is bounded by the number of ids, never by the number of writes.
        assertThat(workspace.stats().pendingRecords()).isEqualTo(ids);
        release.countDown();
        await(held);
        await(workspace.flush());

        Map<String, String> deals = read(RecordType.DEAL);
        assertThat(deals).hasSize(ids);
        for (int k = 0; k < ids; k++) {
            assertThat(deals.get("d" + k)).isEqualTo(dealJson("d" + k, 90_000 + k));
        }
        WorkspaceStats after = workspace.stats();
        assertThat(after.transactions() - before.transactions()).isEqualTo(1);
        assertThat(after.recordsWritten() - before.recordsWritten()).isEqualTo(ids);
        assertThat(workspace.readSyncState().cursor()).hasValue(99_999);
    }

    @Test
    void everySnapshotHasTheCursorOfExactlyTheRecordsItHolds() throws Exception {
        // Change i rewrites deal d(i % 50) with seq i, then saves cursor i. The cursor may lag (records of a change
        // committed before its cursor), but never lead: with cursor c on disk, the 50 deals must hold every change up
        // to c, i.e. each deal's seq is at least c - 49, and some deal has seq c or later.
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> violation = new AtomicReference<>();
        AtomicInteger snapshots = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get() && violation.get() == null) {
                long[] minMax = {Long.MAX_VALUE, 0};
                ConfirmedState state = workspace.readConfirmed((type, id, json) -> {
                    long seq = Long.parseLong(json.substring(json.lastIndexOf(':') + 1, json.length() - 1));
                    minMax[0] = Math.min(minMax[0], seq);
                    minMax[1] = Math.max(minMax[1], seq);
                });
                long cursor = state.sync().cursor().orElse(0);
                boolean allFifty = state.counts().get(RecordType.DEAL) == 50;
                if (cursor > minMax[1] || (cursor >= 50 && (!allFifty || minMax[0] < cursor - 49))) {
                    violation.set("cursor " + cursor + " ahead of the records (seq " + minMax[0] + ".." + minMax[1] + ")");
                }
                snapshots.incrementAndGet();
            }
        });
        reader.start();
        for (int i = 1; i <= 20_000; i++) {
            String id = "d" + (i % 50);
            workspace.upsert(RecordType.DEAL, id, dealJson(id, i));
            workspace.saveCursor(i);
            if (i % 2_000 == 0) {
                await(workspace.flush());
            }
        }
        done.set(true);
        reader.join(30_000);

        assertThat(violation.get()).isNull();
        assertThat(snapshots.get()).isGreaterThan(1);
        assertThat(workspace.readSyncState().cursor()).hasValue(20_000);
    }

    @Test
    void aFullReloadReplacesEverythingAtomicallyAndSupersedesEarlierWrites() throws Exception {
        List<ConfirmedRecord> first = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            first.add(new ConfirmedRecord(RecordType.DEAL, "old" + i, dealJson("old" + i, 1)));
        }
        workspace.replaceAll(new FullReload("{\"id\":\"u1\"}", first, OptionalLong.of(10), Instant.parse("2026-12-04T09:00:00Z"),
                ChangeLogSupport.SUPPORTED));
        await(workspace.flush());

        List<ConfirmedRecord> second = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            second.add(new ConfirmedRecord(RecordType.DEAL, "new" + i, dealJson("new" + i, 2)));
        }
        second.add(new ConfirmedRecord(RecordType.CONTACT, "c1", "{\"id\":\"c1\"}"));
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> mixed = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                int[] oldAndNew = new int[2];
                workspace.readRecords(List.of(RecordType.DEAL), (t, id, json) -> oldAndNew[id.startsWith("old") ? 0 : 1]++);
                boolean whole = (oldAndNew[0] == 5_000 && oldAndNew[1] == 0) || (oldAndNew[0] == 0 && oldAndNew[1] == 5_000);
                if (!whole) {
                    mixed.compareAndSet(null, oldAndNew[0] + " old and " + oldAndNew[1] + " new deals");
                }
            }
        });
        reader.start();
        workspace.upsert(RecordType.DEAL, "old1", dealJson("old1", 99));
        workspace.saveCursor(11);
        workspace.replaceAll(new FullReload(null, second, OptionalLong.empty(), Instant.parse("2026-12-04T10:00:00Z"),
                ChangeLogSupport.UNSUPPORTED));
        workspace.upsert(RecordType.DEAL, "new1", dealJson("new1", 3));
        await(workspace.flush());
        done.set(true);
        reader.join(30_000);

        assertThat(mixed.get()).isNull();
        Map<String, String> deals = read(RecordType.DEAL);
        assertThat(deals).hasSize(5_000).doesNotContainKey("old1").containsEntry("new1", dealJson("new1", 3));
        assertThat(read(RecordType.CONTACT)).containsOnlyKeys("c1");
        assertThat(workspace.readUser()).contains("{\"id\":\"u1\"}");
        assertThat(workspace.readSyncState()).isEqualTo(new SyncState(OptionalLong.empty(),
                java.util.Optional.of(Instant.parse("2026-12-04T10:00:00Z")), ChangeLogSupport.UNSUPPORTED));
    }

    @Test
    void clearingTheCursorKeepsTheRestOfTheSyncState() {
        workspace.saveCursor(7);
        workspace.markSynced(Instant.parse("2026-12-04T08:00:00Z"));
        workspace.clearCursor();
        await(workspace.flush());

        assertThat(workspace.readSyncState().cursor()).isEmpty();
        assertThat(workspace.readSyncState().lastSyncedAt()).contains(Instant.parse("2026-12-04T08:00:00Z"));
    }

    @Test
    void badRecordsAreRefusedOnTheCallersThreadAndNothingIsQueued() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workspace.upsert(RecordType.DEAL, " ", "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workspace.upsert(RecordType.DEAL, "d1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workspace.saveCursor(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(workspace.stats().pendingRecords()).isZero();
    }

    @Test
    void writesAfterCloseAreRefusedWithAClearMessage() {
        workspace.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workspace.upsert(RecordType.DEAL, "d1", "{}"))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("closed");
        assertThat(LocalTestSupport.failureOf(workspace.flush())).isInstanceOf(WorkspaceException.class);
        workspace = LocalTestSupport.workspaces(folder).open(DANA).workspace();
    }
}
