package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Export against a backend that speaks snake_case, strings for numbers, date-only dates and tag objects. */
class MessyBackendExportTest {
    @Test
    void exportNormalizesWhatAMessyBackendSends() throws Exception {
        try (MessyBackend backend = new MessyBackend()) {
            CliRun run = CliRun.of(new ExportCommand(Map.of("FLOW_PASSWORD", "secret")),
                    "--api", backend.apiUrl(), "--ws", backend.wsUrl(), "--email", "pat@messy.io");

            assertThat(run.code()).as(run.err()).isZero();
            JsonObject export = JsonParser.parseString(run.out()).getAsJsonObject();
            JsonObject user = export.getAsJsonObject("user");
            assertThat(user.get("name").getAsString()).isEqualTo("Pat Messy");
            assertThat(user.get("createdAt").getAsString()).isEqualTo("2023-11-14T22:13:20Z");
            assertThat(user.getAsJsonObject("preferences").get("theme").getAsString()).isEqualTo("dark");

            JsonObject deal = export.getAsJsonArray("deals").get(0).getAsJsonObject();
            assertThat(deal.get("contactId").getAsString()).isEqualTo("c-1");
            assertThat(deal.get("contactName").getAsString()).isEqualTo("Pat Messy");
            assertThat(deal.get("value").getAsJsonPrimitive().isNumber()).isTrue();
            assertThat(deal.get("value").getAsDouble()).isEqualTo(12500.0);
            assertThat(deal.get("stage").getAsString()).isEqualTo("closed-won");
            assertThat(deal.get("probability").getAsInt()).isEqualTo(100);
            assertThat(deal.get("expectedCloseDate").getAsString()).isEqualTo("2026-03-01T00:00:00Z");
            assertThat(deal.get("createdDate").getAsString()).isEqualTo("2026-01-05T08:30:00Z");
            assertThat(deal.get("lastActivity").getAsString()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(deal.getAsJsonArray("tags").toString()).isEqualTo("[\"vip\",\"renewal\"]");
            assertThat(deal.getAsJsonArray("riskFactors").toString()).isEqualTo("[\"Budget freeze\"]");
            assertThat(deal.has("competitorMentioned")).isFalse();
            JsonObject activity = deal.getAsJsonArray("activities").get(0).getAsJsonObject();
            assertThat(activity.get("nextStep").getAsString()).isEqualTo("Send quote");
            assertThat(activity.get("date").getAsString()).isEqualTo("2026-02-01T00:00:00Z");

            JsonObject contact = export.getAsJsonArray("contacts").get(0).getAsJsonObject();
            assertThat(contact.get("healthScore").getAsInt()).isEqualTo(71);
            assertThat(contact.get("relationshipHealth").getAsString()).isEqualTo("high");
            assertThat(contact.get("churnRisk").getAsInt()).isEqualTo(15);
            assertThat(contact.get("totalValue").getAsDouble()).isEqualTo(30000.0);
            assertThat(contact.get("lastContact").getAsString()).isEqualTo("2026-02-02T00:00:00Z");
            assertThat(contact.getAsJsonArray("notes").toString()).isEqualTo("[\"Prefers email\"]");
            assertThat(contact.getAsJsonArray("tags").toString()).isEqualTo("[\"vip\"]");

            JsonObject notification = export.getAsJsonArray("notifications").get(0).getAsJsonObject();
            assertThat(notification.get("userId").getAsString()).isEqualTo("u-1");
            assertThat(notification.get("read").getAsBoolean()).isFalse();
            assertThat(notification.get("createdAt").getAsString()).isEqualTo("2026-02-03T00:00:00Z");
        }
    }
}
