package com.flowcrm.ui.pipeline;

import static com.flowcrm.ui.deal.LiveDemoSession.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.deal.LiveDemoSession;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Stage headers with five-digit counts and the widest money figures, in columns at the board's minimum width: what
 * the default 1280x800 window gives them beside the navigation (the board scrolls sideways rather than go
 * narrower). Every label of every header must show its whole text, no ellipsis.
 */
class StageHeaderTest {
    /** The view's share of the default 1280x800 window: without the navigation, the top bar and the status bar. */
    private static final double VIEW_WIDTH = 1040;
    private static final double VIEW_HEIGHT = 700;

    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        LiveDemoSession.prepareToolkit();
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void countsUpToFiveDigitsAndTheWidestTotalsShowWithoutTruncation() throws Exception {
        Map<DealStage, Integer> counts = new EnumMap<>(DealStage.class);
        counts.put(DealStage.PROSPECT, 10_000);
        counts.put(DealStage.QUALIFIED, 1);
        counts.put(DealStage.PROPOSAL, 0);
        counts.put(DealStage.NEGOTIATION, 12_345);
        counts.put(DealStage.CLOSED_WON, 99_999);
        counts.put(DealStage.CLOSED_LOST, 2);
        // the closed won column totals $99.9B in both figures: the widest text compactMoney gives below a trillion
        showBoard(counts, 999_000);

        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> text("#count-closed-won").equals("99,999")));
        assertThat(onFx(() -> text("#count-prospect"))).isEqualTo("10,000");
        assertThat(onFx(() -> text("#count-negotiation"))).isEqualTo("12,345");
        assertThat(onFx(() -> text("#count-proposal"))).isEqualTo("0");
        assertThat(onFx(() -> text("#count-qualified"))).isEqualTo("1");
        assertThat(onFx(() -> text("#total-closed-won"))).isEqualTo("$99.9B");
        assertThat(onFx(() -> text("#weighted-closed-won"))).isEqualTo("$99.9B");

        for (DealStage stage : DealStage.values()) {
            assertThat(onFx(() -> robot.lookup("#column-" + stage.wireName()).<Node>query().getLayoutBounds().getWidth()))
                    .as("%s is as narrow as a column gets", stage.label()).isEqualTo(184.0);
        }
        List<String> cut = onFx(this::truncatedHeaderTexts);
        assertThat(cut).as("header labels whose rendered text differs from their text").isEmpty();
        assertThat(onFx(() -> robot.lookup(".column-header .label").queryAll().size()))
                .as("labels checked: name, count, 'deals', two captions, two figures per column").isEqualTo(6 * 7);
    }

    @Test
    void beyondFiveDigitsTheCountIsAbbreviated() {
        assertThat(StageColumn.countText(0)).isEqualTo("0");
        assertThat(StageColumn.countText(999)).isEqualTo("999");
        assertThat(StageColumn.countText(1_000)).isEqualTo("1,000");
        assertThat(StageColumn.countText(99_999)).isEqualTo("99,999");
        assertThat(StageColumn.countText(100_000)).isEqualTo("100k");
        assertThat(StageColumn.countText(123_456)).isEqualTo("123k");
        assertThat(StageColumn.countText(999_499)).isEqualTo("999k");
        assertThat(StageColumn.countText(999_500)).isEqualTo("1M");
        assertThat(StageColumn.countText(1_250_000)).isEqualTo("1.3M");
        assertThat(StageColumn.countText(12_345_678)).isEqualTo("12.3M");
        assertThat(StageColumn.exactText(new com.flowcrm.store.StageSummary(com.flowcrm.model.DealStage.PROPOSAL,
                12_345, 1_234_567, 617_000.4))).as("the header's tooltip")
                .isEqualTo("12,345 deals\nTotal $1,234,567\nWeighted (value x probability) $617,000");
        assertThat(StageColumn.countText(123_456_789)).isEqualTo("123M");
        assertThat(StageColumn.countText(Integer.MAX_VALUE)).isEqualTo("2147M");
    }

    private void showBoard(Map<DealStage, Integer> counts, double closedWonValue) throws Exception {
        RootStore root = new RootStore(Platform::runLater);
        SessionStore session = new SessionStore(
                new SessionConfig("http://127.0.0.1:9/api", "ws://127.0.0.1:9", false, null, null, null), root);
        List<Deal> deals = new ArrayList<>();
        for (DealStage stage : DealStage.values()) {
            for (int i = 0; i < counts.get(stage); i++) {
                Deal deal = new Deal(stage.wireName() + "-" + i);
                deal.setTitle("Deal " + i);
                deal.setCompany("Acme");
                deal.setStage(stage);
                deal.setValue(stage == DealStage.CLOSED_WON ? closedWonValue : 8_090);
                deal.setProbability(stage == DealStage.CLOSED_WON ? 100 : 60);
                deals.add(deal);
            }
        }
        root.loadSnapshot(deals, List.of(), List.of());
        Navigator nowhere = new Navigator() {
            @Override
            public void showDeal(String dealId) {
            }

            @Override
            public void showContact(String contactId) {
            }

            @Override
            public void showDeals(com.flowcrm.store.DealFocus focus) {
                throw new AssertionError("this view opens no focused board: " + focus.label());
            }
        };
        FxToolkit.setupStage(stage -> {
            PipelineView view = new PipelineView(session, nowhere);
            BorderPane window = new BorderPane((Parent) view.getNode());
            ThemeSwitcher.style(window);
            stage.setScene(new Scene(window, VIEW_WIDTH, VIEW_HEIGHT));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A Labeled draws its text through a Text node that holds the clipped string ("Clo..."), so compare the two. */
    private List<String> truncatedHeaderTexts() {
        List<String> cut = new ArrayList<>();
        for (Labeled label : robot.lookup(".column-header .label").queryAllAs(Labeled.class)) {
            label.applyCss();
            label.layout();
            Text shown = robot.from(label).lookup(".text").queryAs(Text.class);
            if (shown == null || !label.getText().equals(shown.getText())) {
                cut.add((label.getId() == null ? "" : label.getId() + " ") + "'" + label.getText() + "' shown as '"
                        + (shown == null ? null : shown.getText()) + "'");
            }
        }
        return cut;
    }

    private String text(String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }
}
