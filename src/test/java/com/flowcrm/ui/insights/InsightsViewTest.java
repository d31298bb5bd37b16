package com.flowcrm.ui.insights;

import static com.flowcrm.ui.deal.LiveDemoSession.PATIENCE;
import static com.flowcrm.ui.deal.LiveDemoSession.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.flowcrm.model.DealStage;
import com.flowcrm.store.DealFocus;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.deal.LiveDemoSession;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Insights view against the demo backend: its numbers equal those computed here from the server's deals,
 * it follows a burst of live events with at most four redraws a second, every mark opens its deals, and the
 * charts export to real PNG and CSV files.
 */
class InsightsViewTest {
    private final FxRobot robot = new FxRobot();
    private final List<DealFocus> focuses = new CopyOnWriteArrayList<>();
    private final List<String> openedDeals = new CopyOnWriteArrayList<>();
    private final List<String> openedContacts = new CopyOnWriteArrayList<>();
    private LiveDemoSession live;
    private InsightsView view;

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        LiveDemoSession.prepareToolkit();
    }

    @BeforeEach
    void showInsights() throws Exception {
        live = LiveDemoSession.start();
        Navigator navigator = new Navigator() {
            @Override
            public void showDeal(String dealId) {
                openedDeals.add(dealId);
            }

            @Override
            public void showContact(String contactId) {
                openedContacts.add(contactId);
            }

            @Override
            public void showDeals(DealFocus focus) {
                focuses.add(focus);
            }
        };
        view = LiveDemoSession.show(() -> new InsightsView(live.session(), navigator));
        await().atMost(PATIENCE).until(() -> onFx(() -> view.viewModel().insightsProperty().get() != null));
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        live.close();
    }

    // ---- the numbers, computed here from the server's own deals -------------------------------------------------

    private record Sums(Set<String> ids, double total, double weighted) {
        static Sums of(List<JsonObject> deals) {
            Set<String> ids = new HashSet<>();
            double total = 0;
            double weighted = 0;
            for (JsonObject d : deals) {
                ids.add(d.get("id").getAsString());
                total += d.get("value").getAsDouble();
                weighted += d.get("value").getAsDouble() * d.get("probability").getAsInt() / 100.0;
            }
            return new Sums(ids, total, weighted);
        }
    }

    private List<JsonObject> serverDeals() {
        List<JsonObject> deals = new ArrayList<>();
        for (JsonElement e : live.server().deals("all", null)) {
            deals.add(e.getAsJsonObject());
        }
        return deals;
    }

    private static boolean open(JsonObject d) {
        String stage = d.get("stage").getAsString();
        return !stage.equals("closed-won") && !stage.equals("closed-lost");
    }

    private static YearMonth month(JsonObject d) {
        // the demo writes UTC instants, so the date as given is the UTC date
        return YearMonth.from(Instant.parse(d.get("expectedCloseDate").getAsString()).atZone(ZoneOffset.UTC));
    }

    /** Which forecast bar (0 overdue, 1-6 the months, 7 later) a deal's close month falls in. */
    private static int bar(JsonObject d) {
        long months = ChronoUnit.MONTHS.between(YearMonth.now(ZoneOffset.UTC), month(d));
        return months < 0 ? 0 : months >= 6 ? 7 : (int) months + 1;
    }

    @Test
    void tilesAndChartsShowTheServersNumbers() throws Exception {
        List<JsonObject> deals = serverDeals();
        Sums open = Sums.of(deals.stream().filter(InsightsViewTest::open).toList());
        Sums closing = Sums.of(deals.stream().filter(InsightsViewTest::open)
                .filter(d -> month(d).equals(YearMonth.now(ZoneOffset.UTC))).toList());

        assertThat(onFx(() -> view.tile("open").valueText())).isEqualTo(DisplayFormats.money(open.total()));
        assertThat(onFx(() -> view.tile("open").detailText())).isEqualTo(open.ids().size() + " deals open");
        assertThat(onFx(() -> view.tile("weighted").valueText())).isEqualTo(DisplayFormats.money(open.weighted()));
        assertThat(onFx(() -> view.tile("closing").valueText())).isEqualTo(DisplayFormats.money(closing.total()));
        assertThat(onFx(() -> view.tile("average").valueText()))
                .isEqualTo(DisplayFormats.money(open.total() / open.ids().size()));

        for (DealStage stage : StageStyles.OPEN) {
            List<JsonObject> inStage = deals.stream().filter(d -> d.get("stage").getAsString().equals(stage.wireName())).toList();
            assertThat(onFx(() -> view.stageChart().total(stage))).as(stage.label())
                    .isCloseTo(Sums.of(inStage).total(), within(0.01));
            for (int bar = 0; bar < 8; bar++) {
                int b = bar;
                Sums expected = Sums.of(inStage.stream().filter(d -> bar(d) == b).toList());
                assertThat(onFx(() -> view.forecastChart().value(b, stage))).as(stage + " bar " + bar)
                        .isCloseTo(expected.weighted(), within(0.01));
            }
        }
    }

    @Test
    void theTotalSwitchSetsTheSameBarsToTotalValues() throws Exception {
        DealStage stage = DealStage.PROPOSAL;
        int bar = busiestBar(stage);
        Node before = onFx(() -> view.forecastChart().barNode(bar, stage));
        robot.clickOn("#forecast-total");
        Sums expected = Sums.of(serverDeals().stream()
                .filter(d -> d.get("stage").getAsString().equals(stage.wireName()) && bar(d) == bar).toList());
        assertThat(onFx(() -> view.forecastChart().value(bar, stage))).isCloseTo(expected.total(), within(0.01));
        assertThat(onFx(() -> view.forecastChart().barNode(bar, stage))).as("updated in place").isSameAs(before);
        robot.clickOn("#forecast-weighted");
        assertThat(onFx(() -> view.forecastChart().value(bar, stage))).isCloseTo(expected.weighted(), within(0.01));
    }

    private int busiestBar(DealStage stage) {
        int best = -1;
        int most = 0;
        for (int bar = 0; bar < 8; bar++) {
            int b = bar;
            int n = (int) serverDeals().stream()
                    .filter(d -> d.get("stage").getAsString().equals(stage.wireName()) && bar(d) == b).count();
            if (n > most) {
                most = n;
                best = bar;
            }
        }
        assertThat(best).as("the demo has " + stage + " deals in some bar").isNotNegative();
        return best;
    }

    @Test
    void followsABurstOfLiveEventsRedrawingAtMostFourTimesASecond() throws Exception {
        List<String> ids = live.server().dealIds();
        long redrawsBefore = onFx(() -> view.viewModel().redrawCount());
        long start = System.nanoTime();
        Thread colleague = new Thread(() -> {
            for (int i = 0; i < 400; i++) {
                JsonObject changes = new JsonObject();
                changes.addProperty("value", 10_000 + i);
                live.server().updateDeal(ids.get(i % ids.size()), changes);
            }
        });
        colleague.start();
        colleague.join();
        double expected = Sums.of(serverDeals().stream().filter(InsightsViewTest::open).toList()).total();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(onFx(() -> view.tile("open").valueText())).isEqualTo(DisplayFormats.money(expected)));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long redraws = onFx(() -> view.viewModel().redrawCount()) - redrawsBefore;
        assertThat(redraws).as("400 events in " + elapsedMs + " ms").isPositive()
                .isLessThanOrEqualTo(elapsedMs / 250 + 1);
    }

    @Test
    void aBarSegmentATileAndTheRowsOpenExactlyTheirDeals() throws Exception {
        DealStage stage = DealStage.PROPOSAL;
        int bar = busiestBar(stage);
        Set<String> expected = Sums.of(serverDeals().stream()
                .filter(d -> d.get("stage").getAsString().equals(stage.wireName()) && bar(d) == bar).toList()).ids();
        robot.clickOn(onFx(() -> view.forecastChart().barNode(bar, stage)));
        assertThat(focuses).singleElement().satisfies(f -> {
            assertThat(f.dealIds()).isEqualTo(expected);
            assertThat(f.label()).startsWith("Forecast ").contains("Proposal").endsWith("(" + expected.size() + ")");
        });

        robot.clickOn("#kpi-open");
        assertThat(focuses.get(1).dealIds())
                .isEqualTo(Sums.of(serverDeals().stream().filter(InsightsViewTest::open).toList()).ids());

        robot.clickOn("#stage-bar-negotiation");
        assertThat(focuses.get(2).dealIds()).isEqualTo(Sums.of(serverDeals().stream()
                .filter(d -> d.get("stage").getAsString().equals("negotiation")).toList()).ids());

        String firstAtRisk = onFx(() -> view.viewModel().insightsProperty().get().atRisk().get(0).id());
        robot.clickOn(robot.lookup("#at-risk-list .at-risk-row").nth(0).queryAs(Node.class));
        assertThat(openedDeals).containsExactly(firstAtRisk);

        var due = onFx(() -> view.viewModel().insightsProperty().get().contacts().followUpsDue());
        if (!due.isEmpty()) {
            robot.clickOn(robot.lookup("#follow-up-list .follow-up-row").nth(0).queryAs(Node.class));
            assertThat(openedContacts).containsExactly(due.get(0).contactId());
        }
    }

    @Test
    void chartsExportToASharpPngAndTheirNumbersToCsv() throws Exception {
        Path png = dir.resolve("charts/forecast.png");
        Path written = onFx(() -> view.exportPng(view.card("forecast"), png)).get(10, TimeUnit.SECONDS);
        assertThat(written).isEqualTo(png.toAbsolutePath());
        BufferedImage image = ImageIO.read(png.toFile());
        double width = onFx(() -> view.card("forecast").getWidth());
        double scale = onFx(() -> ChartExport.snapshotScale(view.card("forecast")));
        assertThat(scale).isGreaterThanOrEqualTo(2);
        assertThat(image.getWidth()).isEqualTo((int) Math.round(width * scale));
        assertThat(distinctColours(image)).as("a picture, not a blank").isGreaterThan(20);

        Path csv = dir.resolve("forecast.csv");
        onFx(() -> view.exportCsv(view.card("forecast"), csv)).get(10, TimeUnit.SECONDS);
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(csv)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertThat(rows).hasSize(8 * 5);
        assertThat(rows.get(0).get("bucket")).isEqualTo("overdue");
        assertThat(rows.get(5).get("bucket")).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        List<JsonObject> deals = serverDeals();
        for (CSVRecord row : rows) {
            if (row.get("stage").equals("all")) {
                int bar = List.of("overdue").contains(row.get("bucket")) ? 0 : row.get("bucket").equals("later") ? 7
                        : (int) ChronoUnit.MONTHS.between(YearMonth.now(ZoneOffset.UTC), YearMonth.parse(row.get("bucket"))) + 1;
                Sums expected = Sums.of(deals.stream().filter(InsightsViewTest::open).filter(d -> bar(d) == bar).toList());
                assertThat(Integer.parseInt(row.get("count"))).isEqualTo(expected.ids().size());
                assertThat(Double.parseDouble(row.get("total"))).isCloseTo(expected.total(), within(0.01));
                assertThat(Double.parseDouble(row.get("weighted"))).isCloseTo(expected.weighted(), within(0.01));
            }
        }

        Path stages = dir.resolve("stages.csv");
        onFx(() -> view.exportCsv(view.card("stage"), stages)).get(10, TimeUnit.SECONDS);
        assertThat(Files.readAllLines(stages)).hasSize(5).first().isEqualTo("stage,count,total,weighted");
        Path health = dir.resolve("health.csv");
        onFx(() -> view.exportCsv(view.card("contacts"), health)).get(10, TimeUnit.SECONDS);
        assertThat(Files.readAllLines(health)).hasSize(4);
    }

    @Test
    void anExportToAnUnwritablePlaceFailsWithTheReasonAndLeavesNoFile() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path target = blocker.resolve("forecast.csv");
        var result = onFx(() -> view.exportCsv(view.card("forecast"), target));
        await().atMost(PATIENCE).until(result::isDone);
        assertThat(result).isCompletedExceptionally();
        assertThat(Files.exists(target)).isFalse();
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    void onNewYearsDayTheMonthsMoveOnAndDecemberBecomesOverdue() throws Exception {
        com.flowcrm.ui.MutableClock clock = new com.flowcrm.ui.MutableClock(Instant.parse("2026-12-31T23:59:00Z"));
        InsightsView newYear = LiveDemoSession.show(() -> new InsightsView(live.session().root(), new Navigator() {
            @Override
            public void showDeal(String dealId) {
            }

            @Override
            public void showContact(String contactId) {
            }

            @Override
            public void showDeals(DealFocus focus) {
            }
        }, clock, RedrawThrottle.fxTimer(), System::nanoTime, Runnable::run));
        await().atMost(PATIENCE).until(() -> onFx(() -> newYear.viewModel().insightsProperty().get() != null));
        assertThat(onFx(() -> newYear.forecastChart().categories())).startsWith("Overdue", "Dec 2026", "Jan 2027");

        // a deal closing on Dec 31 as given
        String id = live.server().dealIds().get(0);
        JsonObject changes = new JsonObject();
        changes.addProperty("stage", "proposal");
        changes.addProperty("expectedCloseDate", "2026-12-31");
        live.server().updateDeal(id, changes);
        await().atMost(PATIENCE).until(() -> onFx(() -> newYear.viewModel().insightsProperty().get()
                .forecast().months().get(0).all().dealIds().contains(id)));

        clock.advance(java.time.Duration.ofMinutes(2));
        onFx(() -> {
            newYear.viewModel().timePassed();
            return null;
        });
        await().atMost(PATIENCE).until(() -> onFx(() -> newYear.viewModel().insightsProperty().get()
                .forecast().thisMonth().equals(YearMonth.of(2027, 1))));
        assertThat(onFx(() -> newYear.forecastChart().categories())).startsWith("Overdue", "Jan 2027").endsWith("Jun 2027", "Later");
        assertThat(onFx(() -> newYear.forecastChart().builds())).isEqualTo(2);
        assertThat(onFx(() -> newYear.viewModel().insightsProperty().get().forecast().overdue().all().dealIds())).contains(id);
        assertThat(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).isEqualTo(LocalDate.of(2027, 1, 1));
    }
}
