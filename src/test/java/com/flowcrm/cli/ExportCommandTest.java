package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export command end to end against the demo backend on free ports. */
class ExportCommandTest {
    private static final String EMAIL = "demo@flow-crm.local";
    private DemoServer demo;

    @BeforeEach
    void startDemo() {
        demo = DemoServer.start(DemoServerConfig.forTests());
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    private Map<String, String> env() {
        return Map.of("FLOW_PASSWORD", "demo");
    }

    private String[] args(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("--api", demo.apiUrl(), "--ws", demo.wsUrl(), "--email", EMAIL));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void exportsTheSnapshotInSpecShapes() {
        CliRun run = CliRun.of(new ExportCommand(env()), args());

        assertThat(run.code()).as(run.err()).isZero();
        JsonObject export = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(export.get("exportedAt").getAsString()).endsWith("Z");
        assertThat(export.getAsJsonObject("user").get("email").getAsString()).isEqualTo(EMAIL);
        JsonArray deals = export.getAsJsonArray("deals");
        assertThat(deals).hasSize(demo.state().dealCount());
        JsonObject deal = deals.get(0).getAsJsonObject();
        JsonObject server = demo.state().deal(deal.get("id").getAsString());
        for (String field : List.of("title", "company", "contactName", "contactId", "stage", "priority", "confidence")) {
            assertThat(deal.get(field)).as(field).isEqualTo(server.get(field));
        }
        assertThat(deal.get("value").getAsDouble()).isEqualTo(server.get("value").getAsDouble());
        assertThat(deal.get("probability").getAsInt()).isEqualTo(server.get("probability").getAsInt());
        assertThat(deal.get("expectedCloseDate").getAsString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(export.getAsJsonArray("contacts")).hasSize(demo.state().contactIds().size());
        JsonObject contact = export.getAsJsonArray("contacts").get(0).getAsJsonObject();
        assertThat(contact.get("healthScore").getAsJsonPrimitive().isNumber()).isTrue();
        assertThat(contact.get("relationshipHealth").getAsString()).isIn("high", "medium", "low");
        assertThat(export.getAsJsonArray("notifications")).isNotEmpty();
        JsonObject connection = export.getAsJsonObject("connection");
        assertThat(connection.get("connects").getAsLong()).isEqualTo(1);
        assertThat(connection.get("eventsRejected").getAsLong()).isZero();
    }

    @Test
    void liveEventsOfEveryTypeAreInTheExport() throws Exception {
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(
                () -> CliRun.of(new ExportCommand(env()), args("--listen", "3")));
        await().atMost(Duration.ofSeconds(10)).until(() -> demo.connectionCount() == 1);

        List<String> dealIds = demo.state().dealIds();
        List<String> contactIds = demo.state().contactIds();
        String userId = demo.state().userIdByEmail(EMAIL).orElseThrow();
        JsonObject newDeal = demo.state().createDeal(JsonParser.parseString("""
                {"title":"Live export deal","contactId":"%s","contactName":"Pat Live","company":"Live Co",
                 "value":4200,"stage":"qualified","confidence":"high","priority":"high",
                 "expectedCloseDate":"2026-12-15","description":"made while listening","tags":["live"]}
                """.formatted(contactIds.get(0))).getAsJsonObject());
        demo.state().updateDeal(dealIds.get(0), JsonParser.parseString("{\"value\": 98765}").getAsJsonObject());
        demo.state().changeDealStage(dealIds.get(1), "closed-won");
        demo.state().addDealActivity(dealIds.get(2), JsonParser.parseString(
                "{\"type\":\"call\",\"date\":\"2026-11-20T10:00:00Z\",\"description\":\"Live call\",\"nextStep\":\"Send terms\"}")
                .getAsJsonObject());
        demo.state().updateContact(contactIds.get(1), JsonParser.parseString("{\"title\": \"Chief Live Officer\"}").getAsJsonObject());
        demo.state().changeContactHealth(contactIds.get(2), 71);
        demo.state().addNotification(userId, JsonParser.parseString(
                "{\"type\":\"deal_update\",\"title\":\"Live note\",\"message\":\"pushed\",\"priority\":\"high\"}").getAsJsonObject());

        CliRun run = running.get(30, TimeUnit.SECONDS);
        assertThat(run.code()).as(run.err()).isZero();
        JsonObject export = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonArray deals = export.getAsJsonArray("deals");
        JsonObject first = deals.get(0).getAsJsonObject();
        assertThat(first.get("id").getAsString()).isEqualTo(newDeal.get("id").getAsString());
        assertThat(first.get("title").getAsString()).isEqualTo("Live export deal");
        assertThat(first.get("stage").getAsString()).isEqualTo("qualified");
        assertThat(first.get("expectedCloseDate").getAsString()).isEqualTo("2026-12-15T00:00:00Z");
        assertThat(byId(deals, dealIds.get(0)).get("value").getAsDouble()).isEqualTo(98765.0);
        JsonObject won = byId(deals, dealIds.get(1));
        assertThat(won.get("stage").getAsString()).isEqualTo("closed-won");
        assertThat(won.get("probability").getAsInt()).isEqualTo(100);
        JsonObject withActivity = byId(deals, dealIds.get(2));
        JsonObject activity = withActivity.getAsJsonArray("activities").get(0).getAsJsonObject();
        assertThat(activity.get("description").getAsString()).isEqualTo("Live call");
        assertThat(activity.get("nextStep").getAsString()).isEqualTo("Send terms");
        assertThat(withActivity.get("lastActivity").getAsString()).isEqualTo("2026-11-20T10:00:00Z");
        JsonArray contacts = export.getAsJsonArray("contacts");
        assertThat(byId(contacts, contactIds.get(1)).get("title").getAsString()).isEqualTo("Chief Live Officer");
        JsonObject healthy = byId(contacts, contactIds.get(2));
        assertThat(healthy.get("healthScore").getAsInt()).isEqualTo(71);
        assertThat(healthy.get("relationshipHealth").getAsString()).isEqualTo("high");
        JsonObject note = export.getAsJsonArray("notifications").get(0).getAsJsonObject();
        assertThat(note.get("title").getAsString()).isEqualTo("Live note");
        assertThat(note.get("read").getAsBoolean()).isFalse();
        JsonObject connection = export.getAsJsonObject("connection");
        assertThat(connection.get("eventsApplied").getAsLong()).isGreaterThanOrEqualTo(7);
        assertThat(connection.get("eventsRejected").getAsLong()).isZero();
    }

    @Test
    void writesDealsAsCsvToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("deals.csv");
        CliRun run = CliRun.of(new ExportCommand(env()), args("--format", "csv", "--out", file.toString()));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(file))).getRecords();
        assertThat(Files.readString(file).lines().findFirst().orElseThrow())
                .isEqualTo(String.join(",", ExportCommand.CSV_HEADER));
        assertThat(rows).hasSize(demo.state().dealCount());
        CSVRecord row = rows.get(0);
        JsonObject server = demo.state().deal(row.get("id"));
        assertThat(row.get("title")).isEqualTo(server.get("title").getAsString());
        assertThat(row.get("stage")).isEqualTo(server.get("stage").getAsString());
        assertThat(Double.parseDouble(row.get("value"))).isEqualTo(server.get("value").getAsDouble());
    }

    @Test
    void wrongPasswordExitsThree() {
        CliRun run = CliRun.of(new ExportCommand(Map.of()), args("--password", "wrong"));

        assertThat(run.code()).isEqualTo(ExitCode.AUTH_FAILED);
        assertThat(run.err()).contains("wrong email or password").doesNotContain("Exception").hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unreachableServerExitsFour() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of(new ExportCommand(env()), "--api", "http://127.0.0.1:" + closedPort + "/api",
                "--ws", "ws://127.0.0.1:" + closedPort, "--email", EMAIL);

        assertThat(run.code()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).contains("Cannot reach the server at http://127.0.0.1:" + closedPort).hasLineCount(1);
    }

    @Test
    void missingPasswordIsAUsageError() {
        CliRun run = CliRun.of(new ExportCommand(Map.of()), args());

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("FLOW_PASSWORD");
    }

    private static JsonObject byId(JsonArray items, String id) {
        for (JsonElement item : items) {
            if (item.getAsJsonObject().get("id").getAsString().equals(id)) {
                return item.getAsJsonObject();
            }
        }
        throw new AssertionError("no item " + id);
    }
}
