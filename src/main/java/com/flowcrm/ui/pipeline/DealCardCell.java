package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
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
 */
final class DealCardCell extends ListCell<Deal> {
    private final PipelineViewModel viewModel;
    private final DealCard card;
    private final InvalidationListener dealChanged = o -> refresh();
    private final WeakInvalidationListener weakDealChanged = new WeakInvalidationListener(dealChanged);
    private final InvalidationListener savingChanged = o -> refreshSaving();
    private final InvalidationListener pendingChanged = o -> refreshPending();
    private final InvalidationListener remotePulse = o -> onRemoteChange();
    private final InvalidationListener limitsChanged = o -> refresh();
    private Deal watched;

    DealCardCell(PipelineViewModel viewModel, Clock clock, CardDragGesture drag) {
        this.viewModel = viewModel;
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
            card.show(watched, viewModel.isSaving(watched.getId()));
            setAccessibleText(watched.getTitle() + ", " + watched.getCompany());
        }
    }

    private void refreshSaving() {
        if (watched != null) {
            card.setSaving(viewModel.isSaving(watched.getId()));
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

    DealCard card() {
        return card;
    }
}
