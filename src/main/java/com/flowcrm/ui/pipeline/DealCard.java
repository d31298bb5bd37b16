package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
import com.flowcrm.store.insights.DealRules;
import com.flowcrm.store.insights.RottingLimits;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.FlashEffect;
import com.flowcrm.ui.offline.MarkState;
import com.flowcrm.ui.offline.PendingMarkStyle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One deal on the board. The node graph is built once per cell; {@link #show} only rewrites texts and flags,
 * so a live change of a deal costs a few label updates, not a new card. One small mark says when the rep's change is
 * being saved, waiting to be sent, refused or in conflict; it changes only when that state does.
 *
 * <p>The optional marks (at risk, positive signal, rotting, the pending mark) are in the node graph only while they
 * show: a hidden node still has its CSS processed whenever the list re-binds the cell (its index, so its odd/even
 * state, changes at every insert above it), and they were 9 of the card's 32 nodes.
 */
final class DealCard extends StackPane {
    static final PseudoClass OVERDUE = PseudoClass.getPseudoClass("overdue");
    static final PseudoClass SAVING = PseudoClass.getPseudoClass("saving");
    /** Idle longer than its stage allows (the rule of the Insights view): a red edge and "idle 21 d". */
    static final PseudoClass ROTTING = PseudoClass.getPseudoClass("rotting");
    private static final PseudoClass HIGH = PseudoClass.getPseudoClass("high");
    private static final PseudoClass MEDIUM = PseudoClass.getPseudoClass("medium");
    private static final PseudoClass LOW = PseudoClass.getPseudoClass("low");

    private final Label title = new Label();
    private final Label company = new Label();
    private final Label value = new Label();
    private final Label priority = new Label();
    private final Label closeDate = new Label();
    private final ProbabilityBar probabilityBar = new ProbabilityBar();
    private final Label probability = new Label();
    private final Label atRisk = new Label();
    private final Label signal = new Label();
    private final Label idle = new Label();
    private final Tooltip idleTip = new Tooltip();
    private final Label saving = new Label();
    private final FontIcon savingIcon = new FontIcon(Feather.UPLOAD_CLOUD);
    private final Tooltip savingTip = new Tooltip();
    private boolean savingNow;
    private MarkState pending = MarkState.NONE;
    private MarkState markShown;
    private final Tooltip atRiskTip = new Tooltip();
    private final Tooltip signalTip = new Tooltip();
    private final Tooltip priorityTip = new Tooltip();
    private final Tooltip closeTip = new Tooltip();
    private final Tooltip titleTip = new Tooltip();
    private final Region flashOverlay = new Region();
    private final FlashEffect flash = new FlashEffect(this, flashOverlay);
    private final Clock clock;
    private final Supplier<RottingLimits> rottingLimits;
    /** Which of the optional marks are shown (bits): only they change the card's height. */
    private int shownMarks = -1;
    private final VBox content;
    private final HBox probabilityRow;
    private final HBox markers;

    DealCard(Clock clock) {
        this(clock, () -> RottingLimits.DEFAULTS);
    }

    DealCard(Clock clock, Supplier<RottingLimits> rottingLimits) {
        this.clock = clock;
        this.rottingLimits = rottingLimits;
        getStyleClass().add("deal-card");
        title.getStyleClass().add("deal-title");
        company.getStyleClass().add("deal-company");
        value.getStyleClass().add("deal-value");
        priority.getStyleClass().add("priority-badge");
        priority.setGraphic(new FontIcon(Feather.FLAG));
        priority.setTooltip(priorityTip);
        closeDate.getStyleClass().add("deal-close");
        closeDate.setGraphic(new FontIcon(Feather.CALENDAR));
        closeDate.setTooltip(closeTip);
        probability.getStyleClass().add("deal-probability");
        atRisk.getStyleClass().addAll("marker", "marker-risk");
        atRisk.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        atRisk.setAccessibleText("At risk");
        atRisk.setTooltip(atRiskTip);
        signal.getStyleClass().addAll("marker", "marker-signal");
        signal.setGraphic(new FontIcon(Feather.TRENDING_UP));
        signal.setAccessibleText("Positive signal");
        signal.setTooltip(signalTip);
        idle.getStyleClass().addAll("marker", "marker-rotting");
        idle.setTooltip(idleTip);
        saving.getStyleClass().addAll("saving-mark", PendingMarkStyle.STYLE_CLASS);
        saving.setGraphic(savingIcon);
        saving.setTooltip(savingTip);
        flashOverlay.getStyleClass().add("card-flash");

        title.setMaxWidth(Double.MAX_VALUE);
        title.setMinWidth(0);
        // deal names share their first words ("Forecasting Add-on ..."): two lines tell them apart; every card
        // keeps the same height (the column's cells are fixed-size), and the tooltip has the whole title
        title.setWrapText(true);
        title.setAlignment(Pos.TOP_LEFT);
        title.getStyleClass().add("two-lines");
        title.setTooltip(titleTip);
        company.setMinWidth(0);
        setMinWidth(0);
        // the title gives way first; badges, value and date keep their full text
        for (Label fixed : List.of(priority, value, closeDate, probability, atRisk, signal, idle)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }

        // the value takes the row's free width, which puts the date on the right (no spacer node)
        value.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(value, Priority.ALWAYS);
        HBox valueRow = new HBox(6, value, closeDate);
        valueRow.setAlignment(Pos.CENTER_LEFT);

        probabilityBar.setMaxWidth(Double.MAX_VALUE);
        probabilityBar.setMinWidth(36);
        HBox.setHgrow(probabilityBar, Priority.ALWAYS);
        // the rotting mark sits before the probability bar, which gives way: the marker row is full on a narrow card
        probabilityRow = new HBox(8, probabilityBar, probability);
        probabilityRow.setAlignment(Pos.CENTER_LEFT);

        markers = new HBox(6, priority);
        markers.setAlignment(Pos.CENTER_LEFT);
        markers.getStyleClass().add("marker-row");

        // the rep's own change gets a line of its own (only while it shows): in the full marker row of a narrow column
        // it was cut to "..." and could not be read
        saving.setMinWidth(Region.USE_PREF_SIZE);
        content = new VBox(6, title, company, valueRow, probabilityRow, markers);
        content.getStyleClass().add("deal-card-content");
        // narrow columns: rows give way (ellipsis) instead of pushing the content out of the card
        content.setMinWidth(0);
        markers.setMinWidth(0);
        valueRow.setMinWidth(0);
        StackPane.setAlignment(content, Pos.TOP_LEFT);
        // behind the content, so the highlight tints the card without washing out its text
        getChildren().addAll(flashOverlay, content);
        showMark();
    }

    /** Rewrites the card for this deal's current values; {@code isSaving} shows the pending-save mark. */
    void show(Deal deal, boolean isSaving) {
        title.setText(deal.getTitle());
        titleTip.setText(deal.getTitle());
        company.setText(deal.getContactName().isBlank()
                ? deal.getCompany() : deal.getCompany() + " \u00b7 " + deal.getContactName());
        value.setText(DisplayFormats.compactMoney(deal.getValue()));
        int percent = deal.getProbability();
        probability.setText(percent + "%");
        probabilityBar.setFraction(percent / 100.0);

        com.flowcrm.model.Priority p = deal.getPriority() == null ? com.flowcrm.model.Priority.MEDIUM : deal.getPriority();
        priority.setText(DisplayFormats.label(p));
        priorityTip.setText(DisplayFormats.label(p) + " priority");
        priority.pseudoClassStateChanged(HIGH, p == com.flowcrm.model.Priority.HIGH);
        priority.pseudoClassStateChanged(MEDIUM, p == com.flowcrm.model.Priority.MEDIUM);
        priority.pseudoClassStateChanged(LOW, p == com.flowcrm.model.Priority.LOW);

        // expected close dates are calendar dates: the day as the backend gave it, the same day Insights counts
        closeDate.setText(DisplayFormats.shortDate(deal.getExpectedCloseDate(), deal.getExpectedCloseOffset(), clock.instant()));
        closeTip.setText("Expected close: " + DisplayFormats.date(deal.getExpectedCloseDate(), deal.getExpectedCloseOffset()));
        boolean overdue = deal.isOverdue(clock.instant());
        closeDate.pseudoClassStateChanged(OVERDUE, overdue);

        boolean risky = deal.isAtRisk();
        setShown(markers, atRisk, risky, 1);
        if (risky) {
            List<String> reasons = new ArrayList<>(deal.getRiskFactors());
            if (deal.getCompetitorMentioned() != null) {
                reasons.add("Competitor: " + deal.getCompetitorMentioned());
            }
            atRiskTip.setText("At risk\n" + String.join("\n", reasons));
        }
        boolean rotting = DealRules.isRotting(deal, clock.instant(), rottingLimits.get());
        setShown(probabilityRow, idle, rotting, 0);
        pseudoClassStateChanged(ROTTING, rotting);
        if (rotting) {
            long days = DealRules.idleDays(deal, clock.instant());
            idle.setText("idle " + days + " d");
            idle.setAccessibleText("Rotting: idle " + days + " days");
            idleTip.setText("No activity for " + days + " days; " + deal.getStage().label() + " allows "
                    + rottingLimits.get().daysFor(deal.getStage()).orElse(0) + ".\nThe deal is rotting.");
        }
        boolean positive = !deal.getPositiveSignals().isEmpty();
        setShown(markers, signal, positive, markers.getChildren().contains(atRisk) ? 2 : 1);
        if (positive) {
            signalTip.setText("Positive signals\n" + String.join("\n", deal.getPositiveSignals()));
        }
        setSaving(isSaving);
    }

    void setSaving(boolean isSaving) {
        savingNow = isSaving;
        showMark();
    }

    /** The deal's pending state (a change of the rep's waiting, refused or in conflict); set when it changes. */
    void setPending(MarkState state) {
        pending = state == null ? MarkState.NONE : state;
        showMark();
    }

    private void showMark() {
        MarkState next = savingNow ? MarkState.SAVING : pending;
        if (next != markShown) {
            markShown = next;
            PendingMarkStyle.show(saving, savingIcon, savingTip, next);
            pseudoClassStateChanged(SAVING, savingNow);
            setShown(content, saving, saving.isVisible(), content.getChildren().size());
        }
        int marks = (isShown(atRisk) ? 1 : 0) | (isShown(idle) ? 2 : 0) | (isShown(signal) ? 4 : 0)
                | (isShown(saving) ? 8 : 0);
        if (marks != shownMarks) {
            shownMarks = marks;
            // a mark that comes or goes can change the card's height by a pixel: the cell sizes the card again
            super.requestLayout();
        }
    }

    /**
     * The card is as wide as its cell and as high as its content, and a new text never changes either: it is laid out
     * inside the card. Telling the cell would also make the list apply CSS to the whole cell again when it next
     * re-binds its cells (every card added to or removed from the column); only the marks tell it ({@link #showMark}).
     */
    @Override
    public void requestLayout() {
        setNeedsLayout(true);
    }

    FlashEffect flash() {
        return flash;
    }

    // Read by tests and by accessibility: what the card currently says.
    String titleText() {
        return title.getText();
    }

    String valueText() {
        return value.getText();
    }

    String closeDateText() {
        return closeDate.getText();
    }

    boolean isOverdueShown() {
        return closeDate.getPseudoClassStates().contains(OVERDUE);
    }

    boolean isAtRiskShown() {
        return isShown(atRisk);
    }

    boolean isRottingShown() {
        return isShown(idle) && getPseudoClassStates().contains(ROTTING);
    }

    String idleText() {
        return idle.getText();
    }

    boolean isSignalShown() {
        return isShown(signal);
    }

    boolean isSavingShown() {
        return isShown(saving) && markShown == MarkState.SAVING;
    }

    /** The mark on the card now (NONE when none shows). */
    MarkState markShown() {
        return isShown(saving) ? markShown : MarkState.NONE;
    }

    private static boolean isShown(Label mark) {
        return mark.getParent() != null && mark.isVisible();
    }

    /** Puts the mark into its row at {@code at} while it shows, and takes it out of the node graph while it does not. */
    private static void setShown(Pane row, Label mark, boolean shown, int at) {
        boolean in = mark.getParent() == row;
        if (shown && !in) {
            row.getChildren().add(at, mark);
        } else if (!shown && in) {
            row.getChildren().remove(mark);
        }
    }
}
