package com.flowcrm.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.ApiException;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.store.FakeCrmApi;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionCommands;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board's view-model against a fake server on the direct executor: no toolkit, no server. */
class PipelineViewModelTest {
    private final FakeCrmApi api = new FakeCrmApi();
    private PipelineViewModel viewModel;
    private Deal deal;

    @BeforeEach
    void load() {
        Deal onServer = new Deal("d1");
        onServer.setTitle("Renewal");
        onServer.setStage(DealStage.QUALIFIED);
        api.deals.add(onServer);
        RootStore root = new RootStore(Runnable::run);
        Deal shown = new Deal("d1");
        DealChanges.of(onServer).applyTo(shown);
        root.deals().loadSnapshot(List.of(shown));
        viewModel = new PipelineViewModel(new SessionCommands(root, () -> api, reason -> { }));
        deal = viewModel.findDeal("d1");
    }

    @Test
    void aMoveChangesTheColumnAndIsSavedOnTheServer() {
        viewModel.moveBy(deal, 1).join();

        assertThat(deal.getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(viewModel.dealsIn(DealStage.PROPOSAL)).containsExactly(deal);
        assertThat(viewModel.isSaving("d1")).isFalse();
        assertThat(viewModel.messageProperty().get()).isNull();
        assertThat(api.writes).containsExactly("stage d1 proposal");
    }

    @Test
    void aRefusedMoveGoesBackAndTheBannerSaysWhy() {
        api.failNext(ApiException.Kind.REJECTED, 409, "Deal is locked by finance");

        viewModel.moveDeal(deal, DealStage.CLOSED_WON).handle((moved, error) -> error).join();

        assertThat(deal.getStage()).isEqualTo(DealStage.QUALIFIED);
        assertThat(viewModel.dealsIn(DealStage.QUALIFIED)).containsExactly(deal);
        assertThat(viewModel.messageProperty().get()).isEqualTo(
                "Could not move \u201cRenewal\u201d to Closed won. It is back in Qualified. Deal is locked by finance");
        assertThat(viewModel.refusedMoves()).isEqualTo(1);
        viewModel.dismissMessage();
        assertThat(viewModel.messageProperty().get()).isNull();
    }

    @Test
    void nothingMovesPastEitherEndOfTheBoardOrOntoItsOwnStage() {
        deal.setStage(DealStage.PROSPECT);

        viewModel.moveBy(deal, -1).join();
        viewModel.moveDeal(deal, DealStage.PROSPECT).join();

        assertThat(api.writes).isEmpty();
    }

    @Test
    void theOpenDealIsTheStoresSelection() {
        viewModel.openDealProperty().set(deal);

        assertThat(viewModel.findDeal("d1")).isSameAs(deal);
        assertThat(deal).isSameAs(viewModel.openDealProperty().get());
    }
}
