package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import com.flowcrm.store.SyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A backend without the sync protocol (the messy double, like the real Flow CRM backend today: no X-Sync-Seq, no
 * seq on frames, 404 for /sync/changes) keeps working exactly as before: every reconnect reloads everything.
 */
class NoChangeLogFallbackTest {
    private static final RealtimeSettings FAST = RealtimeSettings.defaults()
            .withBackoff(Duration.ofMillis(50), 5)
            .withJitter(0, () -> 0)
            .withConnectTimeout(Duration.ofSeconds(2));

    @Test
    void everyReconnectReloadsTheListsAndTheChangeLogIsNeverAskedFor() throws Exception {
        ExecutorService storeThread = Executors.newSingleThreadExecutor();
        try (MessyBackend backend = new MessyBackend();
                SessionStore session = new SessionStore(SessionConfig.of(backend.apiUrl(), backend.wsUrl())
                        .withRealtimeSettings(FAST), new RootStore(storeThread), Clock.systemUTC())) {
            session.login("pat@messy.io", "secret").get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> session.connectionSummary().state().equals("CONNECTED"));
            assertThat(session.syncStatus().mode()).isEqualTo(SyncStatus.Mode.FULL_RELOAD);
            // the indicator's report is published on the store thread after the status: wait for it, then it must say so
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    session.connectionProperty().get().sync().mode()).isEqualTo(SyncStatus.Mode.FULL_RELOAD));
            assertThat(backend.dealLoads()).isEqualTo(1);

            backend.dropConnections();
            await().atMost(Duration.ofSeconds(10)).until(() -> session.connectionSummary().resyncs() == 1);
            backend.dropConnections();
            await().atMost(Duration.ofSeconds(10)).until(() -> session.connectionSummary().resyncs() == 2);

            assertThat(backend.dealLoads()).as("one full reload per reconnect").isEqualTo(3);
            assertThat(backend.unknownRequests()).as("no /sync/changes").isZero();
            assertThat(session.syncStatus().lastCatchUp()).isNull();
            assertThat(CompletableFuture.supplyAsync(() -> session.root().deals().byId("d-17").getTitle(), storeThread)
                    .get(5, TimeUnit.SECONDS)).isEqualTo("Messy renewal");
        } finally {
            storeThread.shutdownNow();
        }
    }
}
