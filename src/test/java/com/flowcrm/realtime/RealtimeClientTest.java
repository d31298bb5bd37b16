package com.flowcrm.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The client against a real Java-WebSocket server on 127.0.0.1, with delays shortened to milliseconds. */
class RealtimeClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final AtomicInteger authFailures = new AtomicInteger();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private static RealtimeSettings fast() {
        return RealtimeSettings.defaults()
                .withBackoff(Duration.ofMillis(20), 8)
                .withJitter(0, () -> 0)
                .withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(2))
                .withConnectTimeout(Duration.ofMillis(500));
    }

    private RealtimeClient client(RealtimeSettings settings) {
        RealtimeClient client = new RealtimeClient(settings);
        client.setResyncListener(resyncs::incrementAndGet);
        client.setAuthFailureListener(authFailures::incrementAndGet);
        cleanup.add(client);
        return client;
    }

    private TestSocketServer server() {
        TestSocketServer server = TestSocketServer.launch();
        cleanup.add(server::stopNow);
        return server;
    }

    private static void awaitState(RealtimeClient client, ConnectionState state) {
        await().atMost(WAIT).until(() -> client.status().state() == state);
    }

    private RealtimeClient connectedClient(TestSocketServer server) {
        RealtimeClient client = client(fast());
        client.connect(server.url(), "t");
        awaitOpen(client, server);
        return client;
    }

    /** Both ends open: the client may read the 101 before the server has registered the connection. */
    private static void awaitOpen(RealtimeClient client, TestSocketServer server) {
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED
                && !server.getConnections().isEmpty());
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void tokenTravelsUrlEncodedInTheQueryAndNeverReachesTheLog() {
        Logger logger = (Logger) LoggerFactory.getLogger("com.flowcrm.realtime");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        // every level, whatever logback-test.xml says: a token must not leak even into DEBUG lines
        Level levelBefore = logger.getLevel();
        logger.setLevel(Level.ALL);
        cleanup.add(() -> {
            logger.detachAppender(appender);
            logger.setLevel(levelBefore);
        });
        TestSocketServer server = server();
        RealtimeClient client = client(fast());
        String token = "eyJhbGciOiJIUzI1NiJ9.e30.sig+with/odd=chars";

        client.connect(server.url(), token);

        awaitState(client, ConnectionState.CONNECTED);
        assertThat(server.handshakePaths).containsExactly(
                "/?token=eyJhbGciOiJIUzI1NiJ9.e30.sig%2Bwith%2Fodd%3Dchars");
        assertThat(client.status().redactedUrl()).isEqualTo(server.url() + "?token=***");
        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain("eyJhbGciOiJIUzI1NiJ9").doesNotContain("sig%2Bwith"));
    }

    @Test
    void envelopeTravelsBothWays() throws Exception {
        TestSocketServer server = server();
        RealtimeClient client = connectedClient(server);
        List<JsonElement> deals = new CopyOnWriteArrayList<>();
        List<Long> receivedAt = new CopyOnWriteArrayList<>();
        client.on("deal:created", (event, data, nanos) -> {
            deals.add(data);
            receivedAt.add(nanos);
        });

        client.send("deal:subscribe", Map.of("dealId", "123"));
        server.sendToAll("{\"event\":\"deal:created\",\"data\":{\"id\":\"d1\",\"value\":12500}}");

        assertThat(json(server.nextReceived())).isEqualTo(
                json("{\"event\":\"deal:subscribe\",\"data\":{\"dealId\":\"123\"}}"));
        await().atMost(WAIT).until(() -> deals.size() == 1);
        assertThat(deals.get(0)).isEqualTo(json("{\"id\":\"d1\",\"value\":12500}"));
        assertThat(receivedAt.get(0)).isPositive();
        assertThat(client.status().traffic().lastMessageAt()).isNotNull();
        assertThat(client.status().badInput().unknownEvents()).isZero();
    }

    @Test
    void offRemovesOnlyThatHandlerAndAnEventWithoutHandlersIsCountedAsUnknown() {
        TestSocketServer server = server();
        RealtimeClient client = connectedClient(server);
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        RealtimeEventHandler firstHandler = (event, data, nanos) -> first.incrementAndGet();
        RealtimeEventHandler secondHandler = (event, data, nanos) -> second.incrementAndGet();
        client.on("notification:new", firstHandler);
        client.on("notification:new", secondHandler);

        server.sendToAll("{\"event\":\"notification:new\",\"data\":{}}");
        await().atMost(WAIT).until(() -> first.get() == 1 && second.get() == 1);
        client.off("notification:new", firstHandler);
        server.sendToAll("{\"event\":\"notification:new\",\"data\":{}}");
        await().atMost(WAIT).until(() -> second.get() == 2);
        client.off("notification:new", secondHandler);
        server.sendToAll("{\"event\":\"notification:new\",\"data\":{}}");

        await().atMost(WAIT).until(() -> client.status().badInput().unknownEvents() == 1);
        assertThat(first).hasValue(1);
        assertThat(second).hasValue(2);
    }

    @Test
    void connectWhileConnectingOrConnectedOpensOneSocket() throws Exception {
        TestSocketServer server = server();
        RealtimeClient client = client(fast());
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        client.addStatusListener(status -> {
            if (states.isEmpty() || states.get(states.size() - 1) != status.state()) {
                states.add(status.state());
            }
        });
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(Thread.ofPlatform().start(() -> client.connect(server.url(), "t")));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        awaitState(client, ConnectionState.CONNECTED);
        client.connect(server.url(), "t");

        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> server.handshakes.get() == 1);
        assertThat(client.status().traffic().connects()).isEqualTo(1);
        assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
    }

    @Test
    void serverKilledAndRestartedReconnectsResyncsAndResendsSubscriptionsBeforeQueuedMessages() throws Exception {
        TestSocketServer server = TestSocketServer.launch();
        int port = server.getPort();
        RealtimeClient client = connectedClient(server);
        client.subscribe("deal", Map.of("dealId", "123"));
        client.subscribe("contact:subscribe", Map.of("contactId", "c9"));
        client.unsubscribe("contact", Map.of("contactId", "c9"));
        assertThat(List.of(server.nextReceived(), server.nextReceived(), server.nextReceived())).containsExactly(
                "{\"event\":\"deal:subscribe\",\"data\":{\"dealId\":\"123\"}}",
                "{\"event\":\"contact:subscribe\",\"data\":{\"contactId\":\"c9\"}}",
                "{\"event\":\"contact:unsubscribe\",\"data\":{\"contactId\":\"c9\"}}");

        server.stopNow();
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.RECONNECTING);
        client.send("note:queued", Map.of("n", 1));
        await().atMost(WAIT).until(() -> client.status().traffic().queuedOutgoing() == 1);
        assertThat(resyncs).hasValue(0);
        TestSocketServer restarted = TestSocketServer.launch(port);
        cleanup.add(restarted::stopNow);

        awaitState(client, ConnectionState.CONNECTED);
        assertThat(List.of(restarted.nextReceived(), restarted.nextReceived())).containsExactly(
                "{\"event\":\"deal:subscribe\",\"data\":{\"dealId\":\"123\"}}",
                "{\"event\":\"note:queued\",\"data\":{\"n\":1}}");
        await().atMost(WAIT).until(() -> resyncs.get() == 1);
        RealtimeStatus status = client.status();
        assertThat(status.traffic().connects()).isEqualTo(2);
        assertThat(status.traffic().reconnects()).isEqualTo(1);
        assertThat(status.traffic().queuedOutgoing()).isZero();
    }

    @Test
    void serverThatStopsAnsweringPingsIsDetectedAndReconnected() {
        TestSocketServer server = server();
        server.answerPings = false;
        RealtimeClient client = client(fast().withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(300)));
        client.connect(server.url(), "t");
        awaitOpen(client, server);

        await().atMost(WAIT).until(() -> resyncs.get() >= 1 && client.status().traffic().reconnects() >= 1);
        assertThat(server.pings.get()).isGreaterThanOrEqualTo(4);
        assertThat(server.opens.get()).isGreaterThanOrEqualTo(2);
        assertThat(client.status().lastError()).contains("no frame from the server");
    }

    @Test
    void answeredPingsKeepTheConnectionAlive() {
        TestSocketServer server = server();
        RealtimeClient client = client(fast().withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(600)));
        client.connect(server.url(), "t");
        awaitOpen(client, server);

        await().during(Duration.ofMillis(1500)).atMost(WAIT)
                .until(() -> client.status().state() == ConnectionState.CONNECTED);
        assertThat(server.pings.get()).isGreaterThanOrEqualTo(15);
        assertThat(client.status().traffic().connects()).isEqualTo(1);
    }

    @Test
    void handshakeRefusedWith401AsksForOneFreshTokenThenGivesUpWithoutARetryStorm() throws IOException {
        RawHttpServer refusing = RawHttpServer.refusing(401, "Unauthorized");
        cleanup.add(refusing);
        RealtimeClient client = client(fast());
        AtomicInteger refreshes = new AtomicInteger();
        client.setTokenRefresher(() -> {
            refreshes.incrementAndGet();
            return CompletableFuture.completedFuture("fresh-token");
        });

        client.connect(refusing.url(), "stale-token");

        await().atMost(WAIT).until(() -> authFailures.get() == 1);
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> refusing.requests() == 2);
        assertThat(refusing.requestLines.get(0)).contains("token=stale-token");
        assertThat(refusing.requestLines.get(1)).contains("token=fresh-token");
        assertThat(refreshes).hasValue(1);
        assertThat(authFailures).hasValue(1);
        RealtimeStatus status = client.status();
        assertThat(status.state()).isEqualTo(ConnectionState.AUTH_REQUIRED);
        assertThat(status.retry().nextRetryAt()).isNull();
        assertThat(status.lastError()).contains("1002").contains("401");
    }

    @Test
    void handshakeRefusedWith403WithoutRefresherEndsTheSessionAtOnce() throws IOException {
        RawHttpServer refusing = RawHttpServer.refusing(403, "Forbidden");
        cleanup.add(refusing);
        RealtimeClient client = client(fast());

        client.connect(refusing.url(), "t");

        await().atMost(WAIT).until(() -> authFailures.get() == 1);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> refusing.requests() == 1);
        assertThat(client.status().state()).isEqualTo(ConnectionState.AUTH_REQUIRED);
    }

    @Test
    void close4001RefreshesTheTokenAndConnectsWithIt() {
        TestSocketServer server = server();
        server.requiredToken = "fresh";
        RealtimeClient client = client(fast());
        AtomicInteger refreshes = new AtomicInteger();
        client.setTokenRefresher(() -> {
            refreshes.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> "fresh");
        });

        client.connect(server.url(), "expired");

        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED
                && server.handshakes.get() == 2);
        await().during(Duration.ofMillis(200)).atMost(WAIT)
                .until(() -> client.status().state() == ConnectionState.CONNECTED);
        assertThat(server.handshakePaths.get(1)).isEqualTo("/?token=fresh");
        assertThat(refreshes).hasValue(1);
        assertThat(authFailures).hasValue(0);
    }

    @Test
    void failedTokenRefreshCallsTheAuthFailureListenerAndStaysInAuthRequired() {
        TestSocketServer server = server();
        server.requiredToken = "fresh";
        RealtimeClient client = client(fast());
        client.setTokenRefresher(() -> CompletableFuture.failedFuture(new IllegalStateException("refresh 401")));

        client.connect(server.url(), "expired");

        await().atMost(WAIT).until(() -> authFailures.get() == 1);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> server.handshakes.get() == 1);
        assertThat(client.status().state()).isEqualTo(ConnectionState.AUTH_REQUIRED);
        assertThat(client.status().lastError()).contains("refresh 401");
    }

    @Test
    void messagesSentWhileDisconnectedAreFlushedInOrderAfterTheConnect() throws Exception {
        TestSocketServer server = server();
        RealtimeClient client = client(fast());
        for (int i = 1; i <= 3; i++) {
            client.send("note:add", Map.of("n", i));
        }
        await().atMost(WAIT).until(() -> client.status().traffic().queuedOutgoing() == 3);

        client.connect(server.url(), "t");

        assertThat(List.of(server.nextReceived(), server.nextReceived(), server.nextReceived())).containsExactly(
                "{\"event\":\"note:add\",\"data\":{\"n\":1}}",
                "{\"event\":\"note:add\",\"data\":{\"n\":2}}",
                "{\"event\":\"note:add\",\"data\":{\"n\":3}}");
        await().atMost(WAIT).until(() -> client.status().traffic().queuedOutgoing() == 0);
    }

    @Test
    void fullQueueDropsTheOldestMessageAndCountsIt() throws Exception {
        TestSocketServer server = server();
        RealtimeClient client = client(fast().withLimits(3, 1024 * 1024));
        CompletableFuture<JsonObject> droppedRequest = client.request("deal:update", Map.of("n", 0), WAIT);
        for (int i = 1; i <= 4; i++) {
            client.send("note:add", Map.of("n", i));
        }

        await().atMost(WAIT).until(() -> client.status().traffic().droppedOutgoing() == 2);
        assertThat(client.status().traffic().queuedOutgoing()).isEqualTo(3);
        assertThatThrownBy(() -> droppedRequest.get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("outgoing queue full");
        client.connect(server.url(), "t");
        assertThat(List.of(server.nextReceived(), server.nextReceived(), server.nextReceived())).containsExactly(
                "{\"event\":\"note:add\",\"data\":{\"n\":2}}",
                "{\"event\":\"note:add\",\"data\":{\"n\":3}}",
                "{\"event\":\"note:add\",\"data\":{\"n\":4}}");
    }

    @Test
    void requestIsCompletedByTheAckWithTheSameId() throws Exception {
        TestSocketServer server = server();
        RealtimeClient client = connectedClient(server);

        JsonObject ack = client.request("deal:update", Map.of("id", "d1"), WAIT).get(5, TimeUnit.SECONDS);

        JsonObject sent = json(server.nextReceived());
        assertThat(sent.get("event").getAsString()).isEqualTo("deal:update");
        assertThat(sent.get("data")).isEqualTo(json("{\"id\":\"d1\"}"));
        assertThat(ack.get("id")).isEqualTo(sent.get("id"));
        assertThat(ack.get("ok").getAsBoolean()).isTrue();
    }

    @Test
    void requestWithoutAckTimesOutWithAClearMessage() {
        TestSocketServer server = server();
        server.ackRequests = false;
        RealtimeClient client = connectedClient(server);

        CompletableFuture<JsonObject> reply = client.request("deal:update", Map.of("id", "d1"),
                Duration.ofMillis(150));

        assertThatThrownBy(() -> reply.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class)
                .hasMessageContaining("no ack for 'deal:update'").hasMessageContaining("within 150 ms");
    }

    @Test
    void hostileFramesAreCountedAndChangeNothing() {
        TestSocketServer server = server();
        RealtimeClient client = connectedClient(server);
        List<JsonElement> delivered = new CopyOnWriteArrayList<>();
        client.on("deal:created", (event, data, nanos) -> delivered.add(data));

        for (String hostile : List.of("not json", "{\"event\":", "{event:'deal:created'}", "[1,2]", "{}",
                "{\"data\":{\"id\":\"x\"}}", "{\"event\":42}", "\"deal:created\"", "{\"event\":\"nobody:listens\"}",
                "{\"event\":\"ack\",\"data\":{}}")) {
            server.sendToAll(hostile);
        }
        server.sendBinaryToAll("{\"event\":\"deal:created\"}".getBytes(StandardCharsets.UTF_8));
        server.sendToAll("{\"event\":\"deal:created\",\"data\":{\"id\":\"d1\"}}");

        await().atMost(WAIT).until(() -> delivered.size() == 1);
        assertThat(delivered).containsExactly(json("{\"id\":\"d1\"}"));
        RealtimeStatus status = client.status();
        assertThat(status.badInput().nonJsonFrames()).isEqualTo(3);
        assertThat(status.badInput().eventlessFrames()).isEqualTo(6);
        assertThat(status.badInput().binaryFrames()).isEqualTo(1);
        assertThat(status.badInput().malformedFrames()).isEqualTo(10);
        assertThat(status.badInput().unknownEvents()).isEqualTo(1);
        assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.traffic().connects()).isEqualTo(1);
        assertThat(server.closeCodes).isEmpty();
    }

    @Test
    void failingHandlerIsCountedAndLaterEventsStillArrive() {
        TestSocketServer server = server();
        RealtimeClient client = connectedClient(server);
        AtomicInteger calls = new AtomicInteger();
        client.on("deal:updated", (event, data, nanos) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("bug in a store");
            }
        });

        server.sendToAll("{\"event\":\"deal:updated\",\"data\":{}}");
        server.sendToAll("{\"event\":\"deal:updated\",\"data\":{}}");

        await().atMost(WAIT).until(() -> calls.get() == 2);
        assertThat(client.status().badInput().handlerFailures()).isEqualTo(1);
        assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void frameOverOneMebibyteClosesWith1009ThenReconnectsAndResyncs() throws Exception {
        TestSocketServer server = server();
        RealtimeClient client = connectedClient(server);

        server.sendToAll("{\"event\":\"x\",\"data\":\"" + "a".repeat(1024 * 1024) + "\"}");

        // The server is still writing when the client hangs up, so its side may see a reset (1006) instead.
        assertThat(server.closeCodes.poll(5, TimeUnit.SECONDS)).isIn(CloseFrame.TOOBIG, CloseFrame.ABNORMAL_CLOSE);
        await().atMost(WAIT).until(() -> resyncs.get() == 1);
        awaitState(client, ConnectionState.CONNECTED);
        assertThat(client.status().lastError()).startsWith("closed by client with code 1009");
        assertThat(client.status().badInput().oversizedFrames()).isEqualTo(1);
        assertThat(client.status().traffic().reconnects()).isEqualTo(1);
    }

    @Test
    void wssSpeaksTlsSoAPlainServerIsNeverReachedInClearText() {
        TestSocketServer plain = server();
        RealtimeClient client = client(fast());

        client.connect(java.net.URI.create("wss://127.0.0.1:" + plain.getPort()), "t");

        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.RECONNECTING);
        assertThat(plain.handshakes).hasValue(0);
        assertThat(client.status().redactedUrl()).startsWith("wss://");
    }

    @Test
    void handshakeThatNeverCompletesFailsAfterTheConnectTimeout() throws IOException {
        RawHttpServer silent = new RawHttpServer(null);
        cleanup.add(silent);
        RealtimeClient client = client(fast().withConnectTimeout(Duration.ofMillis(200)));

        client.connect(silent.url(), "t");

        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.RECONNECTING
                && client.status().lastError() != null
                && client.status().lastError().contains("connect timed out after 200 ms"));
    }

    @Test
    void disconnectClosesNormallyDiscardsTheQueueFailsRequestsAndNeverReconnects() throws Exception {
        TestSocketServer server = server();
        server.ackRequests = false;
        RealtimeClient client = connectedClient(server);
        CompletableFuture<JsonObject> pending = client.request("deal:update", Map.of(), WAIT);

        client.disconnect();

        assertThat(server.closeCodes.poll(5, TimeUnit.SECONDS)).isEqualTo(CloseFrame.NORMAL);
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        client.send("note:add", Map.of());
        await().atMost(WAIT).until(() -> client.status().traffic().queuedOutgoing() == 1);
        client.disconnect();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> server.handshakes.get() == 1
                && client.status().state() == ConnectionState.DISCONNECTED
                && client.status().traffic().queuedOutgoing() == 0);
        assertThat(resyncs).hasValue(0);
    }
}
