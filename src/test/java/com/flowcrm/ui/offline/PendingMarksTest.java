package com.flowcrm.ui.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.PendingFixture;
import com.flowcrm.store.PendingTarget;
import com.flowcrm.store.RootStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The marks of cards, rows and fields, from the session's pending changes; no toolkit, direct executor. */
class PendingMarksTest {
    private final RootStore root = new RootStore(Runnable::run);
    private PendingFixture outbox;
    private PendingMarks marks;

    @BeforeEach
    void deals() {
        Deal renewal = new Deal("d1");
        renewal.setTitle("Renewal");
        renewal.setStage(DealStage.PROSPECT);
        Deal pilot = new Deal("d2");
        pilot.setTitle("Pilot");
        root.deals().loadSnapshot(List.of(renewal, pilot));
        outbox = new PendingFixture(root);
        marks = new PendingMarks(outbox.pending());
    }

    @Test
    void aWaitingChangeMarksItsRecordAndItsFieldsOnly() {
        outbox.stageMove("d1", "prospect", "proposal");

        assertThat(marks.deal("d1")).isEqualTo(MarkState.WAITING);
        assertThat(marks.field(PendingTarget.deal("d1"), "stage")).isEqualTo(MarkState.WAITING);
        assertThat(marks.field(PendingTarget.deal("d1"), "value")).isEqualTo(MarkState.NONE);
        assertThat(marks.deal("d2")).isEqualTo(MarkState.NONE);
        assertThat(marks.contact("d1")).isEqualTo(MarkState.NONE);
    }

    @Test
    void aConflictOrARefusalLooksDifferentFromWaitingAndTheMarkGoesWhenSent() {
        UUID edit = outbox.dealEdit("d1", "value", "100000", "125000");
        UUID move = outbox.stageMove("d2", "qualified", "proposal");

        outbox.conflict(edit, Map.of("value", "110000"));
        outbox.refused(move, "Deal is locked by finance");

        assertThat(marks.deal("d1")).isEqualTo(MarkState.CONFLICT);
        assertThat(marks.field(PendingTarget.deal("d1"), "value")).isEqualTo(MarkState.CONFLICT);
        assertThat(marks.deal("d2")).isEqualTo(MarkState.FAILED);

        outbox.sent(edit);
        outbox.sent(move);
        assertThat(marks.deal("d1")).isEqualTo(MarkState.NONE);
        assertThat(marks.deal("d2")).isEqualTo(MarkState.NONE);
    }

    @Test
    void theMostTellingChangeOfARecordWins() {
        outbox.stageMove("d1", "prospect", "qualified");
        UUID edit = outbox.dealEdit("d1", "title", "\"Renewal\"", "\"Renewal 2027\"");
        assertThat(marks.deal("d1")).isEqualTo(MarkState.WAITING);

        outbox.conflict(edit, Map.of("title", "\"Renewal (EMEA)\""));

        assertThat(marks.deal("d1")).isEqualTo(MarkState.CONFLICT);
        assertThat(marks.field(PendingTarget.deal("d1"), "stage")).isEqualTo(MarkState.WAITING);
        assertThat(marks.field(PendingTarget.deal("d1"), "title")).isEqualTo(MarkState.CONFLICT);
    }

    @Test
    void theRevisionTicksOnlyWhenAMarkChangesNotWhenAChangeMovesOnWithinWaiting() {
        long start = marks.revisionProperty().get();
        UUID move = outbox.stageMove("d1", "prospect", "proposal");
        long afterNew = marks.revisionProperty().get();
        assertThat(afterNew).isGreaterThan(start);

        // waiting -> sending -> waiting for the next attempt: the card's mark stays "Pending", no card re-reads it
        outbox.sending(move);
        outbox.retrying(move, Instant.parse("2026-12-04T14:40:00Z"), "Cannot reach the server");
        assertThat(marks.revisionProperty().get()).isEqualTo(afterNew);

        outbox.sent(move);
        assertThat(marks.revisionProperty().get()).isGreaterThan(afterNew);
    }

    @Test
    void withoutALocalCopyNothingIsEverMarked() {
        PendingMarks none = PendingMarks.none();

        assertThat(none.deal("d1")).isEqualTo(MarkState.NONE);
        assertThat(none.field(PendingTarget.deal("d1"), "stage")).isEqualTo(MarkState.NONE);
    }
}
