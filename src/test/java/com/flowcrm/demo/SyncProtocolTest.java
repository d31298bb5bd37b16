package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.RestCalls.Reply;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The sync protocol on the wire: the change feed, X-Sync-Seq, Idempotency-Key, version and If-Match. */
class SyncProtocolTest extends LoggedInServerTest {
    private static final String NEW_DEAL = "{\"title\":\"Fleet rollout\",\"company\":\"Initech\",\"value\":48000}";

    private long seqOf(String path) {
        return Long.parseLong(rest.get(path, token).header("X-Sync-Seq"));
    }

    private Reply changes(String query, String withToken) {
        return rest.get("/sync/changes?" + query, withToken);
    }

    private static List<JsonObject> list(Reply page) {
        return page.object().getAsJsonArray("changes").asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    // ------------------------------------------------------------ change feed

    @Test
    void theFeedPagesInSeqOrderWithNextAndHasMore() {
        long start = seqOf("/deals");
        assertThat(seqOf("/contacts")).isEqualTo(start);
        assertThat(seqOf("/notifications")).isEqualTo(start);
        server.simulateActivity(25);
        // a GET answers once everything before it is saved: its X-Sync-Seq is the head
        long head = seqOf("/deals");
        assertThat(server.changeLogHead()).isEqualTo(head);

        Reply first = changes("since=" + start + "&limit=10", token);
        assertThat(first.status()).isEqualTo(200);
        List<JsonObject> page = list(first);
        assertThat(page).hasSize(10);
        assertThat(first.object().get("hasMore").getAsBoolean()).isTrue();
        assertThat(first.object().get("next").getAsLong()).isEqualTo(page.get(9).get("seq").getAsLong());
        long previous = start;
        for (JsonObject change : page) {
            assertThat(change.get("seq").getAsLong()).isGreaterThan(previous);
            assertThat(change.keySet()).containsExactlyInAnyOrder("seq", "event", "data");
            previous = change.get("seq").getAsLong();
        }
        Reply rest2 = changes("since=" + first.object().get("next").getAsLong() + "&limit=5000", token);
        assertThat(rest2.object().get("hasMore").getAsBoolean()).isFalse();
        assertThat(rest2.object().get("next").getAsLong()).isEqualTo(head);
        Reply nothing = changes("since=" + head, token);
        assertThat(list(nothing)).isEmpty();
        assertThat(nothing.object().get("next").getAsLong()).isEqualTo(head);
        assertThat(nothing.object().get("hasMore").getAsBoolean()).isFalse();
        Reply defaults = changes("since=" + start, token);
        assertThat(list(defaults)).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void aCursorOutsideTheLogIs410AndBadParametersAre400() {
        long head = server.changeLogHead();
        Reply old = changes("since=0", token);
        assertThat(old.status()).isEqualTo(410);
        assertThat(old.error()).isEqualTo("cursor too old");
        Reply ahead = changes("since=" + (head + 1000), token);
        assertThat(ahead.status()).isEqualTo(410);
        assertThat(ahead.error()).startsWith("cursor too old");
        for (String bad : List.of("since=abc", "since=-1", "", "since=" + head + "&limit=0",
                "since=" + head + "&limit=-5", "since=" + head + "&limit=5001", "since=" + head + "&limit=many")) {
            Reply reply = changes(bad, token);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.error()).as(bad).isNotBlank();
        }
        assertThat(changes("since=" + head, null).status()).isEqualTo(401);
        assertThat(rest.call("POST", "/sync/changes?since=" + head, token, "{}").status()).isEqualTo(405);
    }

    @Test
    void aUsersFeedNeverCarriesAnotherUsersNotifications() throws InterruptedException {
        String managerToken = rest.loginToken(DemoServer.MANAGER_EMAIL);
        String managerId = server.state().userIdByEmail(DemoServer.MANAGER_EMAIL).orElseThrow();
        String demoId = server.state().userIdByEmail(DemoServer.DEMO_EMAIL).orElseThrow();
        EventRecorder demoSocket = new EventRecorder(server.wsUrl(), token);
        assertThat(demoSocket.connectAndWait()).isTrue();
        // the client's open can come before the server has registered the connection: wait for the server's side
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
        long start = server.changeLogHead();
        JsonObject forManager = server.state().addNotification(managerId, JsonParser.parseString(
                "{\"type\":\"task_due\",\"title\":\"Call Initech\",\"message\":\"Today\"}").getAsJsonObject());
        server.state().addNotification(demoId, JsonParser.parseString(
                "{\"type\":\"task_due\",\"title\":\"Call Globex\",\"message\":\"Today\"}").getAsJsonObject());
        rest.call("PATCH", "/notifications/" + forManager.get("id").getAsString() + "/read", managerToken,
                "{\"read\":true}");
        server.state().changeDealStage(server.state().dealIds().get(0), "closed-won");
        long head = seqOf("/deals");

        List<JsonObject> demoFeed = list(changes("since=" + start, token));
        assertThat(demoFeed).extracting(c -> c.get("event").getAsString())
                .containsExactly("notification:new", "deal:stage_changed");
        assertThat(demoFeed.get(0).getAsJsonObject("data").get("userId").getAsString()).isEqualTo(demoId);
        assertThat(changes("since=" + start, token).object().get("next").getAsLong()).isEqualTo(head);
        List<JsonObject> managerFeed = list(changes("since=" + start, managerToken));
        assertThat(managerFeed).extracting(c -> c.get("event").getAsString())
                .containsExactly("notification:new", "notification:updated", "deal:stage_changed");
        assertThat(managerFeed.get(1).getAsJsonObject("data").getAsJsonObject("changes").get("read").getAsBoolean())
                .isTrue();

        // on the socket the same: and prev says what the user could have seen before each frame
        await().atMost(Duration.ofSeconds(5)).until(() -> !demoSocket.events("deal:stage_changed").isEmpty());
        assertThat(demoSocket.messages).extracting(m -> m.get("event").getAsString())
                .containsExactly("notification:new", "deal:stage_changed");
        JsonObject stage = demoSocket.events("deal:stage_changed").get(0);
        assertThat(stage.get("prev").getAsLong()).isEqualTo(demoSocket.events("notification:new").get(0)
                .get("seq").getAsLong());
        assertThat(stage.get("seq").getAsLong()).isGreaterThan(stage.get("prev").getAsLong() + 1);
        demoSocket.closeBlocking();
    }

    @Test
    void aDeletedDealIsInTheFeedAndOnTheSocket() throws InterruptedException {
        EventRecorder socket = new EventRecorder(server.wsUrl(), token);
        assertThat(socket.connectAndWait()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
        long start = server.changeLogHead();
        String id = server.state().dealIds().get(7);
        assertThat(rest.call("DELETE", "/deals/" + id, token, null).status()).isEqualTo(200);
        JsonObject change = list(changes("since=" + start, token)).get(0);
        assertThat(change.get("event").getAsString()).isEqualTo("deal:deleted");
        assertThat(change.getAsJsonObject("data").get("id").getAsString()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> !socket.events("deal:deleted").isEmpty());
        JsonObject frame = socket.events("deal:deleted").get(0);
        assertThat(frame.get("seq")).isEqualTo(change.get("seq"));
        assertThat(frame.get("data")).isEqualTo(change.get("data"));
        socket.closeBlocking();
    }

    // ------------------------------------------------------------ idempotency

    @Test
    void aReplayedPostReturnsTheStoredAnswerAndCreatesNothing() {
        Reply first = rest.call("POST", "/deals", token, NEW_DEAL, Map.of("Idempotency-Key", "k-1"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        int deals = server.state().dealCount();
        long head = server.changeLogHead();
        server.state().updateDeal(first.object().get("id").getAsString(),
                JsonParser.parseString("{\"value\":1}").getAsJsonObject());

        Reply again = rest.call("POST", "/deals", token, NEW_DEAL, Map.of("Idempotency-Key", "k-1"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).as("the answer as it was then").isEqualTo(first.body());
        assertThat(server.state().dealCount()).isEqualTo(deals);
        assertThat(server.changeLogHead()).as("only the update").isEqualTo(head + 1);

        Reply other = rest.call("POST", "/deals", token, NEW_DEAL.replace("48000", "1"), Map.of("Idempotency-Key", "k-1"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.error()).contains("different request");
        Reply otherPath = rest.call("PUT", "/deals/" + first.object().get("id").getAsString(), token, NEW_DEAL,
                Map.of("Idempotency-Key", "k-1"));
        assertThat(otherPath.status()).isEqualTo(422);
        assertThat(server.state().dealCount()).isEqualTo(deals);

        String managerToken = rest.loginToken(DemoServer.MANAGER_EMAIL);
        Reply managers = rest.call("POST", "/deals", managerToken, NEW_DEAL, Map.of("Idempotency-Key", "k-1"));
        assertThat(managers.status()).as("keys are per user").isEqualTo(200);
        assertThat(managers.header("Idempotent-Replayed")).isNull();
        assertThat(server.state().dealCount()).isEqualTo(deals + 1);
    }

    @Test
    void everyWriteMethodReplays() {
        String dealId = server.state().dealIds().get(3);
        String contactId = server.state().contactIds().get(3);
        String notificationId = rest.get("/notifications", token).body().getAsJsonArray().get(0).getAsJsonObject()
                .get("id").getAsString();
        List<String[]> calls = List.of(
                new String[] {"PUT", "/deals/" + dealId, "{\"value\":777}"},
                new String[] {"PATCH", "/deals/" + dealId + "/stage", "{\"stage\":\"negotiation\"}"},
                new String[] {"POST", "/deals/" + dealId + "/activities",
                    "{\"type\":\"call\",\"date\":\"2030-01-01T00:00:00Z\",\"description\":\"Called\"}"},
                new String[] {"PUT", "/contacts/" + contactId, "{\"title\":\"CFO\"}"},
                new String[] {"POST", "/contacts/" + contactId + "/communication",
                    "{\"type\":\"email\",\"date\":\"2030-01-01T00:00:00Z\",\"summary\":\"Sent terms\"}"},
                new String[] {"PATCH", "/notifications/" + notificationId + "/read", "{\"read\":true}"},
                new String[] {"DELETE", "/deals/" + dealId, null});
        int n = 0;
        for (String[] call : calls) {
            Map<String, String> key = Map.of("Idempotency-Key", "write-" + n++);
            Reply first = rest.call(call[0], call[1], token, call[2], key);
            assertThat(first.status()).as(call[0] + " " + call[1]).isEqualTo(200);
            long head = server.changeLogHead();
            Reply again = rest.call(call[0], call[1], token, call[2], key);
            assertThat(again.status()).as("replay of " + call[0] + " " + call[1]).isEqualTo(200);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(server.changeLogHead()).as("nothing changed by " + call[0] + " " + call[1]).isEqualTo(head);
        }
        assertThat(server.state().deal(server.state().dealIds().get(0))).isNotNull();
    }

    @Test
    void aFailedRequestStoresNothingSoItsRetryRuns() {
        Reply bad = rest.call("POST", "/deals", token, "{\"title\":\"x\"}", Map.of("Idempotency-Key", "retry-me"));
        assertThat(bad.status()).isEqualTo(400);
        Reply same = rest.call("POST", "/deals", token, "{\"title\":\"x\"}", Map.of("Idempotency-Key", "retry-me"));
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.header("Idempotent-Replayed")).isNull();
        Reply good = rest.call("POST", "/deals", token, NEW_DEAL, Map.of("Idempotency-Key", "retry-me"));
        assertThat(good.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "with space", "tab\tkey"})
    void anUnusableKeyIs400AndChangesNothing(String key) {
        int deals = server.state().dealCount();
        Reply reply = rest.call("POST", "/deals", token, NEW_DEAL, Map.of("Idempotency-Key", key));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("Idempotency-Key");
        assertThat(server.state().dealCount()).isEqualTo(deals);
    }

    @Test
    void aKeyOver200CharactersIs400AndChangesNothing() {
        int deals = server.state().dealCount();
        long head = server.changeLogHead();
        Reply reply = rest.call("POST", "/deals", token, NEW_DEAL, Map.of("Idempotency-Key", "k".repeat(201)));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("200");
        assertThat(server.state().dealCount()).isEqualTo(deals);
        assertThat(server.changeLogHead()).isEqualTo(head);
        assertThat(rest.call("POST", "/deals", token, NEW_DEAL, Map.of("Idempotency-Key", "k".repeat(200))).status())
                .isEqualTo(200);
    }

    @Test
    void concurrentRequestsWithOneKeyApplyOnce() throws Exception {
        int deals = server.state().dealCount();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Reply>> same = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                same.add(() -> rest.call("POST", "/deals", token, NEW_DEAL, Map.of("Idempotency-Key", "race")));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : pool.invokeAll(same)) {
                replies.add(future.get());
            }
            assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
            Set<String> ids = replies.stream().map(r -> r.object().get("id").getAsString()).collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
            assertThat(replies.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed")))).hasSize(7);
            assertThat(server.state().dealCount()).isEqualTo(deals + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------ versions

    @Test
    void versionsTickOncePerChangeAndShowEverywhere() {
        String id = server.state().dealIds().get(2);
        Reply before = rest.get("/deals/" + id, token);
        long version = before.object().get("version").getAsLong();
        assertThat(before.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(rest.get("/deals", token).body().getAsJsonArray()).allSatisfy(d ->
                assertThat(d.getAsJsonObject().get("version").getAsLong()).isPositive());
        assertThat(rest.get("/contacts", token).body().getAsJsonArray()).allSatisfy(c ->
                assertThat(c.getAsJsonObject().get("version").getAsLong()).isPositive());
        long start = server.changeLogHead();
        Reply updated = rest.call("PUT", "/deals/" + id, token, "{\"value\":1234}");
        assertThat(updated.object().get("version").getAsLong()).isEqualTo(version + 1);
        assertThat(updated.header("ETag")).isEqualTo("\"" + (version + 1) + "\"");
        server.state().changeDealStage(id, before.object().get("stage").getAsString().equals("proposal")
                ? "negotiation" : "proposal");
        List<JsonObject> feed = list(changes("since=" + start, token));
        assertThat(feed).extracting(c -> c.getAsJsonObject("data").get("version").getAsLong())
                .containsExactly(version + 1, version + 2);
        assertThat(rest.get("/deals/" + id, token).object().get("version").getAsLong()).isEqualTo(version + 2);
    }

    @Test
    void aStaleIfMatchIs412WithTheCurrentRecordAndChangesNothing() {
        String id = server.state().dealIds().get(1);
        long version = server.state().deal(id).get("version").getAsLong();
        Reply ok = rest.call("PUT", "/deals/" + id, token, "{\"value\":100}", Map.of("If-Match", "\"" + version + "\""));
        assertThat(ok.status()).isEqualTo(200);
        JsonObject current = server.state().deal(id);
        long head = server.changeLogHead();

        Reply stale = rest.call("PUT", "/deals/" + id, token, "{\"value\":200}", Map.of("If-Match", "\"" + version + "\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.object()).isEqualTo(current);
        assertThat(stale.header("ETag")).isEqualTo("\"" + (version + 1) + "\"");
        Reply staleStage = rest.call("PATCH", "/deals/" + id + "/stage", token, "{\"stage\":\"closed-won\"}",
                Map.of("If-Match", String.valueOf(version)));
        assertThat(staleStage.status()).isEqualTo(412);
        assertThat(rest.call("DELETE", "/deals/" + id, token, null, Map.of("If-Match", "\"" + version + "\"")).status())
                .isEqualTo(412);
        assertThat(server.state().deal(id)).isEqualTo(current);
        assertThat(server.changeLogHead()).isEqualTo(head);

        String contactId = server.state().contactIds().get(1);
        long contactVersion = server.state().contact(contactId).get("version").getAsLong();
        Reply staleContact = rest.call("PUT", "/contacts/" + contactId, token, "{\"title\":\"CFO\"}",
                Map.of("If-Match", "\"" + (contactVersion + 5) + "\""));
        assertThat(staleContact.status()).isEqualTo(412);
        assertThat(staleContact.object().get("version").getAsLong()).isEqualTo(contactVersion);

        assertThat(rest.call("PUT", "/deals/" + id, token, "{\"value\":300}", Map.of("If-Match", "*")).status())
                .isEqualTo(200);
        assertThat(rest.call("PUT", "/deals/" + id, token, "{\"value\":400}").status()).as("no If-Match: last write wins")
                .isEqualTo(200);
        assertThat(rest.call("PUT", "/deals/nope", token, "{\"value\":1}", Map.of("If-Match", "\"1\"")).status())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "\"abc\"", "W/\"1\"", "\"-1\"", "1.5", "\"\"", "1,,2"})
    void anIfMatchThatIsNoVersionIs400AndChangesNothing(String header) {
        String id = server.state().dealIds().get(1);
        JsonObject before = server.state().deal(id);
        Reply reply = rest.call("PUT", "/deals/" + id, token, "{\"value\":5}", Map.of("If-Match", header));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("If-Match");
        assertThat(server.state().deal(id)).isEqualTo(before);
    }

    // ------------------------------------------------------------ gzip

    @Test
    void largeAnswersAreGzippedWhenAskedAndSmallOnesStayPlain() {
        Reply plain = rest.get("/deals", token);
        assertThat(plain.header("Content-Encoding")).isNull();
        Reply zipped = rest.call("GET", "/deals", token, null, Map.of("Accept-Encoding", "gzip"));
        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(zipped.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(zipped.body()).isEqualTo(plain.body());
        assertThat(zipped.header("X-Sync-Seq")).isEqualTo(plain.header("X-Sync-Seq"));
        Reply refused = rest.call("GET", "/deals", token, null, Map.of("Accept-Encoding", "gzip;q=0, identity"));
        assertThat(refused.header("Content-Encoding")).isNull();
        Reply small = rest.call("GET", "/notifications/unread-count", token, null, Map.of("Accept-Encoding", "gzip"));
        assertThat(small.header("Content-Encoding")).isNull();
        assertThat(small.object().get("count").getAsInt()).isPositive();
        Reply feed = rest.call("GET", "/sync/changes?since=" + server.changeLogHead(), token, null,
                Map.of("Accept-Encoding", "br, gzip"));
        assertThat(feed.status()).isEqualTo(200);
    }
}
