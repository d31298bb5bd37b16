package com.flowcrm.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Priority;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class DealCardTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    private static Deal deal() {
        Deal deal = new Deal("d1");
        deal.setTitle("Platform renewal");
        deal.setCompany("Acme");
        deal.setContactName("Ada Lovelace");
        deal.setValue(125_000);
        deal.setProbability(60);
        deal.setPriority(Priority.HIGH);
        deal.setStage(DealStage.PROPOSAL);
        deal.setExpectedCloseDate(Instant.parse("2026-03-31T00:00:00Z"));
        return deal;
    }

    @Test
    void showsTheDealsFiguresAndNoMarkersWhenThereIsNothingToFlag() throws Exception {
        DealCard card = onFx(() -> {
            DealCard c = new DealCard(CLOCK);
            c.show(deal(), false);
            return c;
        });
        assertThat(card.titleText()).isEqualTo("Platform renewal");
        assertThat(card.valueText()).isEqualTo("$125K");
        assertThat(card.closeDateText()).isEqualTo("Mar 31");
        assertThat(card.isOverdueShown()).isFalse();
        assertThat(card.isAtRiskShown()).isFalse();
        assertThat(card.isSignalShown()).isFalse();
        assertThat(card.isSavingShown()).isFalse();
    }

    @Test
    void flagsOverdueRiskSignalAndSavingAndClearsThemWhenReusedForAnotherDeal() throws Exception {
        Deal flagged = deal();
        flagged.setExpectedCloseDate(Instant.parse("2026-03-01T00:00:00Z"));
        flagged.setCompetitorMentioned("Globex");
        flagged.getPositiveSignals().add("Champion engaged");
        DealCard card = onFx(() -> {
            DealCard c = new DealCard(CLOCK);
            c.show(flagged, true);
            return c;
        });
        assertThat(card.isOverdueShown()).isTrue();
        assertThat(card.isAtRiskShown()).isTrue();
        assertThat(card.isSignalShown()).isTrue();
        assertThat(card.isSavingShown()).isTrue();
        assertThat(card.getPseudoClassStates()).contains(DealCard.SAVING);

        onFx(() -> {
            card.show(deal(), false);
            return null;
        });
        assertThat(card.isOverdueShown()).isFalse();
        assertThat(card.isAtRiskShown()).isFalse();
        assertThat(card.isSignalShown()).isFalse();
        assertThat(card.isSavingShown()).isFalse();
    }

    @Test
    void aClosedDealIsNeverOverdue() throws Exception {
        Deal won = deal();
        won.setStage(DealStage.CLOSED_WON);
        won.setExpectedCloseDate(Instant.parse("2026-01-01T00:00:00Z"));
        DealCard card = onFx(() -> {
            DealCard c = new DealCard(CLOCK);
            c.show(won, false);
            return c;
        });
        assertThat(card.isOverdueShown()).isFalse();
    }

    private static int nodes(javafx.scene.Node node) {
        int count = 1;
        if (node instanceof javafx.scene.Parent parent) {
            for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
                count += nodes(child);
            }
        }
        return count;
    }

    /** The card laid out in a scene (skins created), as on the board. */
    private static DealCard shown(Deal deal, boolean saving) throws Exception {
        return onFx(() -> {
            DealCard c = new DealCard(CLOCK);
            javafx.scene.layout.StackPane host = new javafx.scene.layout.StackPane(c);
            host.getStylesheets().add(PipelineView.STYLESHEET);
            new javafx.scene.Scene(host, 300, 200);
            c.show(deal, saving);
            host.applyCss();
            host.layout();
            return c;
        });
    }

    @Test
    void hiddenMarksAreNotInTheCardsNodeGraphAndShownOnesKeepTheirPlaces() throws Exception {
        DealCard plain = shown(deal(), false);
        // 32 nodes before: four hidden marks (9 nodes) and a spacer were in the graph, styled at every re-bind
        assertThat(onFx(() -> nodes(plain))).as("nodes of a card without marks").isLessThanOrEqualTo(22);

        Deal flagged = deal();
        flagged.setCompetitorMentioned("Globex");
        flagged.getPositiveSignals().add("Champion engaged");
        flagged.setLastActivity(Instant.parse("2026-01-01T00:00:00Z"));
        DealCard marked = shown(flagged, true);
        assertThat(marked.isAtRiskShown()).isTrue();
        assertThat(marked.isSignalShown()).isTrue();
        assertThat(marked.isRottingShown()).isTrue();
        assertThat(marked.isSavingShown()).isTrue();
        List<String> order = onFx(() -> marked.lookupAll(".label").stream()
                .map(n -> String.join(" ", n.getStyleClass())).toList());
        assertThat(order).containsSubsequence("label priority-badge", "label marker marker-risk", "label marker marker-signal");
        assertThat(order.indexOf("label marker marker-rotting")).as("idle before the probability")
                .isLessThan(indexOfContaining(order, "deal-probability"));
        assertThat(indexOfContaining(order, "saving-mark")).as("the pending mark on a line of its own, last")
                .isEqualTo(order.size() - 1);

        onFx(() -> {
            marked.show(deal(), false);
            marked.applyCss();
            marked.layout();
            return null;
        });
        assertThat(onFx(() -> nodes(marked))).as("the marks leave with the deal that had them").isEqualTo(onFx(() -> nodes(plain)));
        assertThat(marked.isAtRiskShown() || marked.isSignalShown() || marked.isRottingShown() || marked.isSavingShown()).isFalse();
    }

    @Test
    void aCardIsOneRegionThatPlacesItsTextsItselfRowByRow() throws Exception {
        DealCard card = shown(deal(), false);
        // 22 nodes with the VBox of HBoxes and labels for the value and the date: every re-bound cell styles them all
        assertThat(onFx(() -> nodes(card))).as("nodes of a card without marks").isLessThanOrEqualTo(16);
        assertThat(onFx(() -> card.getChildrenUnmodifiable().stream()
                .noneMatch(n -> n instanceof javafx.scene.layout.Pane))).as("no layout boxes inside the card").isTrue();
        List<javafx.geometry.Bounds> rows = onFx(() -> List.of(".deal-title", ".deal-company", ".deal-value", ".deal-close",
                ".probability-bar", ".priority-badge").stream()
                .map(selector -> card.lookup(selector).getBoundsInParent()).toList());
        for (int i = 1; i < rows.size(); i++) {
            if (i != 3) { // the date shares the value's row
                assertThat(rows.get(i).getMinY()).as("row %d below row %d", i, i - 1).isGreaterThan(rows.get(i - 1).getMinY());
            }
        }
        double innerRight = onFx(() -> card.getWidth() - card.snappedRightInset() - 10);
        assertThat(rows.get(3).getMaxX()).as("the date ends at the card's right padding").isCloseTo(innerRight,
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(rows.get(2).getMinX()).as("the value starts at the left padding").isEqualTo(rows.get(0).getMinX());

        boolean parentAsked = onFx(() -> {
            Deal bigger = deal();
            bigger.setValue(9_999_999);
            card.getParent().layout();
            card.show(bigger, false);
            return card.getParent().isNeedsLayout();
        });
        assertThat(parentAsked).as("a new text is laid out inside the card").isFalse();
        assertThat(card.valueText()).isEqualTo(com.flowcrm.ui.kit.DisplayFormats.compactMoney(9_999_999));
    }

    private static int indexOfContaining(List<String> classes, String styleClass) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).contains(styleClass)) {
                return i;
            }
        }
        return -1;
    }
}
