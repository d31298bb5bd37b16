package com.flowcrm.ui.deal;

import com.flowcrm.ui.kit.FlashEffect;
import com.flowcrm.ui.kit.RecentChanges;
import com.flowcrm.ui.kit.ViewChrome;
import com.flowcrm.ui.offline.MarkState;
import com.flowcrm.ui.offline.PendingMarkStyle;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The top of the deal panel: stage badge with the deal's pending mark, close button, title, company and contact with
 * "View contact". Built once and bound to the {@link DealSummary}; it lights up when someone else changes the deal.
 */
final class DealHeader extends StackPane {
    private final FlashEffect changed;

    DealHeader(DealSummary summary, ObservableValue<MarkState> pending, Runnable onClose, Consumer<String> onOpenContact) {
        getStyleClass().add("details-header");

        Label stageBadge = new Label();
        stageBadge.getStyleClass().add("stage-badge");
        stageBadge.textProperty().bind(summary.stageProperty());
        showStage(stageBadge, summary.stageStyleProperty().get());
        summary.stageStyleProperty().addListener((obs, old, style) -> showStage(stageBadge, style));
        Button close = ViewChrome.iconButton(Feather.X, "Close details (Esc)", "Close details", onClose);
        close.setId("close-details");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        FontIcon markIcon = new FontIcon();
        Tooltip markTip = new Tooltip();
        Label mark = PendingMarkStyle.newMark(markIcon, markTip);
        mark.setId("details-pending");
        PendingMarkStyle.show(mark, markIcon, markTip, pending.getValue());
        pending.addListener((obs, old, state) -> PendingMarkStyle.show(mark, markIcon, markTip, state));
        HBox top = new HBox(8, stageBadge, mark, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);

        Label heading = new Label();
        heading.getStyleClass().add("details-title");
        heading.setId("details-title");
        heading.setWrapText(true);
        heading.textProperty().bind(summary.titleProperty());
        Label subheading = new Label();
        subheading.getStyleClass().add("details-subtitle");
        subheading.textProperty().bind(summary.subtitleProperty());
        Hyperlink contactLink = new Hyperlink("View contact", new FontIcon(Feather.USER));
        contactLink.setId("open-contact");
        contactLink.visibleProperty().bind(summary.hasContactProperty());
        contactLink.managedProperty().bind(contactLink.visibleProperty());
        contactLink.setOnAction(e -> {
            if (summary.hasContactProperty().get()) {
                onOpenContact.accept(summary.contactIdProperty().get());
            }
        });
        HBox subtitleRow = new HBox(8, subheading, contactLink);
        subtitleRow.setAlignment(Pos.CENTER_LEFT);

        Region flash = new Region();
        flash.getStyleClass().add("card-flash");
        getChildren().addAll(flash, new VBox(6, top, heading, subtitleRow));
        changed = new FlashEffect(this, flash);
    }

    /** Lights the header up for a moment: someone else just changed the open deal. */
    void showRemoteChange() {
        changed.play(RecentChanges.HIGHLIGHT);
    }

    private static void showStage(Label badge, String style) {
        badge.getStyleClass().removeIf(s -> s.startsWith("stage-") && !s.equals("stage-badge"));
        if (!style.isEmpty()) {
            badge.getStyleClass().add(style);
        }
    }
}
