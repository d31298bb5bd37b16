package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.realtime.ConnectionState;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.realtime.RealtimeStatus;
import com.flowcrm.realtime.TestSocketServer;
import com.flowcrm.realtime.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A REST answer while the live connection waits to retry makes it try at once, at most once per 10 s, on virtual
 * time with a real socket server: without it a client that went offline sits there for up to a minute after the
 * server is back, although its outbox already reaches the server.
 */
class LiveUpdatesAnsweredRetryTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private TestSocketServer server;
    private LiveUpdates live;

    @BeforeEach
    void start() {
        server = TestSocketServer.launch();
        RealtimeSettings settings = RealtimeSettings.defaults()
                .withTime(scheduler.clock(), () -> scheduler)
                .withJitter(0, () -> 0)
                .withBackoff(Duration.ofSeconds(1), 1);
        live = new LiveUpdates(settings, new RootStore(storeThread), timers, () -> server.url().toString(),
                () -> true, () -> false, () -> null, () -> SyncStatus.UNKNOWN);
    }

    @AfterEach
    void stop() {
        live.close();
        scheduler.runDue();
        server.stopNow();
        storeThread.shutdownNow();
        timers.shutdownNow();
    }

    private RealtimeStatus settle(Predicate<RealtimeStatus> condition) {
        scheduler.settle(() -> condition.test(live.status()));
        return live.status();
    }

    private RealtimeStatus offlineAfter(int handshakes) {
        return settle(s -> server.handshakes.get() == handshakes && s.state() == ConnectionState.OFFLINE
                && s.retry().nextRetryAt() != null);
    }

    @Test
    void anAnswerWhileOfflineRetriesAtOnceAtMostEvery10SecondsAndNotWhileLive() {
        server.acceptHandshakes = false;
        live.connect("t");
        settle(s -> s.state() == ConnectionState.RECONNECTING && s.retry().nextRetryAt() != null);
        scheduler.advance(Duration.ofSeconds(1));
        RealtimeStatus offline = offlineAfter(2);
        assertThat(Duration.between(scheduler.now(), offline.retry().nextRetryAt())).isEqualTo(Duration.ofSeconds(60));

        live.serverAnswered();
        RealtimeStatus again = offlineAfter(3);
        Instant next = again.retry().nextRetryAt();
        assertThat(Duration.between(scheduler.now(), next)).isEqualTo(Duration.ofSeconds(60));

        scheduler.advance(Duration.ofSeconds(9));
        live.serverAnswered();
        scheduler.runDue();
        assertThat(live.status().state()).isEqualTo(ConnectionState.OFFLINE);
        assertThat(live.status().retry().nextRetryAt()).isEqualTo(next);
        assertThat(server.handshakes).hasValue(3);

        scheduler.advance(Duration.ofSeconds(1));
        server.acceptHandshakes = true;
        live.serverAnswered();
        settle(s -> s.state() == ConnectionState.CONNECTED);
        assertThat(server.handshakes).hasValue(4);

        scheduler.advance(Duration.ofSeconds(11)); // past the gap, before the first heartbeat
        live.serverAnswered();
        scheduler.runDue();
        assertThat(live.status().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(live.status().traffic().connects()).isEqualTo(1);
    }
}
