package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flowcrm.common.Failures;
import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Priority;
import com.flowcrm.model.User;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed calls against a small HTTP server: what goes out (method, body, headers) and what comes back. */
class FlowApiClientTest {
    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, HttpExchange> seen = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private FlowApiClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            seen.put(key, exchange);
            bodies.put(key, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answers.getOrDefault(key, "{\"error\":\"no answer for " + key + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(statuses.getOrDefault(key, answers.containsKey(key) ? 200 : 404), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = new FlowApiClient("http://127.0.0.1:" + server.getAddress().getPort() + "/api", null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> call) throws Exception {
        return call.get(5, TimeUnit.SECONDS);
    }

    @Test
    void signInKeepsTheTokensAndAnswersWithTheUser() throws Exception {
        answers.put("POST /api/auth/login", "{\"token\":\"t1\",\"refresh_token\":\"r1\",\"user\":{\"id\":\"u1\",\"email\":\"a@b.c\","
                + "\"name\":\"Ann\",\"role\":\"sales\"}}");

        User user = await(client.login("a@b.c", "pw"));

        assertThat(user.name()).isEqualTo("Ann");
        assertThat(client.tokens().accessToken()).isEqualTo("t1");
        assertThat(client.tokens().refreshToken()).isEqualTo("r1");
        assertThat(JsonParser.parseString(bodies.get("POST /api/auth/login")).getAsJsonObject().get("email").getAsString())
                .isEqualTo("a@b.c");
    }

    @Test
    void aDealEditIsSentAsTheFieldsItNamesWithTheWriteOptionsAndTheSavedDealComesBack() throws Exception {
        client.setTokens(new AuthTokens("t1", "r1"));
        answers.put("PUT /api/deals/d 1", "{\"id\":\"d 1\",\"title\":\"Renamed\",\"value\":\"2500\",\"stage\":\"proposal\"}");

        Deal saved = await(client.updateDeal("d 1", new DealChanges().title("Renamed").value(2500).priority(Priority.HIGH)
                .expectedCloseDate(Instant.parse("2026-03-15T00:00:00Z")), WriteOptions.idempotent("k-1").ifMatch("7")));

        assertThat(saved.getTitle()).isEqualTo("Renamed");
        assertThat(saved.getValue()).isEqualTo(2500);
        HttpExchange request = seen.get("PUT /api/deals/d 1");
        assertThat(request.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer t1");
        assertThat(request.getRequestHeaders().getFirst("Idempotency-Key")).isEqualTo("k-1");
        assertThat(request.getRequestHeaders().getFirst("If-Match")).isEqualTo("\"7\"");
        assertThat(JsonParser.parseString(bodies.get("PUT /api/deals/d 1"))).isEqualTo(JsonParser.parseString(
                "{\"title\":\"Renamed\",\"value\":2500.0,\"priority\":\"high\",\"expectedCloseDate\":\"2026-03-15T00:00:00Z\"}"));
    }

    @Test
    void aPlainWriteSendsNeitherKeyNorVersion() throws Exception {
        client.setTokens(new AuthTokens("t1", "r1"));
        answers.put("PATCH /api/notifications/n1/read", "{\"id\":\"n1\",\"read\":true}");

        await(client.markNotificationRead("n1", true, WriteOptions.NONE));

        HttpExchange request = seen.get("PATCH /api/notifications/n1/read");
        assertThat(request.getRequestHeaders().containsKey("Idempotency-Key")).isFalse();
        assertThat(request.getRequestHeaders().containsKey("If-Match")).isFalse();
        assertThat(bodies.get("PATCH /api/notifications/n1/read")).isEqualTo("{\"read\":true}");
    }

    @Test
    void aNewActivityIsWrittenByTheMapperAndTheStoredOneComesBack() throws Exception {
        client.setTokens(new AuthTokens("t1", "r1"));
        answers.put("POST /api/deals/d1/activities", "{\"id\":\"a9\",\"type\":\"call\",\"date\":\"2026-03-02T10:00:00Z\","
                + "\"description\":\"Called\"}");

        DealActivity stored = await(client.addActivity("d1", new NewActivity(ActivityType.CALL,
                Instant.parse("2026-03-02T10:00:00Z"), "  Called ", " ", "Send the proposal"), WriteOptions.NONE));

        assertThat(stored.id()).isEqualTo("a9");
        assertThat(JsonParser.parseString(bodies.get("POST /api/deals/d1/activities"))).isEqualTo(JsonParser.parseString(
                "{\"type\":\"call\",\"date\":\"2026-03-02T10:00:00Z\",\"description\":\"Called\",\"nextStep\":\"Send the proposal\"}"));
    }

    @Test
    void aStageChangeConfirmedWithoutTheDealIsStillAConfirmation() throws Exception {
        client.setTokens(new AuthTokens("t1", "r1"));
        answers.put("PATCH /api/deals/d1/stage", "{\"success\":true}");

        Optional<Deal> confirmed = await(client.changeStage("d1", DealStage.CLOSED_WON, WriteOptions.NONE));

        assertThat(confirmed).isEmpty();
        assertThat(bodies.get("PATCH /api/deals/d1/stage")).isEqualTo("{\"stage\":\"closed-won\"}");
    }

    @Test
    void aStaleVersionFailsAsStaleWithTheStatusAndTheServersReason() {
        client.setTokens(new AuthTokens("t1", "r1"));
        answers.put("PUT /api/deals/d1", "{\"error\":\"version 8 is current\"}");
        statuses.put("PUT /api/deals/d1", 412);

        assertThatThrownBy(() -> await(client.updateDeal("d1", new DealChanges().title("x"), WriteOptions.NONE.ifMatch("7"))))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> {
                    ApiException api = (ApiException) Failures.unwrap(e);
                    assertThat(api.kind()).isEqualTo(ApiException.Kind.STALE);
                    assertThat(api.status()).isEqualTo(412);
                    assertThat(api.getMessage()).isEqualTo("version 8 is current");
                });
    }

    @Test
    void aListKeepsWhatCouldBeReadAndSaysWhatWasSkipped() throws Exception {
        client.setTokens(new AuthTokens("t1", "r1"));
        answers.put("GET /api/deals", "{\"data\":[{\"id\":\"d1\"},{\"title\":\"no id\"},{\"id\":\"d3\"}]}");

        MappedList<Deal> deals = await(client.deals());

        assertThat(deals.values()).extracting(Deal::getId).containsExactly("d1", "d3");
        assertThat(deals.skipped()).isEqualTo(1);
    }

    @Test
    void anAnswerThatIsNotADealIsAProtocolErrorNamingTheBadField() {
        client.setTokens(new AuthTokens("t1", "r1"));
        answers.put("GET /api/deals/d1", "{\"title\":\"no id\"}");

        assertThatThrownBy(() -> await(client.deal("d1"))).satisfies(e -> {
            ApiException api = (ApiException) Failures.unwrap(e);
            assertThat(api.kind()).isEqualTo(ApiException.Kind.MALFORMED);
            assertThat(api.getMessage()).isEqualTo("The server's answer is not a deal: deal.id: missing required field");
        });
    }

    @Test
    void writeOptionsRefuseHeaderValuesThatCouldNotBeSent() {
        assertThatThrownBy(() -> WriteOptions.idempotent("a\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WriteOptions.idempotent("k".repeat(201))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WriteOptions.NONE.ifMatch("\"7\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
