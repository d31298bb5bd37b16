package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.store.insights.RottingLimits;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} end to end against the demo backend on free ports: every number equals what this test computes
 * on its own from the server's deals, by the rules the README documents.
 */
class ReportCommandTest {
    private static final String EMAIL = "demo@flow-crm.local";
    private static final String[] OPEN = {"prospect", "qualified", "proposal", "negotiation"};
    private static final String[] ALL = {"prospect", "qualified", "proposal", "negotiation", "closed-won", "closed-lost"};
    private static final Map<String, Integer> LIMITS = Map.of("prospect", 14, "qualified", 14, "proposal", 10, "negotiation", 7);

    private final Instant now = Instant.now();
    private DemoServer demo;

    @BeforeEach
    void startDemo() {
        demo = DemoServer.start(DemoServerConfig.forTests());
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    private ReportCommand command(Map<String, String> env) {
        return new ReportCommand(env, Clock.fixed(now, ZoneOffset.UTC), () -> RottingLimits.DEFAULTS);
    }

    private CliRun run(String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        all.addAll(List.of("--api", demo.apiUrl(), "--ws", demo.wsUrl(), "--email", EMAIL));
        return CliRun.of(command(Map.of("FLOW_PASSWORD", "demo")), all.toArray(String[]::new));
    }

    // ---- the rules, written out again here -------------------------------------------------------------------

    private List<JsonObject> deals() {
        List<JsonObject> deals = new ArrayList<>();
        for (JsonElement e : demo.state().deals("all", null)) {
            deals.add(e.getAsJsonObject());
        }
        return deals;
    }

    private static String stage(JsonObject d) {
        return d.get("stage").getAsString();
    }

    private static boolean open(JsonObject d) {
        return !stage(d).startsWith("closed");
    }

    private static double value(JsonObject d) {
        return d.get("value").getAsDouble();
    }

    private static double weighted(JsonObject d) {
        return value(d) * d.get("probability").getAsInt() / 100.0;
    }

    /** The demo writes UTC instants, so the calendar date as given is the UTC one. */
    private static LocalDate closeDay(JsonObject d) {
        return LocalDate.ofInstant(Instant.parse(d.get("expectedCloseDate").getAsString()), ZoneOffset.UTC);
    }

    /** -1 overdue, 0..5 the months from this one, 6 later. */
    private int bucket(JsonObject d) {
        long months = ChronoUnit.MONTHS.between(YearMonth.from(now.atZone(ZoneOffset.UTC)), YearMonth.from(closeDay(d)));
        return months < 0 ? -1 : (int) Math.min(months, 6);
    }

    private static void assertFigures(JsonObject actual, List<JsonObject> expected, String what) {
        assertThat(actual.get("count").getAsInt()).as(what + " count").isEqualTo(expected.size());
        assertThat(actual.get("total").getAsDouble()).as(what + " total")
                .isCloseTo(expected.stream().mapToDouble(ReportCommandTest::value).sum(), within(0.005));
        assertThat(actual.get("weighted").getAsDouble()).as(what + " weighted")
                .isCloseTo(expected.stream().mapToDouble(ReportCommandTest::weighted).sum(), within(0.005));
    }

    @Test
    void forecastJsonEqualsTheServersDealsByMonth() {
        CliRun run = run("forecast", "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(report.keySet()).containsExactly("generatedAt", "months", "overdue", "later");
        assertThat(Instant.parse(report.get("generatedAt").getAsString())).isEqualTo(now);

        List<JsonObject> open = deals().stream().filter(ReportCommandTest::open).toList();
        JsonArray months = report.getAsJsonArray("months");
        assertThat(months).hasSize(6);
        YearMonth thisMonth = YearMonth.from(now.atZone(ZoneOffset.UTC));
        for (int i = 0; i < 6; i++) {
            JsonObject month = months.get(i).getAsJsonObject();
            int index = i;
            assertThat(month.keySet()).containsExactly("month", "count", "total", "weighted", "byStage");
            assertThat(month.get("month").getAsString()).isEqualTo(thisMonth.plusMonths(i).toString());
            List<JsonObject> inMonth = open.stream().filter(d -> bucket(d) == index).toList();
            assertFigures(month, inMonth, month.get("month").getAsString());
            JsonObject byStage = month.getAsJsonObject("byStage");
            assertThat(byStage.keySet()).as("open stages only, all of them").containsExactly(OPEN);
            for (String stage : OPEN) {
                assertFigures(byStage.getAsJsonObject(stage), inMonth.stream().filter(d -> stage(d).equals(stage)).toList(),
                        month.get("month").getAsString() + " " + stage);
            }
        }
        assertThat(report.getAsJsonObject("overdue").keySet()).containsExactly("count", "total", "weighted");
        assertFigures(report.getAsJsonObject("overdue"), open.stream().filter(d -> bucket(d) == -1).toList(), "overdue");
        assertFigures(report.getAsJsonObject("later"), open.stream().filter(d -> bucket(d) == 6).toList(), "later");
        assertThat(open.stream().filter(d -> bucket(d) >= 0 && bucket(d) < 6).count()).as("the demo fills some months")
                .isPositive();
    }

    @Test
    void stagesJsonListsAllSixStagesWithTheServersTotals() {
        CliRun run = run("stages", "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonArray stages = JsonParser.parseString(run.out()).getAsJsonArray();
        assertThat(stages).hasSize(6);
        List<JsonObject> deals = deals();
        for (int i = 0; i < 6; i++) {
            JsonObject row = stages.get(i).getAsJsonObject();
            String stage = ALL[i];
            assertThat(row.keySet()).containsExactly("stage", "count", "total", "weighted");
            assertThat(row.get("stage").getAsString()).isEqualTo(stage);
            assertFigures(row, deals.stream().filter(d -> stage(d).equals(stage)).toList(), stage);
        }
    }

    @Test
    void atRiskJsonListsTheOpenDealsAtRiskWithTheirReasonsHighestValueFirst() {
        CliRun run = run("at-risk", "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonArray report = JsonParser.parseString(run.out()).getAsJsonArray();

        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<JsonObject> expected = new ArrayList<>();
        for (JsonObject d : deals()) {
            if (!open(d)) {
                continue;
            }
            Instant touched = Instant.parse((d.has("lastActivity") ? d.get("lastActivity") : d.get("createdDate")).getAsString());
            long idle = Duration.between(touched, now).toDays();
            boolean rotting = idle > LIMITS.get(stage(d));
            boolean late = closeDay(d).isBefore(today);
            boolean flagged = !d.getAsJsonArray("riskFactors").isEmpty() || d.has("competitorMentioned");
            if (rotting || late || flagged) {
                d.addProperty("idle", idle);
                d.addProperty("rotting", rotting);
                d.addProperty("late", late);
                expected.add(d);
            }
        }
        expected.sort(Comparator.comparingDouble(ReportCommandTest::value).reversed()
                .thenComparing(d -> d.get("title").getAsString()).thenComparing(d -> d.get("id").getAsString()));
        assertThat(expected).as("the demo has deals at risk").isNotEmpty();
        assertThat(report).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonObject row = report.get(i).getAsJsonObject();
            JsonObject d = expected.get(i);
            assertThat(row.keySet()).containsExactly("id", "title", "value", "reasons");
            assertThat(row.get("id").getAsString()).isEqualTo(d.get("id").getAsString());
            assertThat(row.get("title").getAsString()).isEqualTo(d.get("title").getAsString());
            assertThat(row.get("value").getAsDouble()).isEqualTo(value(d));
            List<String> reasons = new ArrayList<>();
            row.getAsJsonArray("reasons").forEach(r -> reasons.add(r.getAsString()));
            if (d.get("rotting").getAsBoolean()) {
                assertThat(reasons).contains("idle " + d.get("idle").getAsLong() + " days, limit " + LIMITS.get(stage(d)));
            }
            if (d.get("late").getAsBoolean()) {
                assertThat(reasons).anyMatch(r -> r.startsWith("past close date by "));
            }
            d.getAsJsonArray("riskFactors").forEach(f -> assertThat(reasons).contains("risk: " + f.getAsString()));
            if (d.has("competitorMentioned")) {
                assertThat(reasons).contains("competitor: " + d.get("competitorMentioned").getAsString());
            }
        }
    }

    @Test
    void csvAndTableFormatsAndAnOutputFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("reports/forecast.csv");
        CliRun csv = run("forecast", "--format", "csv", "--out", file.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out()).isEmpty();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(file))).getRecords();
        assertThat(Files.readString(file).lines().findFirst().orElseThrow()).isEqualTo("bucket,stage,count,total,weighted");
        assertThat(rows).hasSize(8 * 5);
        assertThat(rows.get(0).get("bucket")).isEqualTo("overdue");
        assertThat(rows.get(rows.size() - 1).get("bucket")).isEqualTo("later");
        long openCount = deals().stream().filter(ReportCommandTest::open).count();
        assertThat(rows.stream().filter(r -> r.get("stage").equals("all")).mapToInt(r -> Integer.parseInt(r.get("count"))).sum())
                .as("every open demo deal has a close date, so every one is in a bar").isEqualTo(openCount);

        CliRun stages = run("stages", "--format", "csv");
        assertThat(stages.out().lines()).hasSize(7).first().isEqualTo("stage,count,total,weighted");

        CliRun table = run("stages");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("closed-won").contains("negotiation");
        CliRun forecastTable = run("forecast");
        assertThat(forecastTable.out()).contains("overdue").contains(YearMonth.from(now.atZone(ZoneOffset.UTC)).toString());
        CliRun atRisk = run("at-risk");
        assertThat(atRisk.out()).contains("at risk, highest value first");
    }

