package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that applies the events to a REST snapshot, as the spec says, ends with the server's state. */
class EventReplayTest extends LoggedInServerTest {

    private static Map<String, JsonObject> byId(JsonElement list) {
        Map<String, JsonObject> map = new LinkedHashMap<>();
        for (JsonElement element : list.getAsJsonArray()) {
            map.put(element.getAsJsonObject().get("id").getAsString(), element.getAsJsonObject());
        }
        return map;
    }

    private static void merge(JsonObject target, JsonObject changes) {
        changes.entrySet().forEach(e -> target.add(e.getKey(), e.getValue().deepCopy()));
    }

    @Test
    void replayingTheEventsOnASnapshotGivesTheServerState() throws InterruptedException {
        EventRecorder client = new EventRecorder(server.wsUrl(), token);
        assertThat(client.connectAndWait()).isTrue();
        Map<String, JsonObject> deals = byId(rest.get("/deals", token).body());
        Map<String, JsonObject> contacts = byId(rest.get("/contacts", token).body());

        server.simulateActivity(400);
        String dealId = server.state().dealIds().get(2);
        rest.call("PATCH", "/deals/" + dealId + "/stage", token, "{\"stage\":\"closed-lost\"}");
        rest.call("POST", "/contacts/" + server.state().contactIds().get(2) + "/communication", token,
                "{\"type\":\"email\",\"date\":\"2031-01-01T00:00:00Z\",\"summary\":\"Sent terms\"}");
        server.broadcast("test:marker", Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.events("test:marker").isEmpty());

        for (JsonObject envelope : client.messages) {
            JsonObject data = envelope.has("data") && envelope.get("data").isJsonObject()
                    ? envelope.getAsJsonObject("data") : new JsonObject();
            switch (envelope.get("event").getAsString()) {
                case "deal:created" -> deals.put(data.get("id").getAsString(), data.deepCopy());
                case "deal:updated" -> merge(deals.get(data.get("id").getAsString()), data.getAsJsonObject("changes"));
                case "deal:stage_changed" -> {
                    JsonObject deal = deals.get(data.get("id").getAsString());
                    deal.add("stage", data.get("stage"));
                    deal.add("probability", data.get("probability"));
                }
                case "deal:activity_added" -> {
                    JsonObject deal = deals.get(data.get("dealId").getAsString());
                    JsonObject activity = data.getAsJsonObject("activity");
                    JsonArray activities = new JsonArray();
                    activities.add(activity.deepCopy());
                    activities.addAll(deal.getAsJsonArray("activities"));
                    deal.add("activities", activities);
                    Instant date = Instant.parse(activity.get("date").getAsString());
                    if (date.isAfter(Instant.parse(deal.get("lastActivity").getAsString()))) {
                        deal.add("lastActivity", activity.get("date"));
                    }
                }
                case "contact:updated" -> merge(contacts.get(data.get("id").getAsString()),
                        data.getAsJsonObject("changes"));
                case "contact:health_changed" -> {
                    JsonObject contact = contacts.get(data.get("id").getAsString());
                    int score = data.get("newScore").getAsInt();
                    assertThat(contact.get("healthScore").getAsInt()).isEqualTo(data.get("oldScore").getAsInt());
                    contact.addProperty("healthScore", score);
                    contact.addProperty("relationshipHealth", score > 70 ? "high" : score > 40 ? "medium" : "low");
                }
                case "notification:new", "test:marker" -> {
                }
                default -> throw new AssertionError("unexpected event " + envelope);
            }
        }

        assertThat(deals).isEqualTo(byId(rest.get("/deals", token).body()));
        assertThat(contacts).isEqualTo(byId(rest.get("/contacts", token).body()));
        client.closeBlocking();
    }
}
