package com.flowcrm.store;

import static com.flowcrm.store.Frames.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.store.insights.RottingLimits;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board's "At risk" chip on the Insights rule, the focus on exactly some deals, and the store's revision. */
class DealsStoreFocusAndRiskTest {
    private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
    private final JsonMapper mapper = JsonMapper.create();
    private LiveFrames live;
    private ManualExecutor ui;
    private RootStore root;
    private DealsStore deals;

    @BeforeEach
    void load() {
        ui = new ManualExecutor();
        root = new RootStore(ui, new MutableClock(NOW));
        live = new LiveFrames(root);
        deals = root.deals();
        root.loadSnapshot(List.of(
                deal("{\"id\":\"fresh\",\"stage\":\"proposal\",\"value\":100,\"lastActivity\":\"2026-03-19\"}"),
                deal("{\"id\":\"idle\",\"stage\":\"proposal\",\"value\":200,\"lastActivity\":\"2026-03-08\"}"),
                deal("{\"id\":\"late\",\"stage\":\"negotiation\",\"value\":300,\"lastActivity\":\"2026-03-19\","
                        + "\"expectedCloseDate\":\"2026-03-19\"}"),
                deal("{\"id\":\"won\",\"stage\":\"closed-won\",\"value\":400,\"lastActivity\":\"2025-01-01\","
                        + "\"riskFactors\":[\"was risky\"]}")), null, null);
        ui.pulse();
    }

    private Deal deal(String text) {
        return mapper.deal(json(text)).value();
    }

    private List<String> shownIds() {
        return deals.getDeals().stream().filter(d -> deals.dealsInStage(d.getStage()).contains(d)).map(Deal::getId).toList();
    }

    @Test
    void atRiskChipShowsRottingAndLateOpenDealsButNoClosedOnes() {
        deals.filterProperty().set(DealFilter.AT_RISK);
        assertThat(shownIds()).containsExactlyInAnyOrder("idle", "late");

        deals.rottingLimitsProperty().set(RottingLimits.DEFAULTS.with(DealStage.PROPOSAL, 30));
        assertThat(shownIds()).as("a looser proposal limit takes the idle deal off").containsExactly("late");

        live.send("deal:updated", json("{\"id\":\"fresh\",\"changes\":{\"competitorMentioned\":\"Initech\"}}"));
        ui.pulse();
        assertThat(shownIds()).containsExactlyInAnyOrder("fresh", "late");
    }

    @Test
    void aFocusShowsExactlyItsDealsUntilCleared() {
        deals.focusProperty().set(new DealFocus("Forecast Mar 2026", Set.of("idle", "won")));
        assertThat(shownIds()).containsExactlyInAnyOrder("idle", "won");
        assertThat(deals.stageSummaryProperty(DealStage.PROPOSAL).get().count()).isEqualTo(1);

        live.send("deal:stage_changed", json("{\"id\":\"idle\",\"stage\":\"negotiation\",\"probability\":70}"));
        ui.pulse();
        assertThat(deals.dealsInStage(DealStage.NEGOTIATION)).extracting(Deal::getId)
                .as("a focused deal stays on the board when it moves").containsExactly("idle");

        deals.focusProperty().set(null);
        assertThat(shownIds()).hasSize(4);
    }

    @Test
    void revisionTicksOncePerBatchThatChangedSomething() {
        long start = deals.revisionProperty().get();
        for (int i = 0; i < 50; i++) {
            live.send("deal:updated", json("{\"id\":\"fresh\",\"changes\":{\"value\":" + (1000 + i) + "}}"));
        }
        ui.pulse();
        assertThat(deals.revisionProperty().get()).isEqualTo(start + 1);

        live.send("deal:updated", json("{\"id\":\"unknown\",\"changes\":{\"value\":1}}"));
        live.send("deal:updated", json("{\"id\":\"fresh\",\"changes\":{\"value\":1049}}"));
        ui.pulse();
        assertThat(deals.revisionProperty().get()).as("nothing changed").isEqualTo(start + 1);

        deals.applyLocal("late", new DealChanges().value(1));
        assertThat(deals.revisionProperty().get()).as("a local edit").isEqualTo(start + 2);
        deals.remove("won");
        assertThat(deals.revisionProperty().get()).as("a removal").isEqualTo(start + 3);
    }

    @Test
    void eachRevisionSaysWhichDealsChangedOrThatAnyMayHave() {
        List<List<String>> seen = new java.util.ArrayList<>();
        deals.revisionProperty().addListener(o -> {
            List<Deal> changed = deals.changedInLastRevision();
            seen.add(changed == null ? null : changed.stream().map(Deal::getId).toList());
        });
        live.send("deal:updated", json("{\"id\":\"fresh\",\"changes\":{\"value\":5}}"));
        live.send("deal:updated", json("{\"id\":\"idle\",\"changes\":{\"value\":6}}"));
        live.send("deal:updated", json("{\"id\":\"fresh\",\"changes\":{\"value\":7}}"));
        ui.pulse();
        deals.applyLocal("late", new DealChanges().value(1));
        deals.remove("won");
        deals.filterProperty().set(DealFilter.AT_RISK);
        assertThat(seen).containsExactly(List.of("fresh", "idle"), List.of("late"), null, null);
    }
}