    @Test
    void exitCodesAreThoseOfExport(@TempDir Path dir) throws IOException {
        assertThat(run("pipeline").code()).as("unknown report").isEqualTo(ExitCode.USAGE);
        assertThat(run("pipeline").err()).contains("forecast, stages or at-risk").hasLineCount(1);

        CliRun wrong = CliRun.of(command(Map.of()), "forecast", "--api", demo.apiUrl(), "--ws", demo.wsUrl(),
                "--email", EMAIL, "--password", "wrong");
        assertThat(wrong.code()).isEqualTo(ExitCode.AUTH_FAILED);
        assertThat(wrong.err()).contains("wrong email or password").hasLineCount(1);

        assertThat(CliRun.of(command(Map.of()), "forecast", "--api", demo.apiUrl(), "--email", EMAIL).code())
                .as("no password").isEqualTo(ExitCode.USAGE);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun unreachable = CliRun.of(command(Map.of("FLOW_PASSWORD", "demo")), "stages", "--api",
                "http://127.0.0.1:" + closedPort + "/api", "--ws", "ws://127.0.0.1:" + closedPort, "--email", EMAIL);
        assertThat(unreachable.code()).isEqualTo(ExitCode.UNREACHABLE);

        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        CliRun unwritable = run("stages", "--out", blocker.resolve("stages.txt").toString());
        assertThat(unwritable.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unwritable.err()).contains("Cannot write");
    }
}
