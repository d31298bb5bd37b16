package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.RestCalls.Reply;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo-server --data DIR} as its own process, killed with SIGKILL and started again on the same files: the
 * data, the signing key, the sessions, the change log and the idempotency records are all still there.
 */
class DemoServerRestartTest {
    @TempDir
    Path temp;

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    @Test
    void aKilledServerComesBackWithItsDataKeySequenceSessionsAndStoredAnswers() throws Exception {
        Path data = temp.resolve("data");
        String token;
        String refreshToken;
        String createdBody = "{\"title\":\"Fleet rollout\",\"company\":\"Initech\",\"value\":48000}";
        Reply created;
        JsonObject updated;
        long snapshotSeq;
        long headBefore;
        String deletedId;
        int dealsBefore;
        try (ChildDemoServer first = ChildDemoServer.start(data, temp, "--deals", "30", "--contacts", "20",
                "--no-simulator"); RestCalls rest = new RestCalls(first.apiUrl)) {
            assertThat(first.startOutput()).anyMatch(line -> line.contains("Data: new in " + data));
            JsonObject login = rest.login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD);
            token = login.get("token").getAsString();
            refreshToken = login.get("refreshToken").getAsString();
            Reply deals = rest.get("/deals", token);
            snapshotSeq = Long.parseLong(deals.header("X-Sync-Seq"));
            deletedId = deals.body().getAsJsonArray().get(5).getAsJsonObject().get("id").getAsString();

            created = rest.call("POST", "/deals", token, createdBody, key("create-1"));
            assertThat(created.status()).isEqualTo(200);
            String id = created.object().get("id").getAsString();
            updated = rest.call("PUT", "/deals/" + id, token, "{\"value\":51000}", Map.of("If-Match", "\"1\"")).object();
            assertThat(updated.get("version").getAsLong()).isEqualTo(2);
            assertThat(rest.call("DELETE", "/deals/" + deletedId, token, null).status()).isEqualTo(200);
            Reply after = rest.get("/deals", token);
            headBefore = Long.parseLong(after.header("X-Sync-Seq"));
            dealsBefore = after.body().getAsJsonArray().size();
            assertThat(headBefore).isEqualTo(snapshotSeq + 3);

            first.kill9();
        }

        try (ChildDemoServer second = ChildDemoServer.start(data, temp, "--deals", "500", "--no-simulator");
                RestCalls rest = new RestCalls(second.apiUrl)) {
            assertThat(second.startOutput()).anyMatch(line -> line.contains("Data: loaded from " + data)
                    && line.contains("only shape a new directory"));
            assertThat(rest.get("/auth/me", token).status()).as("a token from before the restart").isEqualTo(200);
            Reply deals = rest.get("/deals", token);
            assertThat(deals.body().getAsJsonArray()).hasSize(dealsBefore);
            assertThat(Long.parseLong(deals.header("X-Sync-Seq"))).isEqualTo(headBefore);
            String id = created.object().get("id").getAsString();
            assertThat(rest.get("/deals/" + id, token).object()).isEqualTo(updated);
            assertThat(rest.get("/deals/" + deletedId, token).status()).isEqualTo(404);

            Reply replayed = rest.call("POST", "/deals", token, createdBody, key("create-1"));
            assertThat(replayed.status()).isEqualTo(200);
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replayed.body()).isEqualTo(created.body());
            assertThat(rest.call("POST", "/deals", token, "{\"title\":\"Other\",\"company\":\"Initech\",\"value\":1}",
                    key("create-1")).status()).isEqualTo(422);
            assertThat(rest.get("/deals", token).body().getAsJsonArray()).as("nothing created").hasSize(dealsBefore);

            Reply feed = rest.get("/sync/changes?since=" + snapshotSeq, token);
            assertThat(feed.status()).isEqualTo(200);
            List<String> events = feed.object().getAsJsonArray("changes").asList().stream()
                    .map(c -> c.getAsJsonObject().get("event").getAsString()).toList();
            assertThat(events).containsExactly("deal:created", "deal:updated", "deal:deleted");
            assertThat(feed.object().get("next").getAsLong()).isEqualTo(headBefore);

            Reply stage = rest.call("PATCH", "/deals/" + id + "/stage", token, "{\"stage\":\"proposal\"}");
            assertThat(stage.object().get("version").getAsLong()).isEqualTo(3);
            assertThat(Long.parseLong(rest.get("/deals", token).header("X-Sync-Seq")))
                    .as("the sequence goes on where it stopped").isEqualTo(headBefore + 1);
            Reply refreshed = rest.call("POST", "/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
            assertThat(refreshed.status()).as("a refresh token from before the restart").isEqualTo(200);
        }
    }

    @Test
    void nothingAClientWasToldIsLostWhenTheServerIsKilledInTheMiddleOfABurst() throws Exception {
        Path data = temp.resolve("busy");
        Map<Long, JsonObject> seen = new HashMap<>();
        String token;
        try (ChildDemoServer first = ChildDemoServer.start(data, temp, "--deals", "200", "--contacts", "100",
                "--events-per-second", "400"); RestCalls rest = new RestCalls(first.apiUrl)) {
            token = rest.loginToken(DemoServer.DEMO_EMAIL);
            EventRecorder client = new EventRecorder(first.wsUrl, token);
            assertThat(client.connectAndWait()).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.messages.size() > 300);
            first.kill9();
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.isOpen());
            client.messages.forEach(m -> seen.put(m.get("seq").getAsLong(), m));
        }
        long maxSeen = seen.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        long minSeen = seen.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();

        try (ChildDemoServer second = ChildDemoServer.start(data, temp, "--no-simulator");
                RestCalls rest = new RestCalls(second.apiUrl)) {
            Map<Long, JsonObject> logged = new HashMap<>();
            long cursor = minSeen - 1;
            boolean more = true;
            while (more) {
                Reply page = rest.get("/sync/changes?since=" + cursor + "&limit=5000", token);
                assertThat(page.status()).isEqualTo(200);
                for (JsonElement change : page.object().getAsJsonArray("changes")) {
                    logged.put(change.getAsJsonObject().get("seq").getAsLong(), change.getAsJsonObject());
                }
                cursor = page.object().get("next").getAsLong();
                more = page.object().get("hasMore").getAsBoolean();
            }
            assertThat(cursor).as("every change a client saw was saved before it was sent").isGreaterThanOrEqualTo(maxSeen);
            seen.forEach((seq, frame) -> {
                assertThat(logged).containsKey(seq);
                assertThat(logged.get(seq).get("event")).isEqualTo(frame.get("event"));
                assertThat(logged.get(seq).get("data")).isEqualTo(frame.get("data"));
            });
        }
    }
}
