package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Set;

/** Assertions that a JSON object has the spec's shape: required fields present, enums valid, ranges kept. */
final class WireShapes {
    static final Set<String> STAGES = Set.of("prospect", "qualified", "proposal", "negotiation", "closed-won",
            "closed-lost");
    static final Set<String> LEVELS = Set.of("high", "medium", "low");
    static final Set<String> ACTIVITY_TYPES = Set.of("call", "email", "meeting", "proposal", "demo", "note");

    private WireShapes() {
    }

    static void assertInstant(JsonObject object, String field) {
        assertThat(object.has(field)).as("%s in %s", field, object).isTrue();
        assertThat(Instant.parse(object.get(field).getAsString())).isNotNull();
        assertThat(object.get(field).getAsString()).endsWith("Z");
    }

    private static void assertStrings(JsonObject object, String... fields) {
        for (String field : fields) {
            assertThat(object.has(field)).as("%s in %s", field, object).isTrue();
            assertThat(object.get(field).isJsonPrimitive() && object.get(field).getAsJsonPrimitive().isString())
                    .as("%s is a string", field).isTrue();
        }
    }

    private static void assertStringArrays(JsonObject object, String... fields) {
        for (String field : fields) {
            assertThat(object.get(field).isJsonArray()).as("%s is an array in %s", field, object).isTrue();
            for (JsonElement item : object.getAsJsonArray(field)) {
                assertThat(item.getAsJsonPrimitive().isString()).isTrue();
            }
        }
    }

    private static void assertPercent(JsonObject object, String field) {
        assertThat(object.get(field).getAsJsonPrimitive().isNumber()).as("%s is a number", field).isTrue();
        assertThat(object.get(field).getAsDouble()).as(field).isBetween(0.0, 100.0);
    }

    static void assertDeal(JsonObject deal) {
        assertStrings(deal, "id", "title", "company", "stage", "confidence", "description", "priority");
        assertThat(deal.get("stage").getAsString()).isIn(STAGES);
        assertPercent(deal, "probability");
        assertThat(deal.get("value").getAsDouble()).isNotNegative();
        assertThat(deal.get("confidence").getAsString()).isIn(LEVELS);
        assertThat(deal.get("priority").getAsString()).isIn(LEVELS);
        assertInstant(deal, "expectedCloseDate");
        assertInstant(deal, "createdDate");
        assertInstant(deal, "lastActivity");
        assertStringArrays(deal, "tags", "riskFactors", "positiveSignals");
        deal.getAsJsonArray("activities").forEach(a -> assertActivity(a.getAsJsonObject()));
        for (JsonElement element : deal.getAsJsonArray("aiInsights")) {
            JsonObject insight = element.getAsJsonObject();
            assertStrings(insight, "id", "type", "title", "description", "impact");
            assertThat(insight.get("type").getAsString()).isIn("opportunity", "risk", "suggestion", "competitor");
            assertThat(insight.get("impact").getAsString()).isIn(LEVELS);
            assertThat(insight.get("actionable").getAsJsonPrimitive().isBoolean()).isTrue();
            assertPercent(insight, "confidence");
            assertInstant(insight, "date");
        }
        assertThat(deal.has("stageEnteredAt")).isFalse();
    }

    static void assertActivity(JsonObject activity) {
        assertStrings(activity, "id", "type", "description");
        assertThat(activity.get("type").getAsString()).isIn(ACTIVITY_TYPES);
        assertInstant(activity, "date");
    }

    static void assertContact(JsonObject contact) {
        assertStrings(contact, "id", "name", "email", "phone", "company", "title", "relationshipHealth", "sentiment");
        assertPercent(contact, "healthScore");
        assertPercent(contact, "churnRisk");
        assertThat(contact.get("relationshipHealth").getAsString())
                .isEqualTo(ContactRecord.healthFor(contact.get("healthScore").getAsInt()));
        assertThat(contact.get("sentiment").getAsString()).isIn("positive", "neutral", "negative");
        assertInstant(contact, "lastContact");
        assertThat(contact.get("totalDeals").getAsInt()).isNotNegative();
        assertThat(contact.get("totalValue").getAsDouble()).isNotNegative();
        assertStringArrays(contact, "tags", "notes");
        for (JsonElement element : contact.getAsJsonArray("communicationHistory")) {
            JsonObject event = element.getAsJsonObject();
            assertStrings(event, "id", "type", "summary", "sentiment");
            assertThat(event.get("type").getAsString()).isIn("email", "call", "meeting", "note");
            assertInstant(event, "date");
        }
        for (JsonElement element : contact.getAsJsonArray("aiInsights")) {
            JsonObject insight = element.getAsJsonObject();
            assertStrings(insight, "id", "type", "title", "description");
            assertThat(insight.get("type").getAsString()).isIn("opportunity", "risk", "suggestion", "trend");
            assertPercent(insight, "confidence");
            assertInstant(insight, "date");
        }
    }

    static void assertNotification(JsonObject notification) {
        assertStrings(notification, "id", "userId", "type", "title", "message", "priority");
        assertThat(notification.get("type").getAsString()).isIn("deal_update", "message_received", "meeting_reminder",
                "ai_insight", "task_due", "at_risk_alert");
        assertThat(notification.get("priority").getAsString()).isIn(LEVELS);
        assertThat(notification.get("read").getAsJsonPrimitive().isBoolean()).isTrue();
        assertInstant(notification, "createdAt");
    }

    /** Checks one {event, data} envelope of the seven event types against the WebSocket spec. */
    static void assertEvent(JsonObject envelope) {
        String event = envelope.get("event").getAsString();
        JsonObject data = envelope.getAsJsonObject("data");
        switch (event) {
            case "deal:created" -> assertDeal(data);
            case "deal:updated", "contact:updated" -> {
                assertStrings(data, "id");
                assertThat(data.getAsJsonObject("changes").size()).isPositive();
                if (data.getAsJsonObject("changes").has("stage")) {
                    assertThat(data.getAsJsonObject("changes").get("stage").getAsString()).isIn(STAGES);
                }
            }
            case "deal:stage_changed" -> {
                assertStrings(data, "id", "stage");
                assertThat(data.get("stage").getAsString()).isIn(STAGES);
                assertPercent(data, "probability");
            }
            case "deal:activity_added" -> {
                assertStrings(data, "dealId");
                assertActivity(data.getAsJsonObject("activity"));
            }
            case "contact:health_changed" -> {
                assertStrings(data, "id");
                assertPercent(data, "oldScore");
                assertPercent(data, "newScore");
            }
            case "notification:new" -> assertNotification(data);
            default -> throw new AssertionError("unexpected event " + event);
        }
    }
}
