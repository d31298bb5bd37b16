package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.ApiException;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loading and reloading the stores, against a fake server on the direct executor. */
class StoreSyncTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final FakeCrmApi api = new FakeCrmApi();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger resyncsShown = new AtomicInteger();
    private RootStore root;
    private SessionAuth auth;
    private StoreSync sync;
    private LiveFrames live;

    @BeforeEach
    void start() {
        api.deals.add(deal("d1", DealStage.PROSPECT));
        root = new RootStore(Runnable::run);
        live = new LiveFrames(root);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        auth = new SessionAuth(url -> api, api.baseUrl(), clock, timers, refused::add);
        sync = new StoreSync(root, auth, clock, refused::add, resyncsShown::incrementAndGet);
        auth.begin();
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private static Deal deal(String id, DealStage stage) {
        Deal deal = new Deal(id);
        deal.setStage(stage);
        return deal;
    }

    private void stageChangedLive(String id, String stage) {
        live.send("deal:stage_changed", JsonParser.parseString("{\"id\":\"" + id + "\",\"stage\":\"" + stage + "\"}"));
    }

    @Test
    void eventsDuringTheFirstLoadWaitForTheListsAndAreAppliedOnTopOfThem() {
        List<String> order = new CopyOnWriteArrayList<>();

        sync.loadFirst(() -> stageChangedLive("d1", "negotiation"), () -> order.add("lists in")).join();

        assertThat(order).containsExactly("lists in");
        assertThat(root.deals().byId("d1").getStage()).isEqualTo(DealStage.NEGOTIATION);
    }

    @Test
    void aReloadAfterAReconnectReconcilesInPlaceAndIsShown() {
        sync.loadFirst(() -> { }, () -> { }).join();
        Deal before = root.deals().byId("d1");
        api.deals.set(0, deal("d1", DealStage.PROPOSAL));
        api.deals.add(deal("d2", DealStage.QUALIFIED));

        sync.resync();

        assertThat(root.deals().byId("d1")).isSameAs(before);
        assertThat(before.getStage()).isEqualTo(DealStage.PROPOSAL);
        assertThat(root.deals().byId("d2")).isNotNull();
        assertThat(sync.resyncs()).isEqualTo(1);
        assertThat(sync.lastResyncAt()).isEqualTo(NOW);
        assertThat(resyncsShown).hasValue(1);
    }

    @Test
    void reconnectsDuringAReloadCauseOneMoreReloadNotOneEach() {
        sync.loadFirst(() -> { }, () -> { }).join();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        api.listGate = gate;
        int loadsBefore = api.listLoads.get();

        sync.resync();
        sync.resync();
        sync.resync();
        api.listGate = CompletableFuture.completedFuture(null);
        gate.complete(null);

        assertThat(api.listLoads.get() - loadsBefore).as("two reloads of three lists").isEqualTo(6);
        assertThat(sync.resyncs()).isEqualTo(2);
    }

    @Test
    void aReloadRefusedWith401EndsTheSessionAndKeepsWhatTheStoresHave() {
        sync.loadFirst(() -> { }, () -> { }).join();
        api.failNext(ApiException.Kind.UNAUTHORIZED, 401, "token expired");

        sync.resync();

        assertThat(refused).containsExactly(SessionAuth.EXPIRED_MESSAGE);
        assertThat(root.deals().byId("d1")).isNotNull();
        assertThat(sync.resyncs()).isZero();
    }

    @Test
    void nothingIsReloadedWithoutASession() {
        auth.end();
        int loadsBefore = api.listLoads.get();

        sync.resync();

        assertThat(api.listLoads.get()).isEqualTo(loadsBefore);
    }
}
