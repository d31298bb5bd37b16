package com.flowcrm.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product's real timings (1 s backoff, 60 s offline retry, 15/30 s heartbeat, 10 s connect timeout) on
 * virtual time: sockets are real, every timer runs only when the test advances the clock.
 */
class RealtimeBackoffTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final AtomicInteger authFailures = new AtomicInteger();
    private RealtimeClient client;

    @BeforeEach
    void createClient() {
        // random() = 0.5 with 20% jitter stretches every delay by exactly 10%.
        RealtimeSettings settings = RealtimeSettings.defaults()
                .withTime(scheduler.clock(), () -> scheduler)
                .withJitter(0.2, () -> 0.5);
        useClient(settings);
    }

    /** Replaces the client (one that never connected holds nothing; closing it would stop the shared scheduler). */
    private void useClient(RealtimeSettings settings) {
        client = new RealtimeClient(settings);
        client.setResyncListener(resyncs::incrementAndGet);
        client.setAuthFailureListener(authFailures::incrementAndGet);
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        scheduler.runDue();
        for (AutoCloseable closeable : cleanup) {
            closeable.close();
        }
    }

    /** Runs the loop's due tasks until the socket threads have delivered what the condition waits for. */
    private void settle(Predicate<RealtimeStatus> condition) {
        scheduler.settle(() -> condition.test(client.status()));
    }

    private TestSocketServer server() {
        TestSocketServer server = TestSocketServer.launch();
        cleanup.add(server::stopNow);
        return server;
    }

    @Test
    void backoffDoublesWithJitterGivesUpToOfflineRetriesSlowlyAndOnRequestAndResetsWhenStable() {
        TestSocketServer server = server();
        server.acceptHandshakes = false;

        client.connect(server.url(), "t");
        settle(s -> s.state() == ConnectionState.RECONNECTING && s.retry().nextRetryAt() != null);

        for (int attempt = 1; attempt <= 5; attempt++) {
            RealtimeStatus waiting = client.status();
            Duration expected = Duration.ofMillis(1100L << (attempt - 1));
            assertThat(waiting.state()).isEqualTo(ConnectionState.RECONNECTING);
            assertThat(waiting.retry().attempt()).isEqualTo(attempt);
            assertThat(waiting.retry().maxAttempts()).isEqualTo(5);
            assertThat(Duration.between(scheduler.now(), waiting.retry().nextRetryAt())).isEqualTo(expected);
            assertThat(waiting.lastError()).contains("Invalid status code received: 404");

            scheduler.advance(expected.minusMillis(1));
            assertThat(client.status().retry().nextRetryAt()).isEqualTo(waiting.retry().nextRetryAt());
            int handshakes = server.handshakes.get();
            scheduler.advance(Duration.ofMillis(1));
            settle(s -> server.handshakes.get() == handshakes + 1 && s.retry().nextRetryAt() != null);
        }

        RealtimeStatus offline = client.status();
        assertThat(offline.state()).isEqualTo(ConnectionState.OFFLINE);
        assertThat(offline.retry().attempt()).isEqualTo(5);
        assertThat(Duration.between(scheduler.now(), offline.retry().nextRetryAt())).isEqualTo(Duration.ofSeconds(66));
        assertThat(server.handshakes).hasValue(6);

        scheduler.advance(Duration.ofSeconds(66));
        settle(s -> server.handshakes.get() == 7 && s.state() == ConnectionState.OFFLINE && s.retry().nextRetryAt() != null);
        assertThat(Duration.between(scheduler.now(), client.status().retry().nextRetryAt())).isEqualTo(Duration.ofSeconds(66));

        server.acceptHandshakes = true;
        client.retryNow();
        settle(s -> s.state() == ConnectionState.CONNECTED);
        assertThat(client.status().traffic().connects()).isEqualTo(1);
        assertThat(client.status().traffic().reconnects()).isZero();
        assertThat(resyncs).hasValue(0);

        scheduler.advance(Duration.ofMillis(9_999));
        assertThat(client.status().retry().attempt()).isEqualTo(5);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(client.status().retry().attempt()).isZero();

        // The client may read the 101 before the server has registered the connection.
        await().atMost(Duration.ofSeconds(5)).until(() -> server.getConnections().size() == 1);
        server.dropAll(1001);
        settle(s -> s.state() == ConnectionState.RECONNECTING && s.retry().nextRetryAt() != null);
        assertThat(client.status().retry().attempt()).isEqualTo(1);
        assertThat(Duration.between(scheduler.now(), client.status().retry().nextRetryAt()))
                .isEqualTo(Duration.ofMillis(1100));
        scheduler.advance(Duration.ofMillis(1100));
        settle(s -> s.state() == ConnectionState.CONNECTED);
        assertThat(resyncs).hasValue(1);
        assertThat(client.status().traffic().reconnects()).isEqualTo(1);
    }

    @Test
    void connectionWithoutAnyFrameFor30SecondsIsLostAndAnyFrameCountsAsLife() throws Exception {
        // the silence rule on its own: the unanswered ping's rule (RealtimeStallDetectionTest) set beyond it
        useClient(RealtimeSettings.defaults().withTime(scheduler.clock(), () -> scheduler).withJitter(0.2, () -> 0.5)
                .withPingAnswerTimeout(Duration.ofSeconds(31)));
        TestSocketServer server = server();
        server.answerPings = false;
        client.connect(server.url(), "t");
        settle(s -> s.state() == ConnectionState.CONNECTED);
        Instant opened = scheduler.now();

        scheduler.advance(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.pings.get() == 1);
        client.on("deal:updated", (event, data, nanos) -> { });
        server.sendToAll("{\"event\":\"deal:updated\",\"data\":{}}");
        settle(s -> opened.plusSeconds(15).equals(s.traffic().lastMessageAt()));

        scheduler.advance(Duration.ofMillis(29_999));
        assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
        scheduler.advance(Duration.ofMillis(1));
        RealtimeStatus lost = client.status();
        assertThat(lost.state()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(lost.lastError()).isEqualTo("no frame from the server for 30000 ms");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.pings.get() >= 2);
    }

    @Test
    void handshakeWithoutAnswerFailsAfterTenSeconds() throws IOException {
        RawHttpServer silent = new RawHttpServer(null);
        cleanup.add(silent);
        client.connect(silent.url(), "t");
        settle(s -> silent.requests() == 1);

        scheduler.advance(Duration.ofMillis(9_999));
        assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTING);
        scheduler.advance(Duration.ofMillis(1));

        RealtimeStatus failed = client.status();
        assertThat(failed.state()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(failed.lastError()).isEqualTo("connect timed out after 10000 ms");
    }

    @Test
    void requestTimesOutExactlyAtItsDeadline() {
        TestSocketServer server = server();
        server.ackRequests = false;
        client.connect(server.url(), "t");
        settle(s -> s.state() == ConnectionState.CONNECTED);

        CompletableFuture<JsonObject> reply = client.request("deal:update", Map.of("id", "d1"), Duration.ofSeconds(5));
        scheduler.advance(Duration.ofMillis(4_999));
        assertThat(reply).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(reply).isCompletedExceptionally();
        assertThatThrownBy(reply::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void tokenRefreshThatNeverAnswersEndsTheSessionAfterTheConnectTimeout() throws IOException {
        RawHttpServer refusing = RawHttpServer.refusing(401, "Unauthorized");
        cleanup.add(refusing);
        client.setTokenRefresher(CompletableFuture::new);
        client.connect(refusing.url(), "t");
        settle(s -> s.state() == ConnectionState.AUTH_REQUIRED);

        scheduler.advance(Duration.ofMillis(9_999));
        assertThat(authFailures).hasValue(0);
        scheduler.advance(Duration.ofMillis(1));

        assertThat(authFailures).hasValue(1);
        assertThat(client.status().state()).isEqualTo(ConnectionState.AUTH_REQUIRED);
        assertThat(client.status().lastError()).contains("token refresh took longer than 10000 ms");
        assertThat(refusing.requests()).isEqualTo(1);
    }
}
