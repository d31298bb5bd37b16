package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.RestCalls.Reply;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DemoRestApiTest extends LoggedInServerTest {

    private static List<JsonObject> objects(JsonElement array) {
        return StreamSupport.stream(array.getAsJsonArray().spliterator(), false).map(JsonElement::getAsJsonObject).toList();
    }

    private String firstDealId() {
        return server.state().dealIds().get(0);
    }

    private String firstContactId() {
        return server.state().contactIds().get(0);
    }

    // ------------------------------------------------------------ auth

    @Test
    void loginReturnsUserTokenAndRefreshToken() {
        JsonObject login = rest.login(DemoServer.DEMO_EMAIL, "demo");
        JsonObject user = login.getAsJsonObject("user");
        assertThat(user.get("email").getAsString()).isEqualTo(DemoServer.DEMO_EMAIL);
        assertThat(user.get("role").getAsString()).isEqualTo("sales");
        assertThat(user.get("name").getAsString()).isNotBlank();
        assertThat(user.has("password")).isFalse();
        JsonObject preferences = user.getAsJsonObject("preferences");
        assertThat(preferences.get("theme").getAsString()).isIn("light", "dark");
        assertThat(preferences.get("notifications").getAsBoolean()).isTrue();
        assertThat(preferences.get("timezone").getAsString()).isNotBlank();
        assertThat(Instant.parse(user.get("createdAt").getAsString())).isBefore(Instant.now());
        assertThat(Instant.parse(user.get("lastLogin").getAsString())).isAfter(Instant.now().minusSeconds(60));
        assertThat(login.get("refreshToken").getAsString()).isNotBlank();

        String[] parts = login.get("token").getAsString().split("\\.");
        assertThat(parts).hasSize(3);
        JsonObject header = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(parts[0]),
                StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject claims = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(header.get("alg").getAsString()).isEqualTo("HS256");
        assertThat(claims.get("sub").getAsString()).isEqualTo(user.get("id").getAsString());
        assertThat(claims.get("email").getAsString()).isEqualTo(DemoServer.DEMO_EMAIL);
        long lifetime = claims.get("exp").getAsLong() - claims.get("iat").getAsLong();
        assertThat(lifetime).isEqualTo(Duration.ofMinutes(15).toSeconds());
    }

    @Test
    void managerLogsInWithManagerRole() {
        JsonObject login = rest.login(DemoServer.MANAGER_EMAIL, "demo");
        assertThat(login.getAsJsonObject("user").get("role").getAsString()).isEqualTo("manager");
    }

    @Test
    void badCredentialsAre401AndBadBodiesAre400() {
        Reply wrong = rest.call("POST", "/auth/login", null, "{\"email\":\"demo@flow-crm.local\",\"password\":\"nope\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).contains("invalid");
        assertThat(rest.call("POST", "/auth/login", null, "{\"email\":\"demo@flow-crm.local\"}").status()).isEqualTo(400);
        Reply notJson = rest.call("POST", "/auth/login", null, "email=demo");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).contains("JSON");
        assertThat(rest.call("POST", "/auth/login", null, "[1,2]").status()).isEqualTo(400);
        assertThat(rest.call("GET", "/auth/login", null, null).status()).isEqualTo(405);
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        JsonObject login = rest.login(DemoServer.DEMO_EMAIL, "demo");
        String first = login.get("refreshToken").getAsString();
        Reply refreshed = rest.call("POST", "/auth/refresh", null, "{\"refreshToken\":\"" + first + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        String second = refreshed.object().get("refreshToken").getAsString();
        assertThat(second).isNotEqualTo(first);
        assertThat(rest.get("/auth/me", refreshed.object().get("token").getAsString()).status()).isEqualTo(200);

        Reply reused = rest.call("POST", "/auth/refresh", null, "{\"refreshToken\":\"" + first + "\"}");
        assertThat(reused.status()).isEqualTo(401);
        assertThat(rest.call("POST", "/auth/refresh", null, "{\"refreshToken\":\"forged\"}").status()).isEqualTo(401);
        assertThat(rest.call("POST", "/auth/refresh", null, "{}").status()).isEqualTo(400);
        assertThat(rest.call("POST", "/auth/refresh", null, "{\"refreshToken\":\"" + second + "\"}").status())
                .isEqualTo(200);
    }

    @Test
    void logoutEndsTheSession() {
        JsonObject login = rest.login(DemoServer.DEMO_EMAIL, "demo");
        String sessionToken = login.get("token").getAsString();
        Reply logout = rest.call("POST", "/auth/logout", sessionToken, null);
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.object().get("success").getAsBoolean()).isTrue();
        assertThat(rest.get("/auth/me", sessionToken).status()).isEqualTo(401);
        assertThat(rest.call("POST", "/auth/refresh", null,
                "{\"refreshToken\":\"" + login.get("refreshToken").getAsString() + "\"}").status()).isEqualTo(401);
        assertThat(rest.get("/auth/me", token).status()).as("other sessions stay valid").isEqualTo(200);
    }

    @Test
    void meReturnsTheUserOfTheToken() {
        Reply me = rest.get("/auth/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.object().get("email").getAsString()).isEqualTo(DemoServer.DEMO_EMAIL);
    }

    @Test
    void missingForgedAndExpiredTokensAre401() {
        assertThat(rest.get("/auth/me", null).status()).isEqualTo(401);
        assertThat(rest.get("/auth/me", "not-a-jwt").status()).isEqualTo(401);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + "A" + parts[2].substring(1);
        assertThat(rest.get("/auth/me", forged).status()).isEqualTo(401);
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}"
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertThat(rest.get("/auth/me", unsigned).status()).as("alg none").isEqualTo(401);
        try (DemoServer other = DemoServer.start(DemoServerConfig.forTests())) {
            String foreign = other.issueAccessToken(DemoServer.DEMO_EMAIL, Instant.now(), Duration.ofMinutes(5));
            assertThat(rest.get("/auth/me", foreign).status()).as("signed with another secret").isEqualTo(401);
        }
        String expired = server.issueAccessToken(DemoServer.DEMO_EMAIL, Instant.now().minusSeconds(600),
                Duration.ofMinutes(1));
        Reply reply = rest.get("/auth/me", expired);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).contains("expired");
    }

    @Test
    void aConfiguredSecretIsSharedAcrossRuns() {
        DemoServerConfig config = DemoServerConfig.forTests().withJwtSecret("a shared demo secret");
        try (DemoServer first = DemoServer.start(config); DemoServer second = DemoServer.start(config);
                RestCalls secondRest = new RestCalls(second.apiUrl())) {
            String fromFirst = first.issueAccessToken(DemoServer.DEMO_EMAIL, Instant.now(), Duration.ofMinutes(5));
            assertThat(secondRest.get("/auth/me", fromFirst).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @CsvSource({"GET,/deals", "GET,/deals/deal-1", "POST,/deals", "PUT,/deals/deal-1", "DELETE,/deals/deal-1",
        "PATCH,/deals/deal-1/stage", "POST,/deals/deal-1/activities", "GET,/deals/forecast", "GET,/deals/stage-stats",
        "GET,/contacts", "GET,/contacts/contact-1", "PUT,/contacts/contact-1", "POST,/contacts/contact-1/communication",
        "GET,/contacts/stats", "GET,/notifications", "PATCH,/notifications/n/read", "GET,/notifications/unread-count",
        "POST,/auth/logout", "GET,/auth/me", "GET,/no-such-endpoint"})
    void everyCallButLoginAndRefreshNeedsAToken(String method, String path) {
        Reply reply = rest.call(method, path, null, "{}");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isNotBlank();
        assertThat(server.state().dealCount()).isEqualTo(40);
    }

    @Test
    void unknownEndpointsAre404() {
        assertThat(rest.get("/no-such-endpoint", token).status()).isEqualTo(404);
        assertThat(rest.get("/deals/deal-1/unknown", token).status()).isEqualTo(404);
        assertThat(rest.call("DELETE", "/contacts", token, null).status()).isEqualTo(405);
    }

    @Test
    void bodiesOverOneMebibyteAre413() {
        String padding = "x".repeat(DemoRestApi.MAX_BODY_BYTES);
        String dealId = firstDealId();
        String before = server.state().deal(dealId).get("title").getAsString();
        Reply reply = rest.call("PUT", "/deals/" + dealId, token, "{\"title\":\"" + padding + "\"}");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.error()).contains("exceeds");
        assertThat(server.state().deal(dealId).get("title").getAsString()).isEqualTo(before);
        String justUnder = "{\"title\":\"" + "y".repeat(DemoRestApi.MAX_BODY_BYTES - 20) + "\"}";
        assertThat(rest.call("PUT", "/deals/" + dealId, token, justUnder).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------ deals

    @Test
    void listsDealsWithTheSpecShape() {
        Reply reply = rest.get("/deals", token);
        assertThat(reply.status()).isEqualTo(200);
        List<JsonObject> deals = objects(reply.body());
        assertThat(deals).hasSize(40);
        assertThat(reply.body()).as("streamed list equals the state's snapshot").isEqualTo(server.state().deals("all", null));
        Set<String> stages = new HashSet<>();
        for (JsonObject deal : deals) {
            WireShapes.assertDeal(deal);
            stages.add(deal.get("stage").getAsString());
        }
        assertThat(stages).containsExactlyInAnyOrder("prospect", "qualified", "proposal", "negotiation", "closed-won",
                "closed-lost");
    }

    @Test
    void filtersAndSearchesDeals() {
        Instant now = Instant.now();
        List<JsonObject> hot = objects(rest.get("/deals?filter=hot", token).body());
        List<JsonObject> atRisk = objects(rest.get("/deals?filter=at-risk", token).body());
        List<JsonObject> closingSoon = objects(rest.get("/deals?filter=closing-soon", token).body());
        // the client's rules (DealFilter): hot = probability above 70; at risk = the Insights rule (below);
        // closing soon = open and expected within 30 days
        List<JsonObject> all = objects(rest.get("/deals?filter=all", token).body());
        assertThat(all).hasSize(40);
        assertThat(hot).isNotEmpty().hasSizeLessThan(40)
                .allSatisfy(d -> assertThat(d.get("probability").getAsInt()).isGreaterThan(70));
        assertThat(hot).hasSize((int) all.stream().filter(d -> d.get("probability").getAsInt() > 70).count());
        assertThat(atRisk).isNotEmpty().hasSizeLessThan(40);
        assertThat(atRisk).extracting(d -> d.get("id").getAsString()).containsExactlyInAnyOrderElementsOf(
                all.stream().filter(d -> atRiskByTheClientsRule(d, now)).map(d -> d.get("id").getAsString()).toList());
        assertThat(closingSoon).isNotEmpty().hasSizeLessThan(40).allSatisfy(d -> {
            assertThat(Instant.parse(d.get("expectedCloseDate").getAsString()))
                    .isBetween(now.minusSeconds(5), now.plus(Duration.ofDays(30)));
            assertThat(d.get("stage").getAsString()).isNotIn("closed-won", "closed-lost");
        });

        JsonObject some = server.state().deal(firstDealId());
        String company = some.get("company").getAsString();
        List<JsonObject> found = objects(rest.get("/deals?search=" + company.toUpperCase().replace(" ", "%20"),
                token).body());
        assertThat(found).isNotEmpty().allSatisfy(d -> assertThat(d.toString().toLowerCase())
                .contains(company.toLowerCase()));
        assertThat(objects(rest.get("/deals?search=zzzz-no-such-deal", token).body())).isEmpty();

        Reply bad = rest.get("/deals?filter=cold", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("filter");
    }

    @Test
    void getsOneDealWithActivitiesAndInsights() {
        String id = firstDealId();
        Reply reply = rest.get("/deals/" + id, token);
        assertThat(reply.status()).isEqualTo(200);
        WireShapes.assertDeal(reply.object());
        assertThat(reply.object().getAsJsonArray("activities")).isNotEmpty();
        Reply missing = rest.get("/deals/deal-does-not-exist", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).contains("deal-does-not-exist");
    }

    @Test
    void createsADealWithServerAssignedIdAndProbability() {
        String contactId = firstContactId();
        Reply reply = rest.call("POST", "/deals", token, """
                {"title":"Fleet tracking rollout","contactId":"%s","value":48000,"stage":"proposal",
                 "probability":3,"expectedCloseDate":"2027-01-15","tags":["fleet"],"priority":"high"}
                """.formatted(contactId));
        assertThat(reply.status()).isEqualTo(200);
        JsonObject deal = reply.object();
        WireShapes.assertDeal(deal);
        assertThat(deal.get("id").getAsString()).isNotBlank();
        assertThat(deal.get("probability").getAsInt()).isEqualTo(50);
        assertThat(deal.get("expectedCloseDate").getAsString()).isEqualTo("2027-01-15T00:00:00Z");
        assertThat(deal.get("contactName").getAsString())
                .isEqualTo(server.state().contact(contactId).get("name").getAsString());
        assertThat(server.state().dealCount()).isEqualTo(41);
        assertThat(rest.get("/deals/" + deal.get("id").getAsString(), token).status()).isEqualTo(200);
        assertThat(objects(rest.get("/deals", token).body()).get(0).get("id")).isEqualTo(deal.get("id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"value\":1000,\"company\":\"Acme\"}",
        "{\"title\":\"x\",\"company\":\"Acme\"}",
        "{\"title\":\"x\",\"company\":\"Acme\",\"value\":-5}",
        "{\"title\":\"x\",\"company\":\"Acme\",\"value\":\"lots\"}",
        "{\"title\":\"x\",\"company\":\"Acme\",\"value\":10,\"stage\":\"won\"}",
        "{\"title\":\"x\",\"company\":\"Acme\",\"value\":10,\"expectedCloseDate\":\"next tuesday\"}",
        "{\"title\":\"x\",\"company\":\"Acme\",\"value\":10,\"priority\":\"urgent\"}",
        "{\"title\":\"x\",\"company\":\"Acme\",\"value\":10,\"tags\":\"a,b\"}",
        "{\"title\":\"x\",\"value\":10}",
        "{\"title\":\"x\",\"value\":10,\"contactId\":\"contact-nope\"}",
        "not json"})
    void refusesInvalidNewDealsWith400(String body) {
        Reply reply = rest.call("POST", "/deals", token, body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isNotBlank();
        assertThat(server.state().dealCount()).isEqualTo(40);
    }

    @Test
    void updatesADealPartially() {
        String id = firstDealId();
        JsonObject before = server.state().deal(id);
        Reply reply = rest.call("PUT", "/deals/" + id, token,
                "{\"value\":123456.5,\"probability\":42,\"competitorMentioned\":\"HubSpot\",\"riskFactors\":[\"Budget\"]}");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject deal = reply.object();
        assertThat(deal.get("value").getAsDouble()).isEqualTo(123456.5);
        assertThat(deal.get("probability").getAsInt()).isEqualTo(42);
        assertThat(deal.get("competitorMentioned").getAsString()).isEqualTo("HubSpot");
        assertThat(deal.get("riskFactors").getAsJsonArray().get(0).getAsString()).isEqualTo("Budget");
        assertThat(deal.get("title")).isEqualTo(before.get("title"));
        assertThat(deal.get("stage")).isEqualTo(before.get("stage"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"probability\":101}", "{\"probability\":-1}", "{\"probability\":12.5}",
        "{\"value\":-1}", "{\"stage\":\"lost\"}", "{\"expectedCloseDate\":\"31/12/2026\"}", "{\"title\":\"\"}",
        "{\"confidence\":\"sure\"}", "[]", "{\"value\":1,\"probability\":500}"})
    void refusesInvalidDealUpdatesWith400AndChangesNothing(String body) {
        String id = firstDealId();
        JsonObject before = server.state().deal(id);
        Reply reply = rest.call("PUT", "/deals/" + id, token, body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(server.state().deal(id)).isEqualTo(before);
    }

    @Test
    void updatingAnUnknownDealIs404() {
        assertThat(rest.call("PUT", "/deals/deal-nope", token, "{\"value\":1}").status()).isEqualTo(404);
    }

    @Test
    void deletesADeal() {
        String id = firstDealId();
        Reply reply = rest.call("DELETE", "/deals/" + id, token, null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.object().get("success").getAsBoolean()).isTrue();
        assertThat(rest.get("/deals/" + id, token).status()).isEqualTo(404);
        assertThat(rest.call("DELETE", "/deals/" + id, token, null).status()).isEqualTo(404);
        assertThat(server.state().dealCount()).isEqualTo(39);
    }

    @ParameterizedTest
    @CsvSource({"prospect,10", "qualified,25", "proposal,50", "negotiation,75", "closed-won,100", "closed-lost,0",
        "closed_won,100"})
    void stageChangeAssignsTheStageProbability(String stage, int probability) {
        String id = server.state().dealIds().stream()
                .filter(d -> !server.state().deal(d).get("stage").getAsString().equals(stage.replace('_', '-')))
                .findFirst().orElseThrow();
        Reply reply = rest.call("PATCH", "/deals/" + id + "/stage", token, "{\"stage\":\"" + stage + "\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.object().get("stage").getAsString()).isEqualTo(stage.replace('_', '-'));
        assertThat(reply.object().get("probability").getAsInt()).isEqualTo(probability);
    }

    @Test
    void refusesBadStageChanges() {
        String id = firstDealId();
        JsonObject before = server.state().deal(id);
        Reply unknownStage = rest.call("PATCH", "/deals/" + id + "/stage", token, "{\"stage\":\"won\"}");
        assertThat(unknownStage.status()).isEqualTo(400);
        assertThat(unknownStage.error()).contains("stage");
        assertThat(rest.call("PATCH", "/deals/" + id + "/stage", token, "{}").status()).isEqualTo(400);
        assertThat(rest.call("PATCH", "/deals/deal-nope/stage", token, "{\"stage\":\"proposal\"}").status())
                .isEqualTo(404);
        assertThat(server.state().deal(id)).isEqualTo(before);
    }

    @Test
    void refusesTheNextStageChangeOnlyWhenAsked() {
        String id = server.state().dealIds().stream()
                .filter(d -> !server.state().deal(d).get("stage").getAsString().equals("negotiation"))
                .findFirst().orElseThrow();
        JsonObject before = server.state().deal(id);
        server.state().refuseNextStageChange(409, "deal is locked by a colleague");
        Reply refused = rest.call("PATCH", "/deals/" + id + "/stage", token, "{\"stage\":\"negotiation\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("deal is locked by a colleague");
        assertThat(server.state().deal(id)).isEqualTo(before);
        Reply accepted = rest.call("PATCH", "/deals/" + id + "/stage", token, "{\"stage\":\"negotiation\"}");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.object().get("probability").getAsInt()).isEqualTo(75);
    }

    @Test
    void addsAnActivity() {
        String id = firstDealId();
        Reply reply = rest.call("POST", "/deals/" + id + "/activities", token, """
                {"type":"demo","date":"2030-02-01T10:15:00+01:00","description":"Live demo","outcome":"Great",
                 "nextStep":"Send quote"}""");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject activity = reply.object();
        assertThat(activity.get("id").getAsString()).isNotBlank();
        assertThat(activity.get("type").getAsString()).isEqualTo("demo");
        assertThat(activity.get("date").getAsString()).isEqualTo("2030-02-01T09:15:00Z");
        assertThat(activity.get("nextStep").getAsString()).isEqualTo("Send quote");
        JsonObject deal = server.state().deal(id);
        assertThat(deal.getAsJsonArray("activities").get(0).getAsJsonObject().get("id")).isEqualTo(activity.get("id"));
        assertThat(deal.get("lastActivity").getAsString()).isEqualTo("2030-02-01T09:15:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"lunch\",\"date\":\"2026-01-01\",\"description\":\"x\"}",
        "{\"type\":\"call\",\"description\":\"x\"}", "{\"type\":\"call\",\"date\":\"yesterday\",\"description\":\"x\"}",
        "{\"type\":\"call\",\"date\":\"2026-01-01\"}"})
    void refusesInvalidActivities(String body) {
        String id = firstDealId();
        int before = server.state().deal(id).getAsJsonArray("activities").size();
        assertThat(rest.call("POST", "/deals/" + id + "/activities", token, body).status()).isEqualTo(400);
        assertThat(server.state().deal(id).getAsJsonArray("activities")).hasSize(before);
        assertThat(rest.call("POST", "/deals/deal-nope/activities", token,
                "{\"type\":\"call\",\"date\":\"2026-01-01\",\"description\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void forecastSumsTheOpenPipeline() {
        Reply reply = rest.get("/deals/forecast", token);
        assertThat(reply.status()).isEqualTo(200);
        JsonObject forecast = reply.object();
        double total = 0;
        double weighted = 0;
        for (JsonObject deal : objects(rest.get("/deals", token).body())) {
            if (!deal.get("stage").getAsString().startsWith("closed")) {
                total += deal.get("value").getAsDouble();
                weighted += deal.get("value").getAsDouble() * deal.get("probability").getAsInt() / 100.0;
            }
        }
        assertThat(forecast.get("totalPipeline").getAsDouble()).isCloseTo(total, org.assertj.core.data.Offset.offset(0.01));
        assertThat(forecast.get("weightedForecast").getAsDouble()).isCloseTo(weighted,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(forecast.get("dealsClosingThisMonth").getAsInt()).isBetween(0, 40);
        JsonArray monthly = forecast.getAsJsonArray("monthlyForecast");
        assertThat(monthly).hasSize(6);
        assertThat(monthly.get(0).getAsJsonObject().get("month").getAsString()).matches("\\d{4}-\\d{2}");
    }

    @Test
    void stageStatsCoverEveryStage() {
        Reply reply = rest.get("/deals/stage-stats", token);
        assertThat(reply.status()).isEqualTo(200);
        List<JsonObject> rows = objects(reply.body());
        assertThat(rows).extracting(r -> r.get("stage").getAsString()).containsExactly("prospect", "qualified",
                "proposal", "negotiation", "closed-won", "closed-lost");
        assertThat(rows.stream().mapToInt(r -> r.get("count").getAsInt()).sum()).isEqualTo(40);
        for (JsonObject row : rows) {
            assertThat(row.get("totalValue").getAsDouble()).isNotNegative();
            assertThat(row.get("avgProbability").getAsDouble()).isBetween(0.0, 100.0);
            assertThat(row.get("avgDaysInStage").getAsDouble()).isNotNegative();
        }
    }

    // ------------------------------------------------------------ contacts

    @Test
    void listsFiltersAndSearchesContacts() {
        List<JsonObject> all = objects(rest.get("/contacts", token).body());
        assertThat(all).hasSize(60).allSatisfy(WireShapes::assertContact);
        assertThat(rest.get("/contacts?filter=at-risk", token).body()).isEqualTo(server.state().contacts("at-risk", null));
        List<JsonObject> highValue = objects(rest.get("/contacts?filter=high-value", token).body());
        assertThat(highValue).isNotEmpty().hasSizeLessThan(60)
                .allSatisfy(c -> assertThat(c.get("totalValue").getAsDouble()).isGreaterThanOrEqualTo(100_000));
        List<JsonObject> atRisk = objects(rest.get("/contacts?filter=at-risk", token).body());
        assertThat(atRisk).isNotEmpty().hasSizeLessThan(60).allSatisfy(c -> assertThat(
                c.get("healthScore").getAsInt() <= 40 || c.get("churnRisk").getAsInt() >= 60).isTrue());
        List<JsonObject> recent = objects(rest.get("/contacts?filter=recent", token).body());
        assertThat(recent).hasSizeLessThan(60).allSatisfy(c -> assertThat(Instant.parse(c.get("lastContact")
                .getAsString())).isAfter(Instant.now().minus(Duration.ofDays(7))));
        String name = all.get(3).get("name").getAsString();
        assertThat(objects(rest.get("/contacts?search=" + name.replace(" ", "+"), token).body()))
                .isNotEmpty().allSatisfy(c -> assertThat(c.toString()).containsIgnoringCase(name));
        assertThat(rest.get("/contacts?filter=vip", token).status()).isEqualTo(400);
    }

    @Test
    void getsOneContact() {
        Reply reply = rest.get("/contacts/" + firstContactId(), token);
        assertThat(reply.status()).isEqualTo(200);
        WireShapes.assertContact(reply.object());
        assertThat(rest.get("/contacts/contact-nope", token).status()).isEqualTo(404);
    }

    @Test
    void updatesAContactAndDerivesItsHealthLevel() {
        String id = firstContactId();
        Reply reply = rest.call("PUT", "/contacts/" + id, token,
                "{\"healthScore\":35,\"title\":\"COO\",\"tags\":[\"vip\"],\"nextFollowUp\":\"2027-03-01\"}");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject contact = reply.object();
        assertThat(contact.get("healthScore").getAsInt()).isEqualTo(35);
        assertThat(contact.get("relationshipHealth").getAsString()).isEqualTo("low");
        assertThat(contact.get("title").getAsString()).isEqualTo("COO");
        assertThat(contact.get("nextFollowUp").getAsString()).isEqualTo("2027-03-01T00:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"healthScore\":101}", "{\"healthScore\":-3}", "{\"churnRisk\":150}",
        "{\"sentiment\":\"angry\"}", "{\"lastContact\":\"soon\"}", "{\"name\":\"\"}", "{\"tags\":[1,2]}"})
    void refusesInvalidContactUpdates(String body) {
        String id = firstContactId();
        JsonObject before = server.state().contact(id);
        assertThat(rest.call("PUT", "/contacts/" + id, token, body).status()).isEqualTo(400);
        assertThat(server.state().contact(id)).isEqualTo(before);
        assertThat(rest.call("PUT", "/contacts/contact-nope", token, "{\"title\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void logsCommunication() {
        String id = firstContactId();
        Reply reply = rest.call("POST", "/contacts/" + id + "/communication", token,
                "{\"type\":\"call\",\"date\":\"2030-05-05T12:00:00Z\",\"subject\":\"Renewal\",\"summary\":\"Agreed terms\"}");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject event = reply.object();
        assertThat(event.get("id").getAsString()).isNotBlank();
        assertThat(event.get("sentiment").getAsString()).isIn("positive", "neutral", "negative");
        JsonObject contact = server.state().contact(id);
        assertThat(contact.getAsJsonArray("communicationHistory").get(0).getAsJsonObject().get("id"))
                .isEqualTo(event.get("id"));
        assertThat(contact.get("lastContact").getAsString()).isEqualTo("2030-05-05T12:00:00Z");

        assertThat(rest.call("POST", "/contacts/" + id + "/communication", token,
                "{\"type\":\"fax\",\"date\":\"2030-05-05\",\"summary\":\"x\"}").status()).isEqualTo(400);
        assertThat(rest.call("POST", "/contacts/" + id + "/communication", token,
                "{\"type\":\"call\",\"date\":\"2030-05-05\"}").status()).isEqualTo(400);
        assertThat(rest.call("POST", "/contacts/contact-nope/communication", token,
                "{\"type\":\"call\",\"date\":\"2030-05-05\",\"summary\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void contactStatsCount() {
        JsonObject stats = rest.get("/contacts/stats", token).object();
        assertThat(stats.get("total").getAsInt()).isEqualTo(60);
        assertThat(stats.get("highValue").getAsInt())
                .isEqualTo(objects(rest.get("/contacts?filter=high-value", token).body()).size());
        assertThat(stats.get("atRisk").getAsInt())
                .isEqualTo(objects(rest.get("/contacts?filter=at-risk", token).body()).size());
        assertThat(stats.get("needsFollowUp").getAsInt()).isBetween(1, 59);
    }

    // ------------------------------------------------------------ notifications

    @Test
    void listsPagesAndMarksNotifications() {
        List<JsonObject> all = objects(rest.get("/notifications", token).body());
        assertThat(all).isNotEmpty().allSatisfy(WireShapes::assertNotification);
        String userId = rest.get("/auth/me", token).object().get("id").getAsString();
        assertThat(all).allSatisfy(n -> assertThat(n.get("userId").getAsString()).isEqualTo(userId));
        assertThat(all).anySatisfy(n -> assertThat(n.getAsJsonObject("metadata").has("dealId")).isTrue());
        assertThat(all).anySatisfy(n -> assertThat(n.getAsJsonObject("metadata").has("contactId")).isTrue());

        List<JsonObject> unread = objects(rest.get("/notifications?read=false", token).body());
        assertThat(unread).isNotEmpty().allSatisfy(n -> assertThat(n.get("read").getAsBoolean()).isFalse());
        int count = rest.get("/notifications/unread-count", token).object().get("count").getAsInt();
        assertThat(count).isEqualTo(unread.size());

        List<JsonObject> page = objects(rest.get("/notifications?limit=2&offset=1", token).body());
        assertThat(page).extracting(n -> n.get("id")).containsExactly(all.get(1).get("id"), all.get(2).get("id"));

        String id = unread.get(0).get("id").getAsString();
        Reply marked = rest.call("PATCH", "/notifications/" + id + "/read", token, "{\"read\":true}");
        assertThat(marked.status()).isEqualTo(200);
        assertThat(marked.object().get("read").getAsBoolean()).isTrue();
        assertThat(rest.get("/notifications/unread-count", token).object().get("count").getAsInt()).isEqualTo(count - 1);
        assertThat(rest.call("PATCH", "/notifications/" + id + "/read", token, "{\"read\":false}").object()
                .get("read").getAsBoolean()).isFalse();

        assertThat(rest.call("PATCH", "/notifications/nope/read", token, "{\"read\":true}").status()).isEqualTo(404);
        assertThat(rest.call("PATCH", "/notifications/" + id + "/read", token, "{\"read\":\"yes\"}").status())
                .isEqualTo(400);
        assertThat(rest.get("/notifications?limit=many", token).status()).isEqualTo(400);
        assertThat(rest.get("/notifications?read=maybe", token).status()).isEqualTo(400);
    }

    @Test
    void notificationsAreOnlyTheirOwnersBusiness() {
        String managerToken = rest.loginToken(DemoServer.MANAGER_EMAIL);
        String demoNotification = objects(rest.get("/notifications", token).body()).get(0).get("id").getAsString();
        assertThat(rest.call("PATCH", "/notifications/" + demoNotification + "/read", managerToken, "{\"read\":true}")
                .status()).isEqualTo(404);
    }

    /**
     * The client's at-risk rule (store.insights.DealRules, default limits) written out again: an open deal with risk
     * factors, a competitor, a close date before today (UTC) or idle longer than its stage allows.
     */
    private static boolean atRiskByTheClientsRule(JsonObject d, Instant now) {
        String stage = d.get("stage").getAsString();
        if (stage.startsWith("closed")) {
            return false;
        }
        if (!d.getAsJsonArray("riskFactors").isEmpty() || d.has("competitorMentioned")) {
            return true;
        }
        java.time.LocalDate today = now.atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        if (Instant.parse(d.get("expectedCloseDate").getAsString()).atOffset(java.time.ZoneOffset.UTC).toLocalDate()
                .isBefore(today)) {
            return true;
        }
        String since = d.has("lastActivity") ? d.get("lastActivity").getAsString() : d.get("createdDate").getAsString();
        long idle = Duration.between(Instant.parse(since), now).toDays();
        long limit = switch (stage) {
            case "proposal" -> 10;
            case "negotiation" -> 7;
            default -> 14;
        };
        return idle > limit;
    }
}
