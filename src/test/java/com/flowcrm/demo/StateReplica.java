package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client keeps: deals and contacts by id from a REST snapshot, changed by applying events as the spec and the
 * sync protocol say. With {@code skipStale}, an event whose {@code version} is not newer than the record's is
 * skipped (the snapshot already had it): how a client resumes from the lowest cursor of its snapshots.
 */
final class StateReplica {
    final Map<String, JsonObject> deals;
    final Map<String, JsonObject> contacts;
    private final boolean skipStale;
    int skipped;

    StateReplica(JsonElement dealList, JsonElement contactList, boolean skipStale) {
        this.deals = byId(dealList);
        this.contacts = byId(contactList);
        this.skipStale = skipStale;
    }

    static Map<String, JsonObject> byId(JsonElement list) {
        Map<String, JsonObject> map = new LinkedHashMap<>();
        for (JsonElement element : list.getAsJsonArray()) {
            map.put(element.getAsJsonObject().get("id").getAsString(), element.getAsJsonObject());
        }
        return map;
    }

    private static void merge(JsonObject target, JsonObject changes) {
        changes.entrySet().forEach(e -> target.add(e.getKey(), e.getValue().deepCopy()));
    }

    private boolean stale(JsonObject record, JsonObject data) {
        if (skipStale && record != null && record.get("version").getAsLong() >= data.get("version").getAsLong()) {
            skipped++;
            return true;
        }
        return false;
    }

    /** Applies one event; throws on an event this replica does not know. */
    void apply(String event, JsonObject data) {
        switch (event) {
            case "deal:created" -> {
                if (!(skipStale && deals.containsKey(data.get("id").getAsString()))) {
                    deals.put(data.get("id").getAsString(), data.deepCopy());
                }
            }
            case "deal:deleted" -> deals.remove(data.get("id").getAsString());
            case "deal:updated" -> {
                JsonObject deal = deals.get(data.get("id").getAsString());
                if (!stale(deal, data)) {
                    merge(deal, data.getAsJsonObject("changes"));
                    deal.add("version", data.get("version"));
                }
            }
            case "deal:stage_changed" -> {
                JsonObject deal = deals.get(data.get("id").getAsString());
                if (!stale(deal, data)) {
                    deal.add("stage", data.get("stage"));
                    deal.add("probability", data.get("probability"));
                    deal.add("version", data.get("version"));
                }
            }
            case "deal:activity_added" -> {
                JsonObject deal = deals.get(data.get("dealId").getAsString());
                if (!stale(deal, data)) {
                    JsonObject activity = data.getAsJsonObject("activity");
                    JsonArray activities = new JsonArray();
                    activities.add(activity.deepCopy());
                    activities.addAll(deal.getAsJsonArray("activities"));
                    deal.add("activities", activities);
                    Instant date = Instant.parse(activity.get("date").getAsString());
                    if (date.isAfter(Instant.parse(deal.get("lastActivity").getAsString()))) {
                        deal.add("lastActivity", activity.get("date"));
                    }
                    deal.add("version", data.get("version"));
                }
            }
            case "contact:updated" -> {
                JsonObject contact = contacts.get(data.get("id").getAsString());
                if (!stale(contact, data)) {
                    merge(contact, data.getAsJsonObject("changes"));
                    contact.add("version", data.get("version"));
                }
            }
            case "contact:health_changed" -> {
                JsonObject contact = contacts.get(data.get("id").getAsString());
                if (!stale(contact, data)) {
                    int score = data.get("newScore").getAsInt();
                    // a PUT with healthScore sends contact:updated (new score) first, then this one
                    assertThat(contact.get("healthScore").getAsInt()).isIn(data.get("oldScore").getAsInt(), score);
                    contact.addProperty("healthScore", score);
                    contact.addProperty("relationshipHealth", score > 70 ? "high" : score > 40 ? "medium" : "low");
                    contact.add("version", data.get("version"));
                }
            }
            case "notification:new", "notification:updated" -> {
            }
            default -> throw new AssertionError("unexpected event " + event + " " + data);
        }
    }
}
