package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
import com.flowcrm.store.insights.RottingLimits;
import com.flowcrm.ui.kit.BeforePulse;
import com.flowcrm.ui.kit.RecentChanges;
import java.time.Clock;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ListCell;
import javafx.scene.input.MouseButton;

/**
 * A board cell: one {@link DealCard} reused for whatever deal the virtualized column scrolls into it. It
 * watches only the shown deal's revision, the board's saving and pending marks and the remote-change pulse.
 *
 * <p>The card is rewritten once per pulse, just before its CSS and layout ({@link BeforePulse}), and only when what it
 * shows changed (another deal, a new revision, the saving mark, the rotting limits, the minute): at 5,000 live events a
 * second each insert above a cell re-binds it to the next deal, several times within one batch.
 */
final class DealCardCell extends ListCell<Deal> {
    private final PipelineViewModel viewModel;
    private final DealCard card;
    private final Clock clock;
    private final Runnable rewrite = this::rewriteCard;
    private final InvalidationListener dealChanged = o -> refresh();
    private final WeakInvalidationListener weakDealChanged = new WeakInvalidationListener(dealChanged);
    private final InvalidationListener savingChanged = o -> refreshSaving();
    private final InvalidationListener pendingChanged = o -> refreshPending();
    private final InvalidationListener remotePulse = o -> onRemoteChange();
    private final InvalidationListener limitsChanged = o -> refresh();
    private Deal watched;
    // what the card shows now: it is rewritten only when one of these differs
    private Deal shownDeal;
    private long shownRevision;
    private boolean shownSaving;
    private RottingLimits shownLimits;
    private long shownMinute;
    private int rewrites;

    DealCardCell(PipelineViewModel viewModel, Clock clock, CardDragGesture drag) {
        this.viewModel = viewModel;
        this.clock = clock;
        this.card = new DealCard(clock, () -> viewModel.rottingLimitsProperty().get());
        getStyleClass().add("deal-card-cell");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        // the cell takes the column's width instead of widening the list to the card's preferred width
        setPrefWidth(0);
        // a graphic wider than the cell would be centred and cut on both sides; the card takes what the cell has
        card.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset()), widthProperty(), paddingProperty()));
        viewModel.savingRevisionProperty().addListener(new WeakInvalidationListener(savingChanged));
        viewModel.pendingMarks().revisionProperty().addListener(new WeakInvalidationListener(pendingChanged));
        viewModel.recentChanges().pulseProperty().addListener(new WeakInvalidationListener(remotePulse));
        viewModel.rottingLimitsProperty().addListener(new WeakInvalidationListener(limitsChanged));
        drag.attachSource(this);
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && getItem() != null) {
                viewModel.openDealProperty().set(getItem());
            }
        });
    }

    @Override
    protected void updateItem(Deal deal, boolean empty) {
        super.updateItem(deal, empty);
        Deal next = empty ? null : deal;
        if (next != watched) {
            if (watched != null) {
                watched.revisionProperty().removeListener(weakDealChanged);
            }
            watched = next;
            if (next != null) {
                next.revisionProperty().addListener(weakDealChanged);
                card.flash().play(viewModel.recentChanges().remaining(next.getId()));
                card.setPending(viewModel.pendingMarks().deal(next.getId()));
            } else {
                card.flash().stop();
            }
        }
        if (next == null) {
            setGraphic(null);
            setAccessibleText(null);
        } else {
            refresh();
            setGraphic(card);
        }
    }

    private void refresh() {
        if (watched != null) {
            BeforePulse.request(this, rewrite);
        }
    }

    /** Writes the watched deal on the card, unless the card already shows it as it is now. */
    private void rewriteCard() {
        Deal deal = watched;
        if (deal == null) {
            return;
        }
        boolean saving = viewModel.isSaving(deal.getId());
        RottingLimits limits = viewModel.rottingLimitsProperty().get();
        // overdue and idle days follow the clock: a card shown again a minute later is written again
        long minute = clock.millis() / 60_000;
        if (deal == shownDeal && deal.getRevision() == shownRevision && saving == shownSaving && limits == shownLimits
                && minute == shownMinute) {
            return;
        }
        shownDeal = deal;
        shownRevision = deal.getRevision();
        shownSaving = saving;
        shownLimits = limits;
        shownMinute = minute;
        rewrites++;
        card.show(deal, saving);
        setAccessibleText(deal.getTitle() + ", " + deal.getCompany());
    }

    private void refreshSaving() {
        if (watched != null) {
            boolean saving = viewModel.isSaving(watched.getId());
            card.setSaving(saving);
            if (shownDeal == watched) {
                shownSaving = saving;
            }
        }
    }

    private void refreshPending() {
        if (watched != null) {
            card.setPending(viewModel.pendingMarks().deal(watched.getId()));
        }
    }

    private void onRemoteChange() {
        RecentChanges changes = viewModel.recentChanges();
        if (watched != null && watched.getId().equals(changes.lastMarked())) {
            card.flash().play(changes.remaining(watched.getId()));
        }
    }

    /**
     * The list gives every cell its size (fixed height, the column's width), so a changed text on the card is laid out
     * inside this cell; asking the list would make it lay out all its cells again, and the board around it.
     */
    @Override
    public void requestLayout() {
        setNeedsLayout(true);
    }

    /** The card as it will be drawn: a rewrite still waiting for the pulse is done first. */
    DealCard card() {
        rewriteCard();
        return card;
    }

    /** How often the card was written (tests: once per pulse, none for an unchanged deal). */
    int rewrites() {
        return rewrites;
    }
}
