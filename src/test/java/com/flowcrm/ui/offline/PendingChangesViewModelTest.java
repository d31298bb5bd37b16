package com.flowcrm.ui.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.DealFocus;
import com.flowcrm.store.PendingFixture;
import com.flowcrm.store.PendingTarget;
import com.flowcrm.store.RootStore;
import com.flowcrm.ui.MutableClock;
import com.flowcrm.ui.Navigator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Pending changes panel's model against the session's pending changes; on the FX thread, direct executor. */
@ExtendWith(OnFxThread.class)
class PendingChangesViewModelTest {
    private final RootStore root = new RootStore(Runnable::run);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T16:00:00Z"));
    private final List<String> opened = new ArrayList<>();
    private PendingFixture outbox;
    private PendingChangesViewModel panel;

    @BeforeEach
    void records() {
        Deal renewal = new Deal("d1");
        renewal.setTitle("Acme renewal");
        renewal.setStage(DealStage.PROSPECT);
        renewal.setValue(100_000);
        root.deals().loadSnapshot(List.of(renewal));
        Contact dana = new Contact("c1");
        dana.setName("Dana Diaz");
        root.contacts().loadSnapshot(List.of(dana));
        outbox = new PendingFixture(root);
        panel = new PendingChangesViewModel(outbox.pending(), new Navigator() {
            @Override
            public void showDeal(String dealId) {
                opened.add("deal " + dealId);
            }

            @Override
            public void showContact(String contactId) {
                opened.add("contact " + contactId);
            }

            @Override
            public void showDeals(DealFocus focus) {
                opened.add("deals " + focus.label());
            }
        }, clock);
    }

    @Test
    void eachChangeSaysWhatOnWhatWhenAndWhereItStands() {
        outbox.at(Instant.parse("2026-12-04T14:32:00Z"));
        UUID move = outbox.stageMove("d1", "prospect", "proposal");
        outbox.at(Instant.parse("2026-12-03T09:05:00Z"));
        outbox.contactEdit("c1", "phone", "\"+1 555 0100\"", "\"+1 555 0199\"");
        outbox.retrying(move, Instant.parse("2026-12-04T16:01:00Z"), "Cannot reach the server at 127.0.0.1:4000");

        assertThat(panel.rows()).hasSize(2);
        PendingRow first = panel.rows().get(0);
        assertThat(first.kind()).isEqualTo("Stage move");
        assertThat(first.targetLabel()).isEqualTo("Acme renewal");
        assertThat(first.when()).isEqualTo("14:32");
        assertThat(first.mark()).isEqualTo(MarkState.WAITING);
        assertThat(first.status()).isEqualTo("Waiting to send - next try at 16:01");
        assertThat(first.reason()).isEqualTo("Cannot reach the server at 127.0.0.1:4000");
        assertThat(first.fields()).containsExactly(new PendingRow.Field("Stage", "Prospect", "Proposal", null));
        assertThat(first.canRetry()).isTrue();
        assertThat(first.canDiscard()).isTrue();
        assertThat(first.conflict()).isFalse();

        PendingRow second = panel.rows().get(1);
        assertThat(second.kind()).isEqualTo("Contact edit");
        assertThat(second.targetLabel()).isEqualTo("Dana Diaz");
        assertThat(second.when()).isEqualTo("Dec 3, 09:05");
        assertThat(second.status()).isEqualTo("Waiting to send");
        assertThat(second.canRetry()).as("nothing to retry before its first attempt").isFalse();
        assertThat(panel.headlineProperty().get()).isEqualTo("2 changes waiting to send");
    }

