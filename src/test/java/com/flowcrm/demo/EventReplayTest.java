package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that applies the events to a REST snapshot, as the spec says, ends with the server's state: the live
 * events of the socket, and the change feed of {@code /sync/changes} from the cursor its snapshots gave.
 */
class EventReplayTest extends LoggedInServerTest {

    @Test
    void replayingTheEventsOnASnapshotGivesTheServerState() throws InterruptedException {
        EventRecorder client = new EventRecorder(server.wsUrl(), token);
        assertThat(client.connectAndWait()).isTrue();
        StateReplica replica = new StateReplica(rest.get("/deals", token).body(), rest.get("/contacts", token).body(),
                false);

        server.simulateActivity(400);
        String dealId = server.state().dealIds().get(2);
        rest.call("PATCH", "/deals/" + dealId + "/stage", token, "{\"stage\":\"closed-lost\"}");
        rest.call("POST", "/contacts/" + server.state().contactIds().get(2) + "/communication", token,
                "{\"type\":\"email\",\"date\":\"2031-01-01T00:00:00Z\",\"summary\":\"Sent terms\"}");
        rest.call("DELETE", "/deals/" + server.state().dealIds().get(4), token, null);
        server.broadcast("test:marker", Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.events("test:marker").isEmpty());

        long lastSeq = 0;
        for (JsonObject envelope : client.messages) {
            String event = envelope.get("event").getAsString();
            if (event.equals("test:marker")) {
                assertThat(envelope.has("seq")).as("a synthetic broadcast is no change").isFalse();
                continue;
            }
            long seq = envelope.get("seq").getAsLong();
            assertThat(seq).as("frames in seq order").isGreaterThan(lastSeq);
            assertThat(envelope.get("prev").getAsLong()).as("prev is an earlier change").isLessThan(seq);
            lastSeq = seq;
            replica.apply(event, envelope.getAsJsonObject("data"));
        }

        assertThat(replica.deals).isEqualTo(StateReplica.byId(rest.get("/deals", token).body()));
        assertThat(replica.contacts).isEqualTo(StateReplica.byId(rest.get("/contacts", token).body()));
        client.closeBlocking();
    }

    @Test
    void replayingTheChangeFeedFromTheSnapshotCursorGivesTheServerState() throws InterruptedException {
        EventRecorder client = new EventRecorder(server.wsUrl(), token);
        assertThat(client.connectAndWait()).isTrue();
        server.simulateActivity(50);
        RestCalls.Reply dealSnapshot = rest.get("/deals", token);
        server.simulateActivity(50);
        // the two lists reflect different moments: the client resumes from the older one, versions skip the rest
        RestCalls.Reply contactSnapshot = rest.get("/contacts", token);
        long cursor = Math.min(Long.parseLong(dealSnapshot.header("X-Sync-Seq")),
                Long.parseLong(contactSnapshot.header("X-Sync-Seq")));
        assertThat(Long.parseLong(contactSnapshot.header("X-Sync-Seq")))
                .isGreaterThan(Long.parseLong(dealSnapshot.header("X-Sync-Seq")));
        StateReplica replica = new StateReplica(dealSnapshot.body(), contactSnapshot.body(), true);

        server.simulateActivity(300);
        String silentDeal = server.state().dealIds().get(1);
        boolean lost = server.state().deal(silentDeal).get("stage").getAsString().equals("closed-lost");
        server.state().silent().changeDealStage(silentDeal, lost ? "prospect" : "closed-lost");
        rest.call("DELETE", "/deals/" + server.state().dealIds().get(3), token, null);
        rest.call("PUT", "/contacts/" + server.state().contactIds().get(1), token, "{\"healthScore\":12}");

        List<JsonObject> feed = new ArrayList<>();
        boolean more = true;
        int pages = 0;
        while (more) {
            RestCalls.Reply page = rest.get("/sync/changes?since=" + cursor + "&limit=97", token);
            assertThat(page.status()).isEqualTo(200);
            for (JsonElement change : page.object().getAsJsonArray("changes")) {
                JsonObject c = change.getAsJsonObject();
                assertThat(c.get("seq").getAsLong()).isGreaterThan(cursor);
                replica.apply(c.get("event").getAsString(), c.getAsJsonObject("data"));
                feed.add(c);
            }
            cursor = page.object().get("next").getAsLong();
            more = page.object().get("hasMore").getAsBoolean();
            pages++;
        }

        assertThat(pages).isGreaterThan(3);
        assertThat(replica.skipped).as("changes the contacts snapshot already had").isPositive();
        assertThat(replica.deals).isEqualTo(StateReplica.byId(rest.get("/deals", token).body()));
        assertThat(replica.contacts).isEqualTo(StateReplica.byId(rest.get("/contacts", token).body()));
        assertThat(cursor).isEqualTo(server.changeLogHead());
        assertThat(feed).extracting(c -> c.get("event").getAsString()).contains("deal:deleted");

        // the feed and the socket carry the same changes, with the same seq, event and data
        server.broadcast("test:marker", Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.events("test:marker").isEmpty());
        for (JsonObject change : feed) {
            long seq = change.get("seq").getAsLong();
            client.messages.stream().filter(m -> m.has("seq") && m.get("seq").getAsLong() == seq).findFirst()
                    .ifPresent(frame -> {
                        assertThat(frame.get("event")).isEqualTo(change.get("event"));
                        assertThat(frame.get("data")).isEqualTo(change.get("data"));
                    });
        }
        long silentSeqs = feed.stream().filter(c -> client.messages.stream()
                .noneMatch(m -> m.has("seq") && m.get("seq").equals(c.get("seq")))).count();
        assertThat(silentSeqs).as("only the silent change is in the feed but not on the socket").isEqualTo(1);
        assertThat(JsonParser.parseString(server.state().deal(server.state().dealIds().get(0)).toString())
                .getAsJsonObject().get("version").getAsLong()).isPositive();
        client.closeBlocking();
    }
}
