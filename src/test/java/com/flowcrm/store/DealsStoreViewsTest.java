package com.flowcrm.store;

import static com.flowcrm.store.Frames.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.flowcrm.model.change.DealChanges;
import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DealsStoreViewsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final JsonMapper mapper = JsonMapper.create();
    private ManualExecutor ui;
    private RootStore root;
    private LiveFrames live;
    private DealsStore deals;

    @BeforeEach
    void load() {
        ui = new ManualExecutor();
        root = new RootStore(ui, Clock.fixed(NOW, ZoneOffset.UTC));
        live = new LiveFrames(root);
        deals = root.deals();
        root.loadSnapshot(List.of(
                deal("{\"id\":\"p1\",\"title\":\"Alpha\",\"company\":\"Acme\",\"stage\":\"proposal\",\"value\":1000,\"probability\":50,"
                        + "\"createdDate\":\"2026-01-03\",\"lastActivity\":\"2026-02-27\"}"),
                deal("{\"id\":\"p2\",\"title\":\"Beta\",\"company\":\"Globex\",\"stage\":\"proposal\",\"value\":3000,\"probability\":80,"
                        + "\"createdDate\":\"2026-01-02\",\"lastActivity\":\"2026-02-27\",\"expectedCloseDate\":\"2026-03-10\"}"),
                deal("{\"id\":\"n1\",\"title\":\"Gamma\",\"contactName\":\"Zed Zulu\",\"stage\":\"negotiation\",\"value\":2000,"
                        + "\"probability\":90,\"createdDate\":\"2026-01-04\",\"riskFactors\":[\"budget\"]}"),
                deal("{\"id\":\"w1\",\"title\":\"Won\",\"stage\":\"closed-won\",\"value\":5000,\"probability\":100,"
                        + "\"createdDate\":\"2026-01-01\"}")), null, null);
        ui.pulse();
    }

    private Deal deal(String json) {
        return mapper.deal(json(json)).value();
    }

    private void event(String name, String data) {
        live.send(name, json(data));
    }

    @Test
    void snapshotIsNewestFirstAndGroupedByStage() {
        assertThat(deals.getDeals()).extracting(Deal::getId).containsExactly("n1", "p1", "p2", "w1");
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p1", "p2");
        assertThat(deals.stageSummaryProperty(DealStage.PROPOSAL).get()).isEqualTo(
                new StageSummary(DealStage.PROPOSAL, 2, 4000, 500 + 2400));
        assertThat(deals.pipelineTotalProperty().get()).isEqualTo(6000);
        assertThat(deals.weightedForecastProperty().get()).isEqualTo(500 + 2400 + 1800);
        assertThat(deals.openDealCountProperty().get()).isEqualTo(3);
    }

    @Test
    void stageChangeMovesTheDealBetweenColumnsAndUpdatesSummaries() {
        event("deal:stage_changed", "{\"id\":\"p1\",\"stage\":\"negotiation\",\"probability\":70}");
        ui.pulse();
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p2");
        assertThat(deals.dealsInStage(DealStage.NEGOTIATION)).extracting(Deal::getId).containsExactly("n1", "p1");
        assertThat(deals.stageSummaryProperty(DealStage.NEGOTIATION).get()).isEqualTo(
                new StageSummary(DealStage.NEGOTIATION, 2, 3000, 1800 + 700));
        assertThat(deals.weightedForecastProperty().get()).isEqualTo(700 + 2400 + 1800);

        event("deal:stage_changed", "{\"id\":\"p2\",\"stage\":\"closed_lost\",\"probability\":0}");
        ui.pulse();
        assertThat(deals.pipelineTotalProperty().get()).as("closed deals leave the pipeline").isEqualTo(3000);
        assertThat(deals.openDealCountProperty().get()).isEqualTo(2);
    }

    @Test
    void createdDealsAppearFirstInTheirColumn() {
        event("deal:created", "{\"id\":\"p3\",\"title\":\"New\",\"stage\":\"proposal\",\"value\":10,\"probability\":10}");
        ui.pulse();
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p3", "p1", "p2");
        assertThat(deals.stageSummaryProperty(DealStage.PROPOSAL).get().count()).isEqualTo(3);
    }

    @Test
    void filtersAndSearchShapeTheColumnsAndTheirSummaries() {
        deals.filterProperty().set(DealFilter.HOT);
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p2");
        assertThat(deals.dealsInStage(DealStage.NEGOTIATION)).extracting(Deal::getId).containsExactly("n1");
        assertThat(deals.stageSummaryProperty(DealStage.PROPOSAL).get().totalValue()).isEqualTo(3000);
        assertThat(deals.pipelineTotalProperty().get()).as("pipeline totals ignore the filter").isEqualTo(6000);

        event("deal:updated", "{\"id\":\"p1\",\"changes\":{\"probability\":75}}");
        ui.pulse();
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p1", "p2");

        deals.filterProperty().set(DealFilter.AT_RISK);
        assertThat(deals.dealsInStage(DealStage.NEGOTIATION)).extracting(Deal::getId).containsExactly("n1");
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).isEmpty();
        event("deal:updated", "{\"id\":\"p2\",\"changes\":{\"competitorMentioned\":\"Initech\"}}");
        ui.pulse();
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p2");

        deals.filterProperty().set(DealFilter.CLOSING_SOON);
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p2");

        deals.filterProperty().set(DealFilter.ALL);
        deals.searchTextProperty().set("GLOB");
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p2");
        deals.searchTextProperty().set("zulu");
        assertThat(deals.dealsInStage(DealStage.NEGOTIATION)).extracting(Deal::getId).containsExactly("n1");
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).isEmpty();
        event("deal:updated", "{\"id\":\"p1\",\"changes\":{\"title\":\"Zulu time\"}}");
        ui.pulse();
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p1");
        deals.searchTextProperty().set("");
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).hasSize(2);
    }

    @Test
    void remoteChangesAreReportedOncePerDealPerBatch() {
        List<RemoteChange> seen = new ArrayList<>();
        deals.addRemoteChangeListener(seen::add);
        event("deal:created", "{\"id\":\"x1\",\"stage\":\"prospect\"}");
        event("deal:updated", "{\"id\":\"x1\",\"changes\":{\"value\":5}}");
        event("deal:updated", "{\"id\":\"p1\",\"changes\":{\"value\":5}}");
        event("deal:updated", "{\"id\":\"p1\",\"changes\":{\"value\":6}}");
        assertThat(seen).as("nothing before the batch ends").isEmpty();
        ui.pulse();
        assertThat(seen).containsExactly(new RemoteChange(RemoteChange.Kind.CREATED, "x1"),
                new RemoteChange(RemoteChange.Kind.UPDATED, "p1"));
    }

    @Test
    void aBatchPublishesEachSummaryOnce() {
        List<StageSummary> published = new ArrayList<>();
        deals.stageSummaryProperty(DealStage.PROPOSAL).addListener((obs, old, now) -> published.add(now));
        for (int i = 0; i < 100; i++) {
            event("deal:updated", "{\"id\":\"p1\",\"changes\":{\"value\":" + (2000 + i) + "}}");
        }
        ui.pulse();
        assertThat(published).singleElement().extracting(StageSummary::totalValue).isEqualTo(2099.0 + 3000);
        assertThat(deals.byId("p1").getRevision()).isEqualTo(100);
    }

    @Test
    void optimisticMoveShowsAtOnceAndRollsBack() {
        LocalEdit edit = deals.moveToStage("p1", DealStage.QUALIFIED);
        assertThat(edit.applied()).isTrue();
        assertThat(deals.dealsInStage(DealStage.QUALIFIED)).extracting(Deal::getId).containsExactly("p1");
        edit.rollback();
        assertThat(deals.byId("p1").getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p1", "p2");
        assertThat(deals.dealsInStage(DealStage.QUALIFIED)).isEmpty();
        assertThat(deals.moveToStage("nope", DealStage.QUALIFIED).applied()).isFalse();
    }

    @Test
    void mergeDetailsFillsTheSelectedInstance() {
        deals.select("p1");
        Deal selected = deals.selectedDealProperty().get();
        Deal full = deal("{\"id\":\"p1\",\"title\":\"Alpha\",\"company\":\"Acme\",\"stage\":\"proposal\",\"value\":1000,"
                + "\"probability\":50,\"createdDate\":\"2026-01-03\",\"activities\":[{\"id\":\"a1\",\"type\":\"demo\",\"date\":\"2026-02-01\"}]}");
        assertThat(deals.mergeDetails(full)).isTrue();
        assertThat(deals.selectedDealProperty().get()).isSameAs(selected);
        assertThat(selected.getActivities()).hasSize(1);
        assertThat(deals.mergeDetails(deal("{\"id\":\"zz\"}"))).isFalse();
    }

    @Test
    void aListRefreshKeepsTheActivitiesADetailsFetchMergedIn() {
        deals.mergeDetails(deal("{\"id\":\"p1\",\"title\":\"Alpha\",\"stage\":\"proposal\",\"createdDate\":\"2026-01-03\","
                + "\"activities\":[{\"id\":\"a1\",\"type\":\"demo\",\"date\":\"2026-02-01\"}]}"));
        deals.reconcile(List.of(deal("{\"id\":\"p1\",\"title\":\"Alpha 2\",\"stage\":\"proposal\",\"createdDate\":\"2026-01-03\"}")));
        assertThat(deals.byId("p1").getTitle()).isEqualTo("Alpha 2");
        assertThat(deals.byId("p1").getActivities()).hasSize(1);
    }

    @Test
    void closingSoonMovesOnWithTheClockWhenRefreshed() {
        MutableClock clock = new MutableClock(NOW);
        RootStore store = new RootStore(Runnable::run, clock);
        store.deals().loadSnapshot(List.of(deal("{\"id\":\"x\",\"stage\":\"proposal\",\"expectedCloseDate\":\"2026-04-15\"}")));
        store.deals().filterProperty().set(DealFilter.CLOSING_SOON);
        assertThat(store.deals().dealsInStage(DealStage.PROPOSAL)).isEmpty();
        clock.now = Instant.parse("2026-04-01T00:00:00Z");
        store.deals().refresh();
        assertThat(store.deals().dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("x");
    }

    @Test
    void removingADealTakesItOutOfViewsAndSelection() {
        deals.select("p2");
        assertThat(deals.remove("p2")).isTrue();
        assertThat(deals.selectedDealProperty().get()).isNull();
        assertThat(deals.dealsInStage(DealStage.PROPOSAL)).extracting(Deal::getId).containsExactly("p1");
        assertThat(deals.stageSummaryProperty(DealStage.PROPOSAL).get().totalValue()).isEqualTo(1000);
        assertThat(deals.pipelineTotalProperty().get()).isEqualTo(3000);
    }

    /** Random events, filters and searches: the incremental views always equal a recount from scratch. */
    @Test
    void incrementalViewsMatchARecountFromScratch() {
        Random random = new Random(42);
        DealStage[] stages = DealStage.values();
        DealFilter[] filters = DealFilter.values();
        String[] searches = {"", "a", "co 1", "zz"};
        for (int i = 0; i < 40; i++) {
            event("deal:created", Frames.deal("r" + i, stages[random.nextInt(stages.length)].wireName(),
                    random.nextInt(10_000), random.nextInt(101)).toString());
        }
        ui.pulse();
        for (int step = 0; step < 2_000; step++) {
            String id = "r" + random.nextInt(40);
            switch (random.nextInt(6)) {
                case 0 -> event("deal:stage_changed", "{\"id\":\"" + id + "\",\"stage\":\""
                        + stages[random.nextInt(stages.length)].wireName() + "\",\"probability\":" + random.nextInt(101) + "}");
                case 1 -> event("deal:updated", "{\"id\":\"" + id + "\",\"changes\":{\"value\":" + random.nextInt(10_000)
                        + ",\"riskFactors\":" + (random.nextBoolean() ? "[]" : "[\"x\"]") + "}}");
                case 2 -> event("deal:updated", "{\"id\":\"" + id + "\",\"changes\":{\"title\":\"t" + random.nextInt(30)
                        + "\",\"expectedCloseDate\":\"2026-03-" + (10 + random.nextInt(20)) + "\"}}");
                case 3 -> deals.filterProperty().set(filters[random.nextInt(filters.length)]);
                case 4 -> deals.searchTextProperty().set(searches[random.nextInt(searches.length)]);
                default -> event("deal:created", Frames.deal(id, stages[random.nextInt(stages.length)].wireName(),
                        random.nextInt(10_000), random.nextInt(101)).toString());
            }
            if (random.nextInt(5) == 0) {
                ui.pulse();
                assertMatchesRecount();
            }
        }
        ui.pulse();
        assertMatchesRecount();
    }

    private void assertMatchesRecount() {
        double open = 0;
        double weighted = 0;
        for (DealStage s : DealStage.values()) {
            List<Deal> expected = deals.getDeals().stream()
                    .filter(d -> d.getStage() == s && deals.filterProperty().get().test(d, NOW))
                    .filter(d -> matchesSearch(d, deals.searchTextProperty().get()))
                    .toList();
            assertThat(deals.dealsInStage(s)).containsExactlyElementsOf(expected);
            StageSummary summary = deals.stageSummaryProperty(s).get();
            assertThat(summary.count()).isEqualTo(expected.size());
            assertThat(summary.totalValue()).isCloseTo(expected.stream().mapToDouble(Deal::getValue).sum(), within(1e-6));
            assertThat(summary.weightedValue()).isCloseTo(expected.stream().mapToDouble(Deal::getWeightedValue).sum(),
                    within(1e-6));
        }
        for (Deal d : deals.getDeals()) {
            if (!d.getStage().isClosed()) {
                open += d.getValue();
                weighted += d.getWeightedValue();
            }
        }
        assertThat(deals.pipelineTotalProperty().get()).isCloseTo(open, within(1e-6));
        assertThat(deals.weightedForecastProperty().get()).isCloseTo(weighted, within(1e-6));
    }

    private static boolean matchesSearch(Deal d, String search) {
        String q = search.strip().toLowerCase();
        return q.isEmpty() || d.getTitle().toLowerCase().contains(q) || d.getCompany().toLowerCase().contains(q)
                || d.getContactName().toLowerCase().contains(q);
    }

    @Test
    void localEditsWithChangesNameOnlyTheirFields() {
        LocalEdit edit = deals.applyLocal("p2", new DealChanges().value(9999));
        assertThat(deals.stageSummaryProperty(DealStage.PROPOSAL).get().totalValue()).isEqualTo(10999);
        edit.rollback();
        edit.rollback();
        assertThat(deals.byId("p2").getValue()).isEqualTo(3000);
        assertThat(deals.stageSummaryProperty(DealStage.PROPOSAL).get().totalValue()).isEqualTo(4000);
    }
}