    @Test
    void aConflictShowsYoursTheirsAndWhatYouStartedFromAndKeepMineOrTheirsGoToTheStore() {
        UUID edit = outbox.dealEdit("d1", "value", "100000", "125000");
        outbox.conflict(edit, Map.of("value", "110000"));

        PendingRow row = panel.rows().get(0);
        assertThat(row.conflict()).isTrue();
        assertThat(row.status()).isEqualTo("Conflict: changed on the server too");
        assertThat(row.fields()).containsExactly(new PendingRow.Field("Value", "$100,000", "$125,000", "$110,000"));
        assertThat(panel.headlineProperty().get()).isEqualTo("1 change needs your attention");

        panel.keepMine(row).join();

        assertThat(outbox.actions).containsExactly("keepMine " + edit);
        PendingRow after = panel.rows().get(0);
        assertThat(after.conflict()).isFalse();
        assertThat(after.fields()).as("sent again over what the server has now")
                .containsExactly(new PendingRow.Field("Value", "$110,000", "$125,000", null));

        UUID other = outbox.dealEdit("d1", "title", "\"Acme renewal\"", "\"Acme renewal 2027\"");
        outbox.conflict(other, Map.of("title", "\"Acme renewal (EMEA)\""));
        panel.keepTheirs(panel.rows().get(1)).join();

        assertThat(outbox.actions).containsExactly("keepMine " + edit, "keepTheirs " + other);
        assertThat(panel.rows()).extracting(PendingRow::id).containsExactly(edit);
    }

    @Test
    void aRefusedChangeCanBeRetriedOrDiscarded() {
        UUID move = outbox.stageMove("d1", "prospect", "closed-won");
        outbox.refused(move, "Deal is locked by finance");
        UUID note = outbox.activity("d1", "Called the CFO");

        PendingRow refused = panel.rows().get(0);
        assertThat(refused.mark()).isEqualTo(MarkState.FAILED);
        assertThat(refused.status()).isEqualTo("Refused by the server");
        assertThat(refused.reason()).isEqualTo("Deal is locked by finance");
        assertThat(panel.headlineProperty().get())
                .isEqualTo("1 change waiting to send \u00b7 1 needs your attention");

        panel.retry(refused).join();
        assertThat(panel.rows().get(0).mark()).isEqualTo(MarkState.WAITING);

        panel.discard(panel.rows().get(1)).join();
        assertThat(outbox.actions).containsExactly("retry " + move, "discard " + note);
        assertThat(panel.rows()).extracting(PendingRow::id).containsExactly(move);
    }

    @Test
    void aChangeBeingSentCannotBeDiscardedAndAFailedActionSaysWhy() {
        UUID move = outbox.stageMove("d1", "prospect", "proposal");
        outbox.sending(move);
        assertThat(panel.rows().get(0).canDiscard()).isFalse();
        assertThat(panel.rows().get(0).status()).isEqualTo("Sending\u2026");

        outbox.retrying(move, Instant.parse("2026-12-04T16:05:00Z"), "Cannot reach the server");
        outbox.refuseActionsWith("The disk is full.");
        panel.retry(panel.rows().get(0)).join();

        assertThat(panel.messageProperty().get()).isEqualTo("Could not retry \u201cAcme renewal\u201d: The disk is full.");
        assertThat(panel.busy()).isEmpty();
        panel.dismissMessage();
        assertThat(panel.messageProperty().get()).isNull();
    }

    @Test
    void aRowOpensItsDealOrContact() {
        outbox.stageMove("d1", "prospect", "proposal");
        outbox.contactEdit("c1", "phone", "\"1\"", "\"2\"");

        panel.open(panel.rows().get(0));
        panel.open(panel.rows().get(1));

        assertThat(opened).containsExactly("deal d1", "contact c1");
        assertThat(panel.rows().get(0).target()).isEqualTo(PendingTarget.deal("d1"));
    }

    @Test
    void theHeadlineSaysWhenNothingWaits() {
        UUID move = outbox.stageMove("d1", "prospect", "proposal");
        outbox.sent(move);

        assertThat(panel.rows()).isEmpty();
        assertThat(panel.headlineProperty().get()).isEqualTo("Nothing is waiting: the server has every change you made.");
    }

    @Test
    void withoutALocalCopyThePanelSaysChangesGoStraightOut() {
        outbox.closeWorkspace();

        assertThat(panel.availableProperty().get()).isFalse();
        assertThat(panel.headlineProperty().get())
                .isEqualTo("This session keeps no copy on this computer: every change goes straight to the server.");
    }
}
