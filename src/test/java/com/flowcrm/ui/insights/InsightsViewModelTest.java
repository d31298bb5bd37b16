package com.flowcrm.ui.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.DealFocus;
import com.flowcrm.store.LiveUpdates;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.insights.PipelineInsights;
import com.flowcrm.store.insights.RottingLimits;
import com.flowcrm.ui.Navigator;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The view model against real stores, on virtual time: a burst of live events is followed with at most four
 * redraws a second, and the last redraw shows the final state.
 */
class InsightsViewModelTest {
    private static final Instant NOW = Instant.parse("2026-12-15T10:00:00Z");
    private final Queue ui = new Queue();
    private final VirtualTimer timer = new VirtualTimer();
    private final List<DealFocus> focuses = new ArrayList<>();
    private RootStore root;
    private InsightsViewModel model;

    /** The UI thread: tasks run when the test pulses it. */
    private static final class Queue implements Executor {
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void pulse() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }
    }

    @BeforeEach
    void setUp() {
        root = new RootStore(ui, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 20; i++) {
            event("deal:created", "{\"id\":\"d" + i + "\",\"title\":\"Deal " + i + "\",\"stage\":\"proposal\",\"value\":1000,"
                    + "\"probability\":50,\"expectedCloseDate\":\"2027-01-15\",\"lastActivity\":\"2026-12-14\"}");
        }
        ui.pulse();
        model = new InsightsViewModel(root, new Navigator() {
            @Override
            public void showDeal(String dealId) {
            }

            @Override
            public void showContact(String contactId) {
            }

            @Override
            public void showDeals(DealFocus focus) {
                focuses.add(focus);
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC), timer, timer::nanoTime);
    }

    private void event(String name, String json) {
        LiveUpdates.eventHandler(root).onEvent(name, JsonParser.parseString(json), System.nanoTime());
    }

    private double openTotal() {
        return model.insightsProperty().get().figures().open().total();
    }

    @Test
    void followsABurstOfLiveEventsWithAtMostFourRedrawsASecond() {
        model.setShowing(true);
        timer.advance(Duration.ZERO);
        assertThat(model.redrawCount()).isEqualTo(1);
        assertThat(openTotal()).isEqualTo(20_000);

        Random random = new Random(7);
        double[] values = new double[20];
        java.util.Arrays.fill(values, 1000);
        // 5 virtual seconds of 2,000 events a second, the UI thread pulsing every 16 ms
        for (int tick = 0; tick < 5_000; tick++) {
            for (int k = 0; k < 2; k++) {
                int id = random.nextInt(20);
                values[id] = 1 + random.nextInt(100_000);
                event("deal:updated", "{\"id\":\"d" + id + "\",\"changes\":{\"value\":" + values[id] + "}}");
            }
            if (tick % 16 == 0) {
                ui.pulse();
            }
            timer.advance(Duration.ofMillis(1));
        }
        ui.pulse();
        timer.advance(Duration.ofSeconds(1));

        assertThat(model.redrawCount()).as("6 s at most 4 a second, plus the first").isBetween(15L, 25L);
        assertThat(openTotal()).isCloseTo(java.util.Arrays.stream(values).sum(), within(1e-6));
    }

    @Test
    void offScreenNothingIsComputedAndShowingItCatchesUp() {
        timer.advance(Duration.ofSeconds(1));
        assertThat(model.insightsProperty().get()).isNull();
        event("deal:stage_changed", "{\"id\":\"d1\",\"stage\":\"closed-won\",\"probability\":100}");
        ui.pulse();
        timer.advance(Duration.ofSeconds(1));
        assertThat(model.redrawCount()).isZero();

        model.setShowing(true);
        timer.advance(Duration.ZERO);
        assertThat(model.redrawCount()).isEqualTo(1);
        assertThat(model.insightsProperty().get().figures().open().count()).isEqualTo(19);
    }

    @Test
    void newRottingLimitsRedrawTheRiskList() {
        model.setShowing(true);
        timer.advance(Duration.ZERO);
        assertThat(model.insightsProperty().get().atRisk()).isEmpty();
        model.rottingLimitsProperty().set(RottingLimits.DEFAULTS.with(DealStage.PROPOSAL, 1));
        timer.advance(Duration.ofSeconds(1));
        assertThat(model.insightsProperty().get().atRisk()).as("idle 1 day is not more than 1").isEmpty();
        root.deals().byId("d3").setLastActivity(NOW.minus(Duration.ofDays(3)));
        model.timePassed();
        timer.advance(Duration.ofSeconds(1));
        assertThat(model.insightsProperty().get().atRisk()).extracting(r -> r.id()).containsExactly("d3");
    }

    @Test
    void aContactEventRedrawsTheHealthMixAndADealEventKeepsIt() {
        root.loadSnapshot(null, List.of(contact("c1", 90), contact("c2", 20)), null);
        ui.pulse();
        model.setShowing(true);
        timer.advance(Duration.ZERO);
        assertThat(model.insightsProperty().get().contacts().high()).isEqualTo(1);

        event("contact:health_changed", "{\"id\":\"c2\",\"healthScore\":80}");
        ui.pulse();
        timer.advance(Duration.ofSeconds(1));
        assertThat(model.insightsProperty().get().contacts().high()).isEqualTo(2);

        var before = model.insightsProperty().get().contacts();
        event("deal:updated", "{\"id\":\"d1\",\"changes\":{\"value\":5}}");
        ui.pulse();
        timer.advance(Duration.ofSeconds(1));
        assertThat(model.insightsProperty().get().contacts()).as("not walked again for a deal event").isSameAs(before);
        assertThat(model.insightsProperty().get().figures().open().total()).isEqualTo(19_005);
    }

    @Test
    void anUnchangedRiskListIsTheShownInstanceAndAChangedOneIsNew() {
        root.deals().byId("d3").setLastActivity(NOW.minus(Duration.ofDays(30)));
        model.setShowing(true);
        timer.advance(Duration.ZERO);
        List<com.flowcrm.store.insights.AtRiskDeal> shown = model.insightsProperty().get().atRisk();
        assertThat(shown).extracting(r -> r.id()).containsExactly("d3");

        event("deal:updated", "{\"id\":\"d1\",\"changes\":{\"value\":5}}");
        ui.pulse();
        timer.advance(Duration.ofSeconds(1));
        assertThat(model.insightsProperty().get().figures().open().total()).as("recomputed").isEqualTo(19_005);
        assertThat(model.insightsProperty().get().atRisk()).as("equal to the shown list: the same instance").isSameAs(shown);

        event("deal:updated", "{\"id\":\"d3\",\"changes\":{\"value\":7}}");
        ui.pulse();
        timer.advance(Duration.ofSeconds(1));
        assertThat(model.insightsProperty().get().atRisk()).as("changed: a new list").isNotSameAs(shown)
                .extracting(r -> r.value()).containsExactly(7.0);
    }

    @Test
    void anUnchangedFollowUpListIsTheShownInstance() {
        com.flowcrm.model.Contact due = contact("c1", 20);
        due.setNextFollowUp(NOW.minus(Duration.ofDays(2)));
        root.loadSnapshot(null, List.of(due, contact("c2", 90)), null);
        ui.pulse();
        model.setShowing(true);
        timer.advance(Duration.ZERO);
        var shown = model.insightsProperty().get().contacts().followUpsDue();
        assertThat(shown).hasSize(1);

        event("contact:health_changed", "{\"id\":\"c2\",\"healthScore\":30}");
        ui.pulse();
        timer.advance(Duration.ofSeconds(1));
        assertThat(model.insightsProperty().get().contacts().high()).as("the mix was walked again").isZero();
        assertThat(model.insightsProperty().get().contacts().followUpsDue()).isSameAs(shown);
    }

    private static com.flowcrm.model.Contact contact(String id, int score) {
        com.flowcrm.model.Contact c = new com.flowcrm.model.Contact(id);
        c.setName("Contact " + id);
        c.applyHealthScore(score);
        return c;
    }

    @Test
    void clickThroughNamesTheDealsAndCarriesExactlyTheirIds() {
        model.setShowing(true);
        timer.advance(Duration.ZERO);
        PipelineInsights shown = model.insightsProperty().get();
        model.openForecast(shown.forecast().months().get(1), DealStage.PROPOSAL);
        model.openStage(DealStage.PROPOSAL);
        assertThat(focuses).hasSize(2);
        assertThat(focuses.get(0).label()).isEqualTo("Forecast Jan 2027 \u00b7 Proposal (20)");
        assertThat(focuses.get(0).dealIds()).hasSize(20).contains("d0", "d19");
        assertThat(focuses.get(1).label()).isEqualTo("Pipeline \u00b7 Proposal (20)");
        Deal any = root.deals().byId("d5");
        assertThat(focuses.get(1).contains(any.getId())).isTrue();
    }
}
