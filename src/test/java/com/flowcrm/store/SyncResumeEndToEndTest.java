package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.api.FlowApiClient;
import com.flowcrm.api.JsonMapper;
import com.flowcrm.api.MappedList;
import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import com.flowcrm.realtime.RealtimeSettings;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client side of the sync protocol against the demo backend (issue 13): a reconnect resumes from the change log
 * and leaves the stores equal to the server's REST state, field by field; a gap in the live seqs is caught up; a
 * server whose log is new (a restart in memory) answers 410 and the client reloads, then resumes; a server restarted
 * on its data keeps the session.
 */
class SyncResumeEndToEndTest {
    private static final RealtimeSettings FAST = RealtimeSettings.defaults()
            .withBackoff(Duration.ofMillis(50), 5)
            .withJitter(0, () -> 0)
            .withConnectTimeout(Duration.ofSeconds(2));
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String SECRET = "sync-resume-test-secret-0123456789abcdef";

    @TempDir
    Path temp;

    private final ExecutorService storeThread = Executors.newSingleThreadExecutor();
    private final JsonMapper mapper = JsonMapper.create();
    private DemoServer demo;
    private SessionStore session;

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        if (demo != null) {
            demo.close();
        }
        storeThread.shutdownNow();
    }

    private void signIn(DemoServerConfig config) throws Exception {
        demo = DemoServer.start(config);
        session = new SessionStore(SessionConfig.of(demo.apiUrl(), demo.wsUrl()).withRealtimeSettings(FAST),
                new RootStore(storeThread), Clock.systemUTC());
        session.login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD).get(15, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> demo.connectionCount() == 1
                && onStore(() -> session.connectionProperty().get().phase()) == ConnectionReport.Phase.LIVE);
    }

    private <T> T onStore(Supplier<T> read) throws Exception {
        return CompletableFuture.supplyAsync(read, storeThread).get(5, TimeUnit.SECONDS);
    }

    private String userId() {
        return demo.state().userIdByEmail(DemoServer.DEMO_EMAIL).orElseThrow();
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void aDropWithAHundredChangesIsCaughtUpAndTheStoresEqualTheServersRestState() throws Exception {
        signIn(DemoServerConfig.forTests());
        long before = session.syncStatus().position();
        assertThat(session.syncStatus().mode()).isEqualTo(SyncStatus.Mode.RESUME);
        List<String> deals = demo.state().dealIds();
        List<String> contacts = demo.state().contactIds();
        String[] stages = {"prospect", "qualified", "proposal", "negotiation", "closed-won", "closed-lost"};

        demo.stopWebSocket();
        for (int i = 0; i < 100; i++) {
            String deal = deals.get(i % deals.size());
            String contact = contacts.get(i % contacts.size());
            switch (i % 6) {
                case 0 -> demo.state().changeDealStage(deal, stages[(i / 6) % stages.length]);
                case 1 -> demo.state().updateDeal(deal, json("{\"value\":" + (1000 + i) + ",\"title\":\"Changed " + i + "\"}"));
                case 2 -> demo.state().updateContact(contact, json("{\"title\":\"Title " + i + "\",\"healthScore\":" + (i % 100) + "}"));
                case 3 -> demo.state().addDealActivity(deal, json("{\"type\":\"call\",\"date\":\"" + Instant.now()
                        + "\",\"description\":\"Call " + i + "\"}"));
                case 4 -> demo.state().changeContactHealth(contact, 100 - i % 100);
                default -> demo.state().updateDeal(deal, json("{\"priority\":\"high\",\"description\":\"Note " + i + "\"}"));
            }
        }
        demo.state().deleteDeal(deals.get(deals.size() - 1));
        demo.state().createDeal(json("{\"title\":\"New while away\",\"company\":\"Initech\",\"value\":48000}"));
        JsonObject note = demo.state().addNotification(userId(), json("{\"type\":\"task_due\",\"title\":\"Call back\",\"message\":\"Today\"}"));
        demo.state().markNotificationRead(userId(), note.get("id").getAsString(), true);
        long head = demo.awaitChangesSaved();
        demo.startWebSocket();

        await().atMost(PATIENCE).until(() -> session.connectionSummary().resyncs() == 1);
        SyncStatus status = session.syncStatus();
        assertThat(status.lastCatchUp()).as("caught up, not reloaded").isNotNull();
        assertThat(status.lastCatchUp().from()).isEqualTo(before);
        assertThat(status.lastCatchUp().changes()).isGreaterThanOrEqualTo(104);
        assertThat(status.position()).isEqualTo(head);
        assertStoresEqualTheServer();
        assertThat(session.connectionSummary().eventsRejected()).isZero();
    }

    @Test
    void aGapInTheLiveSeqsIsCaughtUpWithoutAReconnect() throws Exception {
        signIn(DemoServerConfig.forTests());
        String missed = demo.state().dealIds().get(2);
        String seen = demo.state().dealIds().get(3);

        demo.state().silent().updateDeal(missed, json("{\"title\":\"Logged but never sent\"}"));
        demo.state().updateDeal(seen, json("{\"title\":\"Sent after the one that was not\"}"));

        await().atMost(PATIENCE).until(() -> "Sent after the one that was not".equals(
                onStore(() -> session.root().deals().byId(seen).getTitle())));
        assertThat(onStore(() -> session.root().deals().byId(missed).getTitle())).isEqualTo("Logged but never sent");
        assertThat(session.syncStatus().lastCatchUp()).isNotNull();
        assertThat(session.syncStatus().lastCatchUp().changes()).isEqualTo(2);
        assertThat(session.connectionSummary().resyncs()).as("no reconnect").isZero();
        assertThat(session.syncStatus().position()).isEqualTo(demo.changeLogHead());
    }

    @Test
    void aServerWithANewChangeLogAnswers410AndTheClientReloadsThenResumes() throws Exception {
        signIn(DemoServerConfig.forTests().withJwtSecret(SECRET));
        int apiPort = demo.apiPort();
        int wsPort = demo.wsPort();
        long oldPosition = session.syncStatus().position();
        demo.close();
        // the same data (seeded) and signing key, but a new log in memory: the client's cursor belongs to another log
        demo = DemoServer.start(DemoServerConfig.forTests().withJwtSecret(SECRET).withPorts(apiPort, wsPort));
        String id = demo.state().dealIds().get(0);
        demo.state().updateDeal(id, json("{\"title\":\"On the new server\"}"));
        session.retryConnectionNow();

        await().atMost(PATIENCE).until(() -> session.connectionSummary().resyncs() == 1);
        assertThat(onStore(() -> session.root().deals().byId(id).getTitle())).isEqualTo("On the new server");
        assertThat(session.syncStatus().lastCatchUp()).as("reloaded, not caught up").isNull();
        long newPosition = session.syncStatus().position();
        assertThat(newPosition).isNotEqualTo(oldPosition).isEqualTo(demo.changeLogHead());
        assertStoresEqualTheServer();

        demo.dropAllConnections();
        demo.stopWebSocket();
        demo.state().updateDeal(id, json("{\"title\":\"While away again\"}"));
        demo.startWebSocket();
        session.retryConnectionNow();
        await().atMost(PATIENCE).until(() -> session.connectionSummary().resyncs() == 2);
        assertThat(session.syncStatus().lastCatchUp()).as("resumed from the new snapshot's cursor").isNotNull();
        assertThat(session.syncStatus().lastCatchUp().from()).isEqualTo(newPosition);
        assertThat(onStore(() -> session.root().deals().byId(id).getTitle())).isEqualTo("While away again");
    }

    @Test
    void aServerRestartedOnItsDataKeepsTheSessionAndTheClientResumes() throws Exception {
        Path data = temp.resolve("demo");
        signIn(DemoServerConfig.forTests().withDataDir(data));
        int apiPort = demo.apiPort();
        int wsPort = demo.wsPort();
        String id = demo.state().dealIds().get(1);
        demo.close();
        demo = DemoServer.start(DemoServerConfig.forTests().withDataDir(data).withPorts(apiPort, wsPort));
        demo.state().updateDeal(id, json("{\"title\":\"After the restart\"}"));
        session.retryConnectionNow();

        await().atMost(PATIENCE).until(() -> session.connectionSummary().resyncs() == 1);
        assertThat(onStore(() -> session.getState())).as("no sign-in needed").isEqualTo(SessionState.ACTIVE);
        assertThat(session.syncStatus().lastCatchUp()).as("the same log: caught up").isNotNull();
        assertThat(onStore(() -> session.root().deals().byId(id).getTitle())).isEqualTo("After the restart");
        assertStoresEqualTheServer();
    }

    /** Every deal, contact and notification of the stores, as JSON, against the same read over REST. */
    private void assertStoresEqualTheServer() throws Exception {
        FlowApiClient rest = new FlowApiClient(demo.apiUrl(), null);
        rest.login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD).get(10, TimeUnit.SECONDS);
        MappedList<Deal> deals = rest.deals().get(10, TimeUnit.SECONDS);
        MappedList<Contact> contacts = rest.contacts().get(10, TimeUnit.SECONDS);
        MappedList<Notification> notifications = rest.notifications().get(10, TimeUnit.SECONDS);
        assertThat(onStore(() -> byId(session.root().deals().getDeals(), Deal::getId, mapper::toJson)))
                .isEqualTo(byId(deals.values(), Deal::getId, mapper::toJson));
        assertThat(onStore(() -> byId(session.root().contacts().getContacts(), Contact::getId, mapper::toJson)))
                .isEqualTo(byId(contacts.values(), Contact::getId, mapper::toJson));
        assertThat(onStore(() -> byId(session.root().notifications().getNotifications(), Notification::getId, mapper::toJson)))
                .isEqualTo(byId(notifications.values(), Notification::getId, mapper::toJson));
    }

    private static <T> Map<String, String> byId(List<T> items, Function<T, String> id, Function<T, JsonObject> json) {
        Map<String, String> out = new TreeMap<>();
        for (T item : items) {
            out.put(id.apply(item), json.apply(item).toString());
        }
        return out;
    }
}
