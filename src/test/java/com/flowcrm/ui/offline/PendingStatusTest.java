package com.flowcrm.ui.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import com.flowcrm.store.PendingFixture;
import com.flowcrm.store.RootStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The status bar's count of changes; no toolkit, direct executor. */
class PendingStatusTest {
    private final RootStore root = new RootStore(Runnable::run);

    @Test
    void countsWhatWaitsAndWhatNeedsTheRep() {
        root.deals().loadSnapshot(List.of(new Deal("d1"), new Deal("d2"), new Deal("d3")));
        PendingFixture outbox = new PendingFixture(root);
        PendingStatus status = new PendingStatus(outbox.pending());
        assertThat(status.textProperty().get()).isNull();
        assertThat(status.toneProperty().get()).isEqualTo(MarkState.NONE);

        UUID first = outbox.stageMove("d1", "prospect", "proposal");
        assertThat(status.textProperty().get()).isEqualTo("1 change waiting to send");
        assertThat(status.toneProperty().get()).isEqualTo(MarkState.WAITING);

        outbox.stageMove("d2", "prospect", "proposal");
        UUID third = outbox.dealEdit("d3", "value", "1", "2");
        assertThat(status.textProperty().get()).isEqualTo("3 changes waiting to send");

        outbox.conflict(third, Map.of("value", "5"));
        assertThat(status.textProperty().get()).isEqualTo("2 changes waiting to send \u00b7 1 needs your attention");
        assertThat(status.toneProperty().get()).isEqualTo(MarkState.CONFLICT);

        outbox.sent(first);
        outbox.refused(outbox.pending().changes().get(0).id(), "No");
        assertThat(status.textProperty().get()).isEqualTo("2 changes need your attention");

        outbox.pending().changes().stream().map(c -> c.id()).toList().forEach(outbox::sent);
        assertThat(status.textProperty().get()).isNull();
        assertThat(status.toneProperty().get()).isEqualTo(MarkState.NONE);
    }
}
