package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.local.ChangeLogSupport;
import com.flowcrm.local.RecordType;
import com.flowcrm.local.Workspace;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.Workspaces;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.DealUpdate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The confirmed copy written from the stores: changed records are noted once however often they change, written in
 * slices of a time budget at the end of dispatcher batches (a virtual clock decides how many fit), never with the rep's
 * waiting values, and the sync cursor is saved only once the records it covers are handed to the writer.
 */
class ConfirmedCopyTest {
    @TempDir
    Path folder;
    private Workspace workspace;
    private RootStore root;
    private ConfirmedCopy copy;
    /** Each reading of the clock moves it 1 ms: with a 2 ms budget a slice writes two records. */
    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void open() {
        workspace = new Workspaces(folder).open(new WorkspaceId("http://fake.test/api", "rep@acme.example")).workspace();
        root = new RootStore(Runnable::run);
        List<Deal> deals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Deal d = new Deal("d" + i);
            d.setTitle("Deal " + i);
            d.setStage(DealStage.PROSPECT);
            deals.add(d);
        }
        root.deals().loadSnapshot(deals);
        copy = new ConfirmedCopy(root, workspace, Clock.systemUTC(), ChangeLogSupport.UNKNOWN,
                () -> nanos.addAndGet(1_000_000), Duration.ofMillis(2));
        copy.attach();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private void event(String id, DealChanges changes) {
        root.dispatcher().submit(() -> root.deals().applyUpdate(new DealUpdate(id, changes)));
    }

    private String onDisk(String id) throws Exception {
        workspace.flush().get(10, TimeUnit.SECONDS);
        return workspace.readRecord(RecordType.DEAL, id).orElse(null);
    }

    @Test
    void aRecordChangedManyTimesIsWrittenOnceWithItsLatestStateInSlicesOfTheBudget() throws Exception {
        // a burst: 300 events about six deals in one dispatcher batch
        root.dispatcher().submit(() -> {
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < 6; i++) {
                    root.deals().applyUpdate(new DealUpdate("d" + i, new DealChanges().title("Deal " + i + " v" + round)));
                }
            }
        });

        assertThat(copy.waiting()).isZero();
        assertThat(copy.recordsWritten()).isEqualTo(6);
        assertThat(copy.slices()).isEqualTo(3);
        assertThat(onDisk("d3")).contains("Deal 3 v49");
        assertThat(onDisk("d7")).isNull();
    }

    @Test
    void withoutNewBatchesTheRestIsWrittenInTheFollowingPulses() throws Exception {
        root.dispatcher().submit(() -> {
            for (int i = 0; i < 10; i++) {
                root.deals().applyUpdate(new DealUpdate("d" + i, new DealChanges().value(100 * i)));
            }
        });

        // one batch noted ten records; slices of two continue by themselves until all are handed over
        assertThat(copy.waiting()).isZero();
        assertThat(copy.slices()).isGreaterThanOrEqualTo(5);
        assertThat(onDisk("d9")).contains("\"value\":900");
    }

    @Test
    void theCursorIsSavedOnlyOnceTheRecordsNotedBeforeItAreHandedOver() throws Exception {
        nanos.set(0);
        ConfirmedCopy slow = new ConfirmedCopy(root, workspace, Clock.systemUTC(), ChangeLogSupport.SUPPORTED,
                () -> nanos.addAndGet(5_000_000), Duration.ofMillis(2));
        copy.detach();
        WorkspaceSyncCursor cursor = new WorkspaceSyncCursor(slow, OptionalLong.empty());
        List<Long> savedAfterEachPulse = new ArrayList<>();
        // a pulse of its own per step, as the FX thread would run them; the cursor reached in the first pulse
        root.dispatcher().addBatchEndListener(() -> {
            try {
                workspace.flush().get(10, TimeUnit.SECONDS);
                savedAfterEachPulse.add(workspace.readSyncState().cursor().orElse(-1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        slow.attach();
        root.dispatcher().submit(() -> {
            for (int i = 0; i < 4; i++) {
                root.deals().applyUpdate(new DealUpdate("d" + i, new DealChanges().title("seq " + (100 + i))));
            }
            cursor.advance(103);
        });

        assertThat(cursor.position()).hasValue(103);
        // one record per pulse (5 ms each against a 2 ms budget): the cursor waits for the fourth
        assertThat(savedAfterEachPulse).startsWith(-1L, -1L, -1L);
        assertThat(workspace.readSyncState().cursor()).hasValue(103);
        assertThat(onDisk("d3")).contains("seq 103");

        cursor.reset();
        assertThat(cursor.position()).isEmpty();
        workspace.flush().get(10, TimeUnit.SECONDS);
        assertThat(workspace.readSyncState().cursor()).isEmpty();
    }

    @Test
    void theRepsWaitingValuesNeverReachTheConfirmedCopy() throws Exception {
        java.util.UUID change = java.util.UUID.randomUUID();
        root.dispatcher().submit(() -> root.deals().layer("d1",
                new PendingOverlay.Layer<>(change, 1, new DealChanges().stage(DealStage.NEGOTIATION).title("Mine"), null)));
        event("d1", new DealChanges().title("Theirs").value(42));

        assertThat(root.deals().byId("d1").getTitle()).isEqualTo("Mine");
        assertThat(root.deals().byId("d1").getValue()).isEqualTo(42);
        String json = onDisk("d1");
        assertThat(json).contains("\"title\":\"Theirs\"").contains("\"stage\":\"prospect\"").contains("\"value\":42")
                .doesNotContain("Mine").doesNotContain("negotiation");

        root.dispatcher().submit(() -> root.deals().unlayer("d1", change));
        assertThat(root.deals().byId("d1").getTitle()).isEqualTo("Theirs");
        assertThat(root.deals().byId("d1").getStage()).isEqualTo(DealStage.PROSPECT);
    }

    @Test
    void aRemovedRecordIsDeletedFromTheCopy() throws Exception {
        event("d2", new DealChanges().title("Written"));
        assertThat(onDisk("d2")).contains("Written");

        root.dispatcher().submit(() -> root.deals().remove("d2"));

        assertThat(onDisk("d2")).isNull();
    }
}
