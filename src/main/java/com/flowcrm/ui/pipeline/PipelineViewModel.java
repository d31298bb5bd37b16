package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.DealFilter;
import com.flowcrm.store.DealFocus;
import com.flowcrm.store.insights.RottingLimits;
import com.flowcrm.store.DealsStore;
import com.flowcrm.store.PendingChange;
import com.flowcrm.store.SessionCommands;
import com.flowcrm.store.StageSummary;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.RecentChanges;
import com.flowcrm.ui.offline.PendingMarks;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the pipeline board: which deals each column shows (the store's filtered lists), the deals whose
 * stage change is still being saved, the deals with a change of the rep's on its way ({@link PendingMarks}), the last
 * refused move, remote-change highlights and the open deal.
 */
public final class PipelineViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineViewModel.class);

    private final SessionCommands commands;
    private final DealsStore deals;
    private final ObservableSet<String> saving = FXCollections.observableSet();
    private final ReadOnlyLongWrapper savingRevision = new ReadOnlyLongWrapper(this, "savingRevision");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ObjectProperty<Deal> openDeal = new SimpleObjectProperty<>(this, "openDeal");
    private final RecentChanges recentChanges = new RecentChanges();
    private final PendingMarks pendingMarks;
    private long refusedMoves;

    public PipelineViewModel(SessionCommands commands) {
        this(commands, PendingMarks.none());
    }

    /** @param pendingMarks which deals have a change of the rep's waiting, refused or in conflict */
    public PipelineViewModel(SessionCommands commands, PendingMarks pendingMarks) {
        this.commands = commands;
        this.pendingMarks = java.util.Objects.requireNonNull(pendingMarks, "pendingMarks");
        this.deals = commands.root().deals();
        deals.addRemoteChangeListener(change -> recentChanges.mark(change.id()));
        saving.addListener((javafx.collections.SetChangeListener<String>) change ->
                savingRevision.set(savingRevision.get() + 1));
        openDeal.addListener((obs, old, deal) -> deals.selectedDealProperty().set(deal));
        // with a local copy a move is saved at once and sent later: a refusal comes then, already rolled back
        commands.pendingChanges().addRejectionListener(this::refusedLater);
    }

    private void refusedLater(PendingChange change) {
        if (change.kind() != PendingChange.Kind.STAGE_MOVE || change.fields().isEmpty()) {
            return;
        }
        refusedMoves++;
        Deal deal = deals.byId(change.target().id());
        String backIn = deal != null ? deal.getStage().label() : change.fields().get(0).base();
        message.set("Could not move \u201c" + change.label() + "\u201d to " + change.fields().get(0).yours()
                + ". It is back in " + backIn + ". " + change.reason());
    }

    /** The deals the column of this stage shows, with the active filter and search applied. */
    public ObservableList<Deal> dealsIn(DealStage stage) {
        return deals.dealsInStage(stage);
    }

    /** Count, total and weighted value of what the column of this stage shows. */
    public ReadOnlyObjectProperty<StageSummary> summaryProperty(DealStage stage) {
        return deals.stageSummaryProperty(stage);
    }

    /** Total value of all open deals. */
    public ReadOnlyDoubleProperty pipelineTotalProperty() {
        return deals.pipelineTotalProperty();
    }

    /** Value x probability summed over all open deals. */
    public ReadOnlyDoubleProperty weightedForecastProperty() {
        return deals.weightedForecastProperty();
    }

    public ReadOnlyIntegerProperty openDealCountProperty() {
        return deals.openDealCountProperty();
    }

    public ObjectProperty<DealFilter> filterProperty() {
        return deals.filterProperty();
    }

    /** The deals the board is narrowed to from Insights (a chip names them), or null. */
    public ObjectProperty<DealFocus> focusProperty() {
        return deals.focusProperty();
    }

    /** How long a deal may stay idle per stage before its card shows it rotting. */
    public ObjectProperty<RottingLimits> rottingLimitsProperty() {
        return deals.rottingLimitsProperty();
    }

    public StringProperty searchTextProperty() {
        return deals.searchTextProperty();
    }

    /** The deal shown in the details panel, or null when the panel is closed. */
    public ObjectProperty<Deal> openDealProperty() {
        return openDeal;
    }

    public Deal findDeal(String id) {
        return id == null ? null : deals.byId(id);
    }

    public RecentChanges recentChanges() {
        return recentChanges;
    }

    /** The cards' pending marks; a card re-reads its own when {@link PendingMarks#revisionProperty()} ticks. */
    public PendingMarks pendingMarks() {
        return pendingMarks;
    }

    public boolean isSaving(String dealId) {
        return saving.contains(dealId);
    }

    /** Ticks whenever a deal starts or stops saving, so the visible cells refresh their marks. */
    public ReadOnlyLongProperty savingRevisionProperty() {
        return savingRevision.getReadOnlyProperty();
    }

    /** Why the last move failed, for the banner on the board; null when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void dismissMessage() {
        message.set(null);
    }

    /** How many moves the server refused since the board opened. */
    public long refusedMoves() {
        return refusedMoves;
    }

    /**
     * Moves the deal to the stage: the store moves it at once (so the card changes column), the card shows
     * "saving" until the server answers (with a local copy: until the move is saved on this computer; it then waits
     * to be sent, also while offline), and a refusal - rolled back by the store - is explained in the banner.
     */
    public CompletableFuture<Deal> moveDeal(Deal deal, DealStage target) {
        if (deal == null || target == null || deal.getStage() == target || saving.contains(deal.getId())) {
            return CompletableFuture.completedFuture(deal);
        }
        String id = deal.getId();
        DealStage from = deal.getStage();
        saving.add(id);
        message.set(null);
        CompletableFuture<Deal> result = commands.changeStage(id, target);
        return result.whenComplete((updated, error) -> {
            saving.remove(id);
            if (error != null) {
                refusedMoves++;
                String reason = DisplayFormats.failureReason(error);
                LOG.warn("Moving deal {} from {} to {} failed ({} refused so far): {}", id, from, target, refusedMoves,
                        reason);
                message.set("Could not move \u201c" + deal.getTitle() + "\u201d to " + target.label()
                        + ". It is back in " + from.label() + ". " + reason);
            }
        });
    }

    /** Moves the deal one stage left (negative) or right (positive); nothing at either end of the board. */
    public CompletableFuture<Deal> moveBy(Deal deal, int direction) {
        if (deal == null || direction == 0) {
            return CompletableFuture.completedFuture(deal);
        }
        DealStage target = direction < 0 ? deal.getStage().previous() : deal.getStage().next();
        return moveDeal(deal, target);
    }
}
