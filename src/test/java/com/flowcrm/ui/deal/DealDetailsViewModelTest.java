package com.flowcrm.ui.deal;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.ApiException;
import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Priority;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.DealUpdate;
import com.flowcrm.store.FakeCrmApi;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionCommands;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.InvalidationListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deal panel's view-model against a fake server on the direct executor: no toolkit, no server, no waiting. */
class DealDetailsViewModelTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final FakeCrmApi api = new FakeCrmApi();
    private RootStore root;
    private DealDetailsViewModel viewModel;
    private Deal deal;

    @BeforeEach
    void open() {
        Deal onServer = new Deal("d1");
        onServer.setTitle("Renewal");
        onServer.setCompany("Acme");
        onServer.setContactName("Ann Lee");
        onServer.setContactId("c1");
        onServer.setStage(DealStage.PROPOSAL);
        onServer.setValue(1000);
        onServer.setProbability(50);
        onServer.setPriority(Priority.MEDIUM);
        onServer.getRiskFactors().add("Budget freeze");
        onServer.getActivities().add(new DealActivity("a1", ActivityType.NOTE, NOW.minusSeconds(86_400), "Older note", null, null));
        api.deals.add(onServer);
        root = new RootStore(Runnable::run);
        Deal shown = new Deal("d1");
        DealChanges.of(onServer).applyTo(shown);
        root.deals().loadSnapshot(List.of(shown));
        deal = root.deals().byId("d1");
        viewModel = new DealDetailsViewModel(new SessionCommands(root, () -> api, reason -> { }),
                Clock.fixed(NOW, ZoneOffset.UTC));
        viewModel.open(deal);
    }

    private void changedBySomeoneElse(DealChanges changes) {
        root.accept("deal:updated", com.flowcrm.api.Mapped.clean(new DealUpdate("d1", changes)));
    }

    @Test
    void theSummaryReadsTheDealAndFollowsItLive() {
        DealSummary summary = viewModel.summary();
        assertThat(summary.titleProperty().get()).isEqualTo("Renewal");
        assertThat(summary.subtitleProperty().get()).isEqualTo("Acme \u00b7 Ann Lee");
        assertThat(summary.stageProperty().get()).isEqualTo("Proposal");
        assertThat(summary.stageStyleProperty().get()).isEqualTo("stage-proposal");
        assertThat(summary.valueProperty().get()).isEqualTo("$1,000");
        assertThat(summary.weightedProperty().get()).isEqualTo("$500");
        assertThat(summary.facts()).extracting(DealSummary.Fact::key).startsWith("Contact", "Company", "Stage");
        assertThat(summary.risks()).containsExactly("Budget freeze");
        assertThat(summary.hasContactProperty().get()).isTrue();

        changedBySomeoneElse(new DealChanges().stage(DealStage.NEGOTIATION).value(2000));

        assertThat(summary.stageProperty().get()).isEqualTo("Negotiation");
        assertThat(summary.valueProperty().get()).isEqualTo("$2,000");
        assertThat(summary.facts().get(2).value().get()).isEqualTo("Negotiation");
    }

    @Test
    void aChangeTouchesOnlyTheTextsAndListsItChanged() {
        DealSummary summary = viewModel.summary();
        AtomicInteger titleChanges = new AtomicInteger();
        AtomicInteger riskChanges = new AtomicInteger();
        summary.titleProperty().addListener((InvalidationListener) o -> titleChanges.incrementAndGet());
        summary.risks().addListener((InvalidationListener) o -> riskChanges.incrementAndGet());

        changedBySomeoneElse(new DealChanges().value(1500));

        assertThat(titleChanges).hasValue(0);
        assertThat(riskChanges).hasValue(0);
        assertThat(summary.valueProperty().get()).isEqualTo("$1,500");
    }

    @Test
    void badInputIsRefusedAtTheFieldAndNothingIsSent() {
        viewModel.value().draftProperty().set("-5");
        viewModel.expectedClose().draftProperty().set("2026-02-30");

        viewModel.save().join();

        assertThat(viewModel.value().errorProperty().get()).contains("non-negative number");
        assertThat(viewModel.expectedClose().errorProperty().get()).contains("real date");
        assertThat(viewModel.saveMessageProperty().get()).isEqualTo("Fix the marked fields to save.");
        assertThat(viewModel.refusedInputs()).isEqualTo(1);
        assertThat(api.writes).isEmpty();
    }

    @Test
    void aGoodEditIsSavedAndTheFieldsTakeTheSavedDeal() {
        viewModel.value().draftProperty().set("$250,000");
        viewModel.priority().draftProperty().set(Priority.HIGH);

        viewModel.save().join();

        assertThat(viewModel.saveMessageProperty().get()).isEqualTo("Saved.");
        assertThat(deal.getValue()).isEqualTo(250_000);
        assertThat(deal.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(viewModel.value().isDirty()).isFalse();
        assertThat(viewModel.summary().valueProperty().get()).isEqualTo("$250,000");
    }

    @Test
    void aRefusedSaveSaysWhyAndKeepsTheDraft() {
        api.failNext(ApiException.Kind.REJECTED, 422, "Value over the approval limit");
        viewModel.value().draftProperty().set("9000000");

        viewModel.save();

        assertThat(viewModel.saveMessageProperty().get()).isEqualTo("Not saved: Value over the approval limit");
        assertThat(viewModel.saveFailedProperty().get()).isTrue();
        assertThat(viewModel.value().draftProperty().get()).isEqualTo("9000000");
    }

    @Test
    void aChangeBySomeoneElseNeverOverwritesAFieldTheRepIsIn() {
        viewModel.title().editingProperty().set(true);
        viewModel.title().draftProperty().set("Renewal (draft)");

        changedBySomeoneElse(new DealChanges().title("Renamed by the manager").value(123_000));

        assertThat(viewModel.title().draftProperty().get()).isEqualTo("Renewal (draft)");
        assertThat(viewModel.title().remoteNoticeProperty().get()).isEqualTo("Changed by someone else: Renamed by the manager");
        assertThat(viewModel.value().draftProperty().get()).isEqualTo("123000");
        assertThat(viewModel.summary().titleProperty().get()).isEqualTo("Renamed by the manager");
    }

    @Test
    void aLoggedActivityGoesFirstInTheTimelineAndTheFormEmpties() {
        ActivityFormModel form = viewModel.activityForm();
        form.log().join();
        assertThat(form.descriptionErrorProperty().get()).isEqualTo("Describe what happened.");
        assertThat(viewModel.refusedInputs()).isEqualTo(1);

        form.typeProperty().set(ActivityType.DEMO);
        form.descriptionProperty().set("Walked the team through the pricing");
        form.outcomeProperty().set("They want a pilot");
        form.log().join();

        assertThat(form.messageProperty().get()).isEqualTo("Activity logged.");
        assertThat(form.descriptionProperty().get()).isEmpty();
        assertThat(form.typeProperty().get()).isEqualTo(ActivityType.CALL);
        assertThat(viewModel.summary().activities()).extracting(DealActivity::description)
                .containsExactly("Walked the team through the pricing", "Older note");
        assertThat(api.writes).containsExactly("activity d1 Walked the team through the pricing");
    }

    @Test
    void openingAnotherDealEmptiesTheFormAndClosingClearsTheMessages() {
        viewModel.activityForm().descriptionProperty().set("half typed");
        Deal other = new Deal("d2");
        root.deals().loadSnapshot(List.of(deal, other));

        viewModel.open(other);
        assertThat(viewModel.activityForm().descriptionProperty().get()).isEmpty();
        assertThat(viewModel.loadMessageProperty().get()).startsWith("Could not load the full history");

        viewModel.open(null);
        assertThat(viewModel.dealProperty().get()).isNull();
        assertThat(viewModel.loadMessageProperty().get()).isNull();
    }
}
