package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.realtime.TestSocketServer;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session end to end against the demo backend (sign-in, live state, reconnect with resync, token expiry), and
 * against a fake server where the demo cannot misbehave on cue.
 */
class SessionStoreTest {
    private static final String EMAIL = "demo@flow-crm.local";
    private static final RealtimeSettings FAST = RealtimeSettings.defaults()
            .withBackoff(Duration.ofMillis(50), 5)
            .withJitter(0, () -> 0)
            .withConnectTimeout(Duration.ofSeconds(2));

    private final ExecutorService storeThread = Executors.newSingleThreadExecutor();
    private DemoServer demo;
    private SessionStore session;
    private Runnable stopAfterwards = () -> { };

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        if (demo != null) {
            demo.close();
        }
        stopAfterwards.run();
        storeThread.shutdownNow();
    }

    private void start(DemoServerConfig demoConfig, Clock clock) {
        demo = DemoServer.start(demoConfig);
        RootStore root = new RootStore(storeThread);
        SessionConfig config = SessionConfig.of(demo.apiUrl(), demo.wsUrl()).withRealtimeSettings(FAST);
        session = new SessionStore(config, root, clock);
    }

    private <T> T onStore(Supplier<T> read) throws Exception {
        return CompletableFuture.supplyAsync(read, storeThread).get(5, TimeUnit.SECONDS);
    }

    private void login() throws Exception {
        session.login(EMAIL, "demo").get(10, TimeUnit.SECONDS);
    }

    @Test
    void signInLoadsEverythingAndConnects() throws Exception {
        start(DemoServerConfig.forTests(), Clock.systemUTC());
        login();

        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.ACTIVE);
        assertThat(onStore(() -> session.getCurrentUser().email())).isEqualTo(EMAIL);
        assertThat(onStore(() -> session.root().deals().getDeals().size())).isEqualTo(demo.state().dealCount());
        assertThat(onStore(() -> session.root().contacts().getContacts().size())).isEqualTo(demo.state().contactIds().size());
        assertThat(onStore(() -> session.root().notifications().getNotifications().isEmpty())).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> onStore(() -> session.connectionProperty().get().phase())
                == ConnectionReport.Phase.LIVE);
    }

    @Test
    void wrongPasswordFailsWithBadCredentialsAndStaysSignedOut() throws Exception {
        start(DemoServerConfig.forTests(), Clock.systemUTC());

        assertThatThrownBy(() -> session.login(EMAIL, "nope").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SessionException.class)
                .hasMessage("Wrong email or password.")
                .extracting(e -> ((SessionException) e).kind()).isEqualTo(SessionException.Kind.BAD_CREDENTIALS);
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(onStore(() -> session.root().deals().getDeals().isEmpty())).isTrue();
    }

    @Test
    void changesMadeWhileTheSocketWasDownArriveThroughTheResync() throws Exception {
        start(DemoServerConfig.forTests(), Clock.systemUTC());
        login();
        await().until(() -> demo.connectionCount() == 1);
        String dealId = demo.state().dealIds().get(3);
        String contactId = demo.state().contactIds().get(4);

        demo.stopWebSocket();
        demo.state().silent().changeDealStage(dealId, "negotiation");
        demo.state().silent().updateContact(contactId, JsonParser.parseString("{\"title\":\"Changed while away\"}").getAsJsonObject());
        demo.state().silent().deleteDeal(demo.state().dealIds().get(5));
        int serverDeals = demo.state().dealCount();
        demo.startWebSocket();

        await().atMost(Duration.ofSeconds(10)).until(() -> session.connectionSummary().resyncs() == 1);
        assertThat(onStore(() -> session.root().deals().byId(dealId).getStage())).isEqualTo(DealStage.NEGOTIATION);
        assertThat(onStore(() -> session.root().contacts().byId(contactId).getTitle())).isEqualTo("Changed while away");
        assertThat(onStore(() -> session.root().deals().getDeals().size())).isEqualTo(serverDeals);
        assertThat(session.connectionSummary().reconnects()).isGreaterThanOrEqualTo(1);
        assertThat(onStore(() -> session.connectionProperty().get().activity().lastResyncAt())).isNotNull();
    }

    @Test
    void aRefusedWebSocketTokenIsRefreshedAndTheConnectionRecovers() throws Exception {
        // The socket refuses the sign-in token (4001), as a server does with an expired one; the fake server's
        // refresh hands out the token the socket accepts. The tokens are no JWTs, so the session never refreshes
        // ahead of expiry by itself: the only way back is the WebSocket's 401 -> refresh -> reconnect path.
        FakeCrmApi api = new FakeCrmApi();
        Deal d0 = new Deal("d0");
        d0.setStage(DealStage.PROSPECT);
        api.deals.add(d0);
        TestSocketServer socket = TestSocketServer.launch();
        stopAfterwards = socket::stopNow;
        socket.requiredToken = api.nextAccessToken;
        session = new SessionStore(SessionConfig.of(api.baseUrl(), socket.url().toString()).withRealtimeSettings(FAST),
                new RootStore(storeThread), Clock.systemUTC(), url -> api);

        session.login(api.user.email(), api.password).get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> socket.opens.get() == 2
                && session.connectionSummary().state().equals("CONNECTED"));
        assertThat(api.refreshes).hasValue(1);
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.ACTIVE);
        socket.sendToAll("{\"event\":\"deal:stage_changed\",\"data\":{\"id\":\"d0\",\"stage\":\"proposal\"}}");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onStore(() -> session.root().deals().byId("d0").getStage()) == DealStage.PROPOSAL);
    }

    @Test
    void aRefusedStageChangeIsRolledBackWithTheServersReason() throws Exception {
        start(DemoServerConfig.forTests(), Clock.systemUTC());
        login();
        String id = demo.state().dealIds().get(0);
        DealStage before = onStore(() -> session.root().deals().byId(id).getStage());
        DealStage target = before == DealStage.CLOSED_LOST ? DealStage.PROSPECT : DealStage.CLOSED_LOST;
        demo.state().refuseNextStageChange(409, "Deal is locked by finance");

        CompletableFuture<Deal> change = onStore(() -> session.commands().changeStage(id, target));
        assertThatThrownBy(() -> change.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(SessionException.class).hasMessageContaining("Deal is locked by finance");
        assertThat(onStore(() -> session.root().deals().byId(id).getStage())).isEqualTo(before);
    }

    @Test
    void anAcceptedStageChangeTakesTheServersProbability() throws Exception {
        start(DemoServerConfig.forTests(), Clock.systemUTC());
        login();
        String id = demo.state().dealIds().get(0);
        DealStage target = onStore(() -> session.root().deals().byId(id).getStage()) == DealStage.CLOSED_WON
                ? DealStage.PROSPECT : DealStage.CLOSED_WON;

        CompletableFuture<Deal> change = onStore(() -> session.commands().changeStage(id, target));
        change.get(10, TimeUnit.SECONDS);

        assertThat(onStore(() -> session.root().deals().byId(id).getStage())).isEqualTo(target);
        assertThat(onStore(() -> session.root().deals().byId(id).getProbability()))
                .isEqualTo(demo.state().deal(id).get("probability").getAsInt());
        assertThat(demo.state().deal(id).get("stage").getAsString()).isEqualTo(target.wireName());
    }

    @Test
    void whenTheRefreshTokenIsRefusedTheSessionExpiresWithAReason() throws Exception {
        // A fresh server with another secret refuses both tokens: the proactive refresh fails.
        start(DemoServerConfig.forTests().withAccessTokenTtl(Duration.ofSeconds(1)), Clock.systemUTC());
        login();
        demo.revokeRefreshTokens();

        await().atMost(Duration.ofSeconds(10)).until(() -> onStore(() -> session.getState()) == SessionState.EXPIRED);
        assertThat(onStore(() -> session.endReasonProperty().get())).contains("session expired");
        assertThat(onStore(() -> session.root().deals().getDeals().isEmpty())).isTrue();
        assertThat(onStore(() -> session.connectionProperty().get().phase())).isEqualTo(ConnectionReport.Phase.SESSION_EXPIRED);
    }

    @Test
    void logoutClearsEveryStoreAndDisconnects() throws Exception {
        start(DemoServerConfig.forTests(), Clock.systemUTC());
        login();
        await().until(() -> demo.connectionCount() == 1);

        session.logout().get(10, TimeUnit.SECONDS);

        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(onStore(() -> session.getCurrentUser())).isNull();
        assertThat(onStore(() -> session.root().deals().getDeals().isEmpty())).isTrue();
        assertThat(onStore(() -> session.root().contacts().getContacts().isEmpty())).isTrue();
        assertThat(onStore(() -> session.root().notifications().getNotifications().isEmpty())).isTrue();
        await().until(() -> demo.connectionCount() == 0);
    }

    @Test
    void aRestCallThatReachesTheServerBringsTheLiveConnectionBackWithoutTheMinuteOffline() throws Exception {
        start(DemoServerConfig.forTests(), Clock.systemUTC());
        login();
        await().until(() -> demo.connectionCount() == 1);
        String id = demo.state().dealIds().get(0);

        demo.stopWebSocket();
        await().atMost(Duration.ofSeconds(10)).until(() -> onStore(() -> session.connectionProperty().get().phase())
                == ConnectionReport.Phase.OFFLINE);
        demo.startWebSocket();
        DealStage target = onStore(() -> session.root().deals().byId(id).getStage()) == DealStage.CLOSED_WON
                ? DealStage.PROSPECT : DealStage.CLOSED_WON;
        onStore(() -> session.commands().changeStage(id, target)).get(10, TimeUnit.SECONDS);

        // The offline retry is a minute away; the answer to the stage change is what brings the socket back.
        await().atMost(Duration.ofSeconds(10)).until(() -> onStore(() -> session.connectionProperty().get().phase())
                == ConnectionReport.Phase.LIVE);
        assertThat(session.connectionSummary().reconnects()).isGreaterThanOrEqualTo(1);
    }
}
