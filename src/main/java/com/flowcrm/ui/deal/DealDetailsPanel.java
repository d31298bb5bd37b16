package com.flowcrm.ui.deal;

import com.flowcrm.ui.kit.DetailsLayout;
import com.flowcrm.ui.kit.LiveScrollPane;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The side panel with everything about one deal, made of parts built once and bound to the view-model: the
 * {@link DealHeader}, the {@link DealOverview} (figures, facts, description, risks, signals, insights), the
 * {@link DealEditForm}, the {@link ActivityForm} and the {@link ActivityTimeline}. It follows the deal live.
 */
public final class DealDetailsPanel extends VBox {
    private final DealHeader header;
    private Runnable onClose = () -> { };
    private Consumer<String> onOpenContact = id -> { };

    public DealDetailsPanel(DealDetailsViewModel viewModel, Clock clock) {
        getStyleClass().add("deal-details");
        setId("deal-details");
        DealSummary summary = viewModel.summary();
        header = new DealHeader(summary, viewModel.dealMarkProperty(), () -> onClose.run(),
                id -> onOpenContact.accept(id));
        Label loadMessage = DetailsLayout.message(viewModel.loadMessageProperty(), viewModel.deletedProperty());

        loadMessage.setId("deal-details-message");
        VBox edit = DetailsLayout.section("Edit deal", new DealEditForm(viewModel));
        VBox log = DetailsLayout.section("Log activity", new ActivityForm(viewModel.activityForm()));
        // a deal deleted on the server while open stays readable, but nothing can be sent for it
        edit.disableProperty().bind(viewModel.deletedProperty());
        log.disableProperty().bind(viewModel.deletedProperty());

        VBox content = new VBox(18,
                header, loadMessage,
                new DealOverview(summary),
                edit,
                log,
                DetailsLayout.section("Activity", new ActivityTimeline(summary.activities(), clock)));
        content.getStyleClass().add("details-content");
        ScrollPane scroller = new LiveScrollPane(content);
        scroller.setFitToWidth(true);
        scroller.getStyleClass().add("details-scroller");
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroller, Priority.ALWAYS);
        getChildren().add(scroller);
    }

    /** What the close button does (the hosting view hides the panel). */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    /** Lights the header up for a moment: someone else just changed the open deal. */
    public void showRemoteChange() {
        header.showRemoteChange();
    }

    /** What "View contact" does (the hosting view asks the navigator to show the contact). */
    public void setOnOpenContact(Consumer<String> action) {
        onOpenContact = action == null ? id -> { } : action;
    }
}
