package com.flowcrm.ui.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.DealFilter;
import com.flowcrm.store.insights.AtRiskDeal;
import com.flowcrm.store.insights.ForecastBucket;
import com.flowcrm.store.insights.PipelineInsights;
import com.flowcrm.ui.DesktopRig;
import com.flowcrm.ui.pipeline.PipelineView;
import com.flowcrm.ui.shell.DesktopShell;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop with the real board and Insights views against the demo backend: Ctrl+4 opens Insights, a click on a
 * bar opens the board narrowed to exactly those deals under a chip that clears it, and the board's "At risk" chip
 * shows the very deals of the Insights list.
 */
@ExtendWith(ApplicationExtension.class)
class InsightsClickThroughTest {
    private DesktopRig rig;
    private Stage stage;
    private DesktopShell shell;
    private final java.util.concurrent.atomic.AtomicReference<InsightsView> insightsView =
            new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeEach
    void showDesktop() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        rig = DesktopRig.start();
        FxToolkit.setupFixture(() -> {
            stage.setWidth(1440);
            stage.setHeight(900);
            shell = new DesktopShell(stage, rig.session, new DesktopShell.Options(rig.preferences, rig.themes,
                    nav -> new PipelineView(rig.session, nav), nav -> rig.contacts, nav -> {
                        InsightsView view = new InsightsView(rig.session, nav);
                        insightsView.set(view);
                        return view;
                    },
                    () -> { }, Clock.systemDefaultZone()));
            rig.shell = shell;
            shell.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        DesktopRig.onFx(() -> {
            stage.hide();
            shell.close();
            return null;
        });
        rig.close();
    }

    @SuppressWarnings("unchecked")
    private Set<String> idsOnTheBoard(FxRobot robot) {
        return DesktopRig.onFx(() -> {
            Set<String> ids = new HashSet<>();
            for (DealStage s : DealStage.values()) {
                robot.lookup("#list-" + s.wireName()).queryAs(ListView.class).getItems()
                        .forEach(d -> ids.add(((Deal) d).getId()));
            }
            return ids;
        });
    }

    private PipelineInsights insights(InsightsView view) {
        return DesktopRig.onFx(() -> view.viewModel().insightsProperty().get());
    }

    @Test
    void aBarOpensTheBoardOnExactlyItsDealsAndTheChipClearsIt(FxRobot robot) {
        rig.signIn(robot);
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT4).release(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#navInsights").queryAs(ToggleButton.class).isSelected()).isTrue();
        InsightsView view = insightsView.get();
        await().atMost(DesktopRig.WAIT).until(() -> insights(view) != null);

        PipelineInsights shown = insights(view);
        int bar = -1;
        for (int i = 0; i < shown.forecast().bars().size() && bar < 0; i++) {
            if (shown.forecast().bars().get(i).stage(DealStage.PROPOSAL).count() > 0) {
                bar = i;
            }
        }
        assertThat(bar).as("a bar with proposal deals").isNotNegative();
        ForecastBucket bucket = shown.forecast().bars().get(bar);
        Set<String> expected = Set.copyOf(bucket.stage(DealStage.PROPOSAL).dealIds());
        int barIndex = bar;
        robot.clickOn(DesktopRig.onFx(() -> view.forecastChart().barNode(barIndex, DealStage.PROPOSAL)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#navPipeline").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(idsOnTheBoard(robot)).isEqualTo(expected);
        Node chip = robot.lookup("#focus-chip").query();
        assertThat(chip.isVisible()).isTrue();
        assertThat(robot.lookup("#focus-chip-label").queryAs(Label.class).getText())
                .isEqualTo("Forecast " + InsightsViewModel.barLabel(bucket) + " \u00b7 Proposal (" + expected.size() + ")");

        robot.clickOn("#focus-chip-clear");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chip.isVisible()).isFalse();
        assertThat(idsOnTheBoard(robot)).hasSize(rig.root.deals().size());
    }

    @Test
    void theBoardsAtRiskChipShowsTheDealsOfTheInsightsList(FxRobot robot) {
        rig.signIn(robot);
        robot.clickOn("#navInsights");
        InsightsView view = insightsView.get();
        await().atMost(DesktopRig.WAIT).until(() -> insights(view) != null);
        Set<String> atRisk = new HashSet<>(insights(view).atRisk().stream().map(AtRiskDeal::id).toList());
        assertThat(atRisk).as("the demo has deals at risk").isNotEmpty();

        robot.clickOn("#navPipeline");
        robot.clickOn("#filter-at-risk");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rig.root.deals().filterProperty().get()).isEqualTo(DealFilter.AT_RISK);
        assertThat(idsOnTheBoard(robot)).isEqualTo(atRisk);

        // and "Show on board" opens the same deals as a focus
        robot.clickOn("#navInsights");
        robot.clickOn("#at-risk-show-all");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rig.root.deals().filterProperty().get()).as("the focus shows every one of them").isEqualTo(DealFilter.ALL);
        assertThat(idsOnTheBoard(robot)).isEqualTo(atRisk);
    }
}
