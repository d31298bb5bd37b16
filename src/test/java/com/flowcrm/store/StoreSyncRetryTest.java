package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.ApiException;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reload after a reconnect that fails is tried again: the soak (issue 16) found clients "Live" on stale stores for
 * good after the reload behind a server restart timed out. Against a fake server on the direct executor, the retries
 * run by hand.
 */
class StoreSyncRetryTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final FakeCrmApi api = new FakeCrmApi();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<Runnable> retries = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private RootStore root;
    private SessionAuth auth;
    private StoreSync sync;

    @BeforeEach
    void start() {
        Deal deal = new Deal("d1");
        deal.setStage(DealStage.PROSPECT);
        api.deals.add(deal);
        root = new RootStore(Runnable::run);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        auth = new SessionAuth(url -> api, api.baseUrl(), clock, timers, refused::add);
        sync = new StoreSync(root, auth, clock, refused::add, () -> { }, new MemorySyncCursor(), (task, delay) -> {
            retries.add(task);
            delays.add(delay);
        });
        auth.begin();
        sync.loadFirst(() -> { }, () -> { }).join();
        Deal moved = new Deal("d1");
        moved.setStage(DealStage.PROPOSAL);
        api.deals.set(0, moved);
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private void runNextRetry() {
        retries.removeFirst().run();
    }

    @Test
    void aFailedReloadIsTriedAgainWithBackoffUntilOneGetsThrough() {
        api.failNext(ApiException.Kind.UNREACHABLE, 0, "did not answer within 15 s");
        sync.resync();

        assertThat(root.deals().byId("d1").getStage()).as("kept what it had").isEqualTo(DealStage.PROSPECT);
        assertThat(delays).containsExactly(Duration.ofSeconds(2));

        api.failNext(ApiException.Kind.SERVER_ERROR, 503, "restarting");
        runNextRetry();
        assertThat(delays).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));

        runNextRetry();
        assertThat(root.deals().byId("d1").getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(sync.resyncs()).isEqualTo(1);
        assertThat(retries).as("nothing more to retry").isEmpty();
    }

    @Test
    void aFailedCatchUpFromTheChangeLogIsTriedAgainToo() {
        // a server with a change log: the reconnect catches up from the stores' place instead of reloading
        retries.clear();
        delays.clear();
        api.changeLog = true;
        api.head = 5;
        api.deals.set(0, new Deal("d1"));
        api.deals.getFirst().setStage(DealStage.PROSPECT);
        root = new RootStore(Runnable::run);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        sync = new StoreSync(root, auth, clock, refused::add, () -> { }, new MemorySyncCursor(), (task, delay) -> {
            retries.add(task);
            delays.add(delay);
        });
        sync.loadFirst(() -> { }, () -> { }).join();
        api.log("deal:stage_changed", "{\"id\":\"d1\",\"stage\":\"proposal\",\"probability\":50,\"version\":2}");
        int loads = api.listLoads.get();

        api.failNext(ApiException.Kind.UNREACHABLE, 0, "connection reset");
        sync.resync();
        assertThat(root.deals().byId("d1").getStage()).as("kept what it had").isEqualTo(DealStage.PROSPECT);
        assertThat(delays).containsExactly(Duration.ofSeconds(2));

        runNextRetry();
        assertThat(root.deals().byId("d1").getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(api.listLoads.get()).as("caught up from the log, not reloaded").isEqualTo(loads);
        assertThat(sync.resyncs()).isEqualTo(1);
        assertThat(retries).isEmpty();
    }

    @Test
    void theWaitGrowsToThirtySeconds() {
        for (int i = 0; i < 7; i++) {
            api.failNext(ApiException.Kind.UNREACHABLE, 0, "refused");
            if (i == 0) {
                sync.resync();
            } else {
                runNextRetry();
            }
        }
        assertThat(delays).extracting(Duration::toSeconds).containsExactly(2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aRetryDueAfterAnotherReloadGotThroughLoadsNothing() {
        api.failNext(ApiException.Kind.UNREACHABLE, 0, "refused");
        sync.resync();
        sync.resync();
        int loads = api.listLoads.get();

        runNextRetry();

        assertThat(api.listLoads.get()).isEqualTo(loads);
        assertThat(sync.resyncs()).isEqualTo(1);
    }

    @Test
    void noRetryOnceTheSessionEndedOrAfterA401() {
        api.failNext(ApiException.Kind.UNREACHABLE, 0, "refused");
        sync.resync();
        auth.end();
        int loads = api.listLoads.get();
        runNextRetry();
        assertThat(api.listLoads.get()).isEqualTo(loads);

        auth.begin();
        api.failNext(ApiException.Kind.UNAUTHORIZED, 401, "token expired");
        sync.resync();
        assertThat(retries).isEmpty();
        assertThat(refused).containsExactly(SessionAuth.EXPIRED_MESSAGE);
    }
}
