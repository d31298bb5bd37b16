package com.flowcrm.bench;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's data: a demo backend holding the 10,000 deals and 50,000 contacts, the JSON text its REST
 * API returns for them, and a seeded stream of live events over their ids in the mix.
 */
final class BenchDataset implements AutoCloseable {
    static final int DEALS = 10_000;
    static final int CONTACTS = 50_000;
    static final int EVENTS = 200_000;
    private static final long SEED = 20_260_301L;
    private static final String[] STAGES = {"prospect", "qualified", "proposal", "negotiation", "closed-won", "closed-lost"};
    private static final String[] ACTIVITY_TYPES = {"call", "email", "meeting", "proposal", "demo", "note"};
    private static final String[] SENTIMENTS = {"positive", "neutral", "negative"};

    /** One live event: its name and its {@code data}. */
    record Event(String name, JsonObject data) {
    }

    final DemoServer server;
    final String token;
    final String dealsJson;
    final String contactsJson;
    final List<String> dealIds;
    final List<String> contactIds;
    final String userId;

    private BenchDataset(DemoServer server, String token, String userId, String dealsJson, String contactsJson) {
        this.server = server;
        this.token = token;
        this.userId = userId;
        this.dealsJson = dealsJson;
        this.contactsJson = contactsJson;
        this.dealIds = ids(dealsJson);
        this.contactIds = ids(contactsJson);
    }

    static BenchDataset start() throws IOException, InterruptedException {
        return start(0);
    }

    /** With the demo's simulator of colleagues at this many changes per second (0: none). */
    static BenchDataset start(double simulatedEventsPerSecond) throws IOException, InterruptedException {
        DemoServerConfig config = DemoServerConfig.forTests().withData(DEALS, CONTACTS, SEED)
                .withAccessTokenTtl(java.time.Duration.ofHours(2));
        if (simulatedEventsPerSecond > 0) {
            config = config.withSimulator(true, simulatedEventsPerSecond);
        }
        DemoServer server = DemoServer.start(config);
        try {
            HttpClient http = HttpClient.newHttpClient();
            JsonObject login = new JsonObject();
            login.addProperty("email", DemoServer.DEMO_EMAIL);
            login.addProperty("password", DemoServer.DEMO_PASSWORD);
            HttpResponse<String> loggedIn = http.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(login.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (loggedIn.statusCode() != 200) {
                throw new IllegalStateException("demo login failed: " + loggedIn.statusCode() + " " + loggedIn.body());
            }
            JsonObject session = JsonParser.parseString(loggedIn.body()).getAsJsonObject();
            String token = session.get("token").getAsString();
            String userId = session.getAsJsonObject("user").get("id").getAsString();
            String deals = get(http, server.apiUrl() + "/deals", token);
            String contacts = get(http, server.apiUrl() + "/contacts", token);
            return new BenchDataset(server, token, userId, deals, contacts);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static String get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " failed: " + response.statusCode());
        }
        return response.body();
    }

    private static List<String> ids(String json) {
        JsonArray array = JsonParser.parseString(json).getAsJsonArray();
        List<String> ids = new ArrayList<>(array.size());
        for (JsonElement e : array) {
            ids.add(e.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }

    /**
     * {@code count} events in the mix (50% deal:updated, 20% deal:stage_changed, 15% contact:health_changed,
     * 5% contact:updated, 5% deal:activity_added, 4% deal:created, 1% notification:new) over random existing ids.
     * {@code tag} keeps the ids of created items apart between streams.
     */
    List<Event> events(int count, long seed, String tag) {
        Random random = new Random(seed);
        Instant base = Instant.parse("2026-03-01T09:00:00Z");
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(100);
            String deal = dealIds.get(random.nextInt(dealIds.size()));
            String contact = contactIds.get(random.nextInt(contactIds.size()));
            String when = base.plus(i, ChronoUnit.SECONDS).toString();
            JsonObject data = new JsonObject();
            String name;
            if (roll < 50) {
                name = "deal:updated";
                data.addProperty("id", deal);
                JsonObject changes = new JsonObject();
                changes.addProperty("value", 1_000 + random.nextInt(250_000));
                changes.addProperty("lastActivity", when);
                data.add("changes", changes);
            } else if (roll < 70) {
                name = "deal:stage_changed";
                data.addProperty("id", deal);
                data.addProperty("stage", STAGES[random.nextInt(STAGES.length)]);
                data.addProperty("probability", random.nextInt(101));
            } else if (roll < 85) {
                name = "contact:health_changed";
                data.addProperty("id", contact);
                data.addProperty("oldScore", random.nextInt(101));
                data.addProperty("newScore", random.nextInt(101));
            } else if (roll < 90) {
                name = "contact:updated";
                data.addProperty("id", contact);
                JsonObject changes = new JsonObject();
                changes.addProperty("churnRisk", random.nextInt(101));
                changes.addProperty("sentiment", SENTIMENTS[random.nextInt(SENTIMENTS.length)]);
                data.add("changes", changes);
            } else if (roll < 95) {
                name = "deal:activity_added";
                data.addProperty("dealId", deal);
                JsonObject activity = new JsonObject();
                activity.addProperty("id", tag + "-activity-" + i);
                activity.addProperty("type", ACTIVITY_TYPES[random.nextInt(ACTIVITY_TYPES.length)]);
                activity.addProperty("date", when);
                activity.addProperty("description", "Follow-up " + i);
                data.add("activity", activity);
            } else if (roll < 99) {
                name = "deal:created";
                data = newDeal(tag + "-deal-" + i, contact, random, when);
            } else {
                name = "notification:new";
                data.addProperty("id", tag + "-notification-" + i);
                data.addProperty("userId", userId);
                data.addProperty("type", "deal_update");
                data.addProperty("title", "Deal moved");
                data.addProperty("message", "A colleague moved a deal");
                data.addProperty("priority", "medium");
                data.addProperty("read", false);
                data.addProperty("createdAt", when);
            }
            events.add(new Event(name, data));
        }
        return events;
    }

    private static JsonObject newDeal(String id, String contactId, Random random, String when) {
        JsonObject d = new JsonObject();
        d.addProperty("id", id);
        d.addProperty("title", "New opportunity " + id);
        d.addProperty("contactId", contactId);
        d.addProperty("contactName", "Contact " + contactId);
        d.addProperty("company", "Company " + random.nextInt(5_000));
        d.addProperty("value", 5_000 + random.nextInt(200_000));
        d.addProperty("stage", STAGES[random.nextInt(4)]);
        d.addProperty("probability", random.nextInt(101));
        d.addProperty("confidence", "medium");
        d.addProperty("expectedCloseDate", "2026-06-30T00:00:00Z");
        d.addProperty("createdDate", when);
        d.addProperty("lastActivity", when);
        d.addProperty("description", "Created by a colleague");
        d.add("tags", new JsonArray());
        d.add("activities", new JsonArray());
        d.add("aiInsights", new JsonArray());
        d.add("riskFactors", new JsonArray());
        d.add("positiveSignals", new JsonArray());
        d.addProperty("priority", "medium");
        return d;
    }

    @Override
    public void close() {
        server.close();
    }
}
