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
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One deal on the board. The node graph is built once per cell; {@link #show} only rewrites texts and flags,
 * so a live change of a deal costs a few text updates, not a new card. One small mark says when the rep's change is
 * being saved, waiting to be sent, refused or in conflict; it changes only when that state does.
 *
 * <p>The card is one region that places its parts itself, row by row ({@link #layoutChildren}), with no rows of
 * boxes inside it: at 5,000 live events a second the board's lists re-bind and lay out their cells at every pulse, and
 * the nested {@code VBox} of {@code HBox}es with a wrapping title asked every row for its size twice over. The value and
 * the close date are plain {@code Text} nodes (no skin, none of a label's CSS); the texts that must shorten with an
 * ellipsis (title, company) and the badges stay labels.
 *
 * <p>The optional marks (at risk, positive signal, rotting, the pending mark) are in the node graph only while they
 * show: a hidden node still has its CSS processed whenever the list re-binds the cell (its index, so its odd/even
 * state, changes at every insert above it).
 */
final class DealCard extends Region {
    static final PseudoClass OVERDUE = PseudoClass.getPseudoClass("overdue");
    static final PseudoClass SAVING = PseudoClass.getPseudoClass("saving");
    /** Idle longer than its stage allows (the rule of the Insights view): a red edge and "idle 21 d". */
    static final PseudoClass ROTTING = PseudoClass.getPseudoClass("rotting");
    private static final PseudoClass HIGH = PseudoClass.getPseudoClass("high");
    private static final PseudoClass MEDIUM = PseudoClass.getPseudoClass("medium");
    private static final PseudoClass LOW = PseudoClass.getPseudoClass("low");
    /** The card's padding and the gaps of its rows (the former content box's 10 px padding and 6 px spacing). */
    private static final double PADDING = 10;
    private static final double ROW_GAP = 6;
    private static final double VALUE_GAP = 6;
    private static final double PROBABILITY_GAP = 8;
    private static final double MARKER_GAP = 6;
    /** Between the calendar icon and the date (a label's default graphic gap). */
    private static final double ICON_GAP = 4;
    private static final double BAR_MIN_WIDTH = 36;

    private final Label title = new Label();
    private final Label company = new Label();
    private final Text value = new Text();
    private final FontIcon closeIcon = new FontIcon(Feather.CALENDAR);
    private final Text closeDate = new Text();
    private final ProbabilityBar probabilityBar = new ProbabilityBar();
    private final Label probability = new Label();
    private final Label priority = new Label();
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

    DealCard(Clock clock) {
        this(clock, () -> RottingLimits.DEFAULTS);
    }

    DealCard(Clock clock, Supplier<RottingLimits> rottingLimits) {
        this.clock = clock;
        this.rottingLimits = rottingLimits;
        getStyleClass().add("deal-card");
        title.getStyleClass().add("deal-title");
        company.getStyleClass().add("deal-company");
        // "text" is the style class of a label's own text node: the theme's smoothing and bounds for text
        value.getStyleClass().addAll("text", "deal-value");
        closeDate.getStyleClass().addAll("text", "deal-close");
        closeIcon.getStyleClass().add("deal-close-icon");
        priority.getStyleClass().add("priority-badge");
        priority.setGraphic(new FontIcon(Feather.FLAG));
        priority.setTooltip(priorityTip);
        Tooltip.install(closeDate, closeTip);
        Tooltip.install(closeIcon, closeTip);
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

        title.setMinWidth(0);
        // deal names share their first words ("Forecasting Add-on ..."): two lines tell them apart; every card
        // keeps the same height (the column's cells are fixed-size), and the tooltip has the whole title
        title.setWrapText(true);
        title.setAlignment(Pos.TOP_LEFT);
        title.getStyleClass().add("two-lines");
        title.setTooltip(titleTip);
        company.setMinWidth(0);
        setMinWidth(0);
        // the title and the company give way first (ellipsis); badges, value and date keep their full text
        for (Label fixed : List.of(priority, probability, atRisk, signal, idle, saving)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        // behind the content, so the highlight tints the card without washing out its text; the order of the rest is
        // the reading order (and the order of the marks in their rows)
        getChildren().addAll(flashOverlay, title, company, value, closeIcon, closeDate, probabilityBar, probability,
                priority);
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
        closeIcon.pseudoClassStateChanged(OVERDUE, overdue);

        boolean risky = deal.isAtRisk();
        setShown(atRisk, risky, indexOf(priority) + 1);
        if (risky) {
            List<String> reasons = new ArrayList<>(deal.getRiskFactors());
            if (deal.getCompetitorMentioned() != null) {
                reasons.add("Competitor: " + deal.getCompetitorMentioned());
            }
            atRiskTip.setText("At risk\n" + String.join("\n", reasons));
        }
        boolean rotting = DealRules.isRotting(deal, clock.instant(), rottingLimits.get());
        setShown(idle, rotting, indexOf(probabilityBar));
        pseudoClassStateChanged(ROTTING, rotting);
        if (rotting) {
            long days = DealRules.idleDays(deal, clock.instant());
            idle.setText("idle " + days + " d");
            idle.setAccessibleText("Rotting: idle " + days + " days");
            idleTip.setText("No activity for " + days + " days; " + deal.getStage().label() + " allows "
                    + rottingLimits.get().daysFor(deal.getStage()).orElse(0) + ".\nThe deal is rotting.");
        }
        boolean positive = !deal.getPositiveSignals().isEmpty();
        setShown(signal, positive, indexOf(isShown(atRisk) ? atRisk : priority) + 1);
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
            setShown(saving, saving.isVisible(), getChildren().size());
        }
        int marks = (isShown(atRisk) ? 1 : 0) | (isShown(idle) ? 2 : 0) | (isShown(signal) ? 4 : 0)
                | (isShown(saving) ? 8 : 0);
        if (marks != shownMarks) {
            shownMarks = marks;
            // a mark that comes or goes changes the card's rows (and its height): the cell sizes the card again
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

    /*
     * The rows, top to bottom, as the former VBox of HBoxes placed them: the title (two lines), the company, the value
     * with the close date on the right, [idle] probability bar and percentage, the priority with the at-risk and signal
     * marks, and the pending mark on a line of its own. Sizes are the children's preferred sizes bounded by their
     * minimum and maximum, snapped to pixels, as the boxes did.
     */

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    /** Its rows never shrink (their texts and badges keep their heights): the card is at least as high as it wants. */
    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        double content = Math.max(Math.max(size(title), size(company)), valueRowWidth());
        content = Math.max(content, probabilityRowWidth(size(probabilityBar)));
        content = Math.max(content, markerRowWidth());
        if (isShown(saving)) {
            content = Math.max(content, size(saving));
        }
        return snappedLeftInset() + 2 * PADDING + content + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        double inner = width < 0 ? -1 : Math.max(0, width - snappedLeftInset() - snappedRightInset() - 2 * PADDING);
        double rows = titleHeight(inner) + companyHeight() + valueRowHeight() + probabilityRowHeight() + markerRowHeight();
        int gaps = 4;
        if (isShown(saving)) {
            rows += height(saving);
            gaps++;
        }
        return snappedTopInset() + 2 * PADDING + rows + gaps * snapSpaceY(ROW_GAP) + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double width = getWidth() - left - snappedRightInset();
        double height = getHeight() - top - snappedBottomInset();
        flashOverlay.resizeRelocate(left, top, width, height);

        double x = left + snapSpaceX(PADDING);
        double inner = Math.max(0, width - 2 * snapSpaceX(PADDING));
        double y = top + snapSpaceY(PADDING);
        double gap = snapSpaceY(ROW_GAP);

        double h = titleHeight(inner);
        title.resizeRelocate(x, y, inner, h);
        y += h + gap;

        h = companyHeight();
        company.resizeRelocate(x, y, Math.min(inner, size(company)), h);
        y += h + gap;

        h = valueRowHeight();
        double closeWidth = closeDateWidth();
        double closeX = x + Math.max(0, inner - closeWidth);
        centre(value, x, y, h);
        centre(closeIcon, closeX, y, h);
        centre(closeDate, closeX + snapSpaceX(ICON_GAP) + snapSizeX(width(closeIcon)), y, h);
        y += h + gap;

        h = probabilityRowHeight();
        double rowX = x;
        double fixed = size(probability) + snapSpaceX(PROBABILITY_GAP);
        if (isShown(idle)) {
            double idleWidth = size(idle);
            idle.resizeRelocate(rowX, centreY(y, h, height(idle)), idleWidth, height(idle));
            rowX += idleWidth + snapSpaceX(PROBABILITY_GAP);
            fixed += idleWidth + snapSpaceX(PROBABILITY_GAP);
        }
        // the bar takes the row's free width, down to its minimum; the row's height (the box filled its height)
        double barWidth = snapSizeX(Math.max(BAR_MIN_WIDTH, inner - fixed));
        probabilityBar.resizeRelocate(rowX, y, barWidth, h);
        rowX += barWidth + snapSpaceX(PROBABILITY_GAP);
        probability.resizeRelocate(rowX, centreY(y, h, height(probability)), size(probability), height(probability));
        y += h + gap;

        h = markerRowHeight();
        rowX = x;
        for (Label mark : List.of(priority, atRisk, signal)) {
            if (mark == priority || isShown(mark)) {
                double markWidth = size(mark);
                mark.resizeRelocate(rowX, centreY(y, h, height(mark)), markWidth, height(mark));
                rowX += markWidth + snapSpaceX(MARKER_GAP);
            }
        }
        y += h + gap;

        if (isShown(saving)) {
            saving.resizeRelocate(x, y, size(saving), height(saving));
        }
    }

    private double titleHeight(double width) {
        return snapSizeY(bounded(title.minHeight(width), title.prefHeight(width), title.maxHeight(width)));
    }

    private double companyHeight() {
        return height(company);
    }

    private double valueRowHeight() {
        return snapSizeY(Math.max(value.prefHeight(-1), Math.max(closeIcon.prefHeight(-1), closeDate.prefHeight(-1))));
    }

    private double probabilityRowHeight() {
        double h = Math.max(height(probability), probabilityBar.prefHeight(-1));
        return snapSizeY(isShown(idle) ? Math.max(h, height(idle)) : h);
    }

    private double markerRowHeight() {
        double h = height(priority);
        if (isShown(atRisk)) {
            h = Math.max(h, height(atRisk));
        }
        if (isShown(signal)) {
            h = Math.max(h, height(signal));
        }
        return snapSizeY(h);
    }

    private double closeDateWidth() {
        return snapSizeX(width(closeIcon)) + snapSpaceX(ICON_GAP) + snapSizeX(width(closeDate));
    }

    private double valueRowWidth() {
        return snapSizeX(width(value)) + snapSpaceX(VALUE_GAP) + closeDateWidth();
    }

    private double probabilityRowWidth(double barWidth) {
        double w = barWidth + snapSpaceX(PROBABILITY_GAP) + size(probability);
        return isShown(idle) ? w + size(idle) + snapSpaceX(PROBABILITY_GAP) : w;
    }

    private double markerRowWidth() {
        double w = size(priority);
        if (isShown(atRisk)) {
            w += snapSpaceX(MARKER_GAP) + size(atRisk);
        }
        if (isShown(signal)) {
            w += snapSpaceX(MARKER_GAP) + size(signal);
        }
        return w;
    }

    /** A resizable child's width as a box gives it: its preferred width within its minimum and maximum, snapped. */
    private double size(Region child) {
        return snapSizeX(bounded(child.minWidth(-1), child.prefWidth(-1), child.maxWidth(-1)));
    }

    private double height(Region child) {
        return snapSizeY(bounded(child.minHeight(-1), child.prefHeight(-1), child.maxHeight(-1)));
    }

    private static double width(Text text) {
        return text.getLayoutBounds().getWidth();
    }

    /** A text at {@code x}, centred in the row (as a label centres its text). */
    private void centre(Text text, double x, double rowY, double rowHeight) {
        text.relocate(snapPositionX(x), centreY(rowY, rowHeight, text.getLayoutBounds().getHeight()));
    }

    private double centreY(double rowY, double rowHeight, double childHeight) {
        return rowY + snapPositionY((rowHeight - childHeight) / 2);
    }

    private static double bounded(double min, double pref, double max) {
        double a = Math.max(pref, min);
        double b = Math.max(min, max);
        return Math.min(a, b);
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

    private int indexOf(Node child) {
        return getChildren().indexOf(child);
    }

    /** Puts the mark into the card at {@code at} while it shows, and takes it out of the node graph while it does not. */
    private void setShown(Label mark, boolean shown, int at) {
        boolean in = mark.getParent() == this;
        if (shown && !in) {
            getChildren().add(at, mark);
        } else if (!shown && in) {
            getChildren().remove(mark);
        }
    }
}
