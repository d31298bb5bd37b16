package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.flowcrm.api.ApiException;
import com.flowcrm.local.RecordType;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.CredentialKey;
import com.flowcrm.local.credentials.CredentialStore;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.realtime.TestSocketServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session with a local workspace, against a fake server and a real socket server: staying signed in through the
 * credential store, opening from the local copy with and without the network, a refused session that keeps the data,
 * two users on one machine, the sign-out choices, damaged and newer-version files.
 */
class OfflineSessionTest {
    private static final RealtimeSettings FAST = RealtimeSettings.defaults()
            .withBackoff(Duration.ofMillis(50), 5)
            .withJitter(0, () -> 0)
            .withConnectTimeout(Duration.ofSeconds(2));
    private static final String EMAIL = "rep@acme.example";

    @TempDir
    Path folder;
    private final FakeCrmApi api = new FakeCrmApi();
    private final List<SessionStore> sessions = new ArrayList<>();
    private final List<ExecutorService> storeThreads = new ArrayList<>();
    private TestSocketServer socket;
    private CredentialStore credentials = new InMemoryCredentialStore();
    private SessionStore session;
    private ExecutorService storeThread;

    @BeforeEach
    void start() {
        socket = TestSocketServer.launch();
        api.applyWrites = true;
        for (int i = 1; i <= 3; i++) {
            Deal d = new Deal("d" + i);
            d.setTitle("Deal " + i);
            d.setStage(DealStage.PROSPECT);
            d.setValue(1000 * i);
            api.deals.add(d);
        }
        api.notifications.add(new Notification("n1", "u1", null, "Hi", "", null, false, null, null,
                Instant.parse("2026-01-01T00:00:00Z"), null));
        session = newSession();
    }

    @AfterEach
    void stop() {
        sessions.forEach(SessionStore::close);
        storeThreads.forEach(ExecutorService::shutdownNow);
        socket.stopNow();
    }

    private SessionStore newSession() {
        return newSession(CompletableFuture.completedFuture(null));
    }

    /** @param opensAfter when the workspace thread may start (the app: once its window shows) */
    private SessionStore newSession(CompletableFuture<Void> opensAfter) {
        storeThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "store-" + sessions.size()));
        storeThreads.add(storeThread);
        SessionStore s = new SessionStore(SessionConfig.of(api.baseUrl(), socket.url().toString()).withRealtimeSettings(FAST),
                new RootStore(storeThread), Clock.systemUTC(), url -> api,
                new LocalStorage(new Workspaces(folder), credentials, null, opensAfter));
        sessions.add(s);
        return s;
    }

    private <T> T onStore(Supplier<T> read) throws Exception {
        return CompletableFuture.supplyAsync(read, storeThread).get(10, TimeUnit.SECONDS);
    }

    private <T> T run(Supplier<CompletableFuture<T>> command) throws Exception {
        return onStore(command).get(10, TimeUnit.SECONDS);
    }

    private void login() throws Exception {
        session.login(EMAIL, api.password).get(10, TimeUnit.SECONDS);
        awaitMode(SessionMode.Kind.LIVE);
    }

    private void awaitMode(SessionMode.Kind kind) {
        await().atMost(Duration.ofSeconds(10)).until(() -> onStore(() -> session.modeProperty().get().kind()) == kind);
    }

    private Path workspaceFile(String email) {
        return new Workspaces(folder).fileOf(new WorkspaceId(api.baseUrl(), email));
    }

    @Test
    void signingInOpensTheUsersLocalCopyKeepsTheSessionAndSavesWhatTheServerSent() throws Exception {
        login();

        assertThat(Files.exists(workspaceFile(EMAIL))).isTrue();
        assertThat(credentials.readRefreshToken(CredentialKey.of(api.baseUrl(), EMAIL))).hasValue("refresh-1");
        assertThat(onStore(() -> session.modeProperty().get())).satisfies(m -> {
            assertThat(m.email()).isEqualTo(EMAIL);
            assertThat(m.localCopy()).isTrue();
        });
        assertThat(onStore(() -> session.pendingChanges().availableProperty().get())).isTrue();
        session.close();
        try (var ws = new Workspaces(folder).open(new WorkspaceId(api.baseUrl(), EMAIL)).workspace()) {
            assertThat(ws.readRecord(RecordType.DEAL, "d2")).hasValueSatisfying(json -> assertThat(json).contains("Deal 2"));
            assertThat(ws.readUser()).hasValueSatisfying(json -> assertThat(json).contains(EMAIL).doesNotContain("token"));
            assertThat(ws.readSyncState().lastSyncedAt()).isPresent();
        }
    }

    @Test
    void withoutAUsableCredentialStoreTheSessionIsNotKeptAndTheSignInScreenIsToldOnce() throws Exception {
        credentials = InMemoryCredentialStore.unusable("no Secret Service is running (no D-Bus session)");
        session = newSession();
        session.checkCredentialStore().get(5, TimeUnit.SECONDS);
        await().until(() -> onStore(() -> session.credentialNoticeProperty().get()) != null);
        assertThat(onStore(() -> session.credentialNoticeProperty().get()))
                .contains("cannot keep you signed in").contains("no Secret Service is running");

        login();

        assertThat(credentials.readRefreshToken(CredentialKey.of(api.baseUrl(), EMAIL))).isEmpty();
        onStore(() -> {
            session.dismissCredentialNotice();
            return null;
        });
        assertThat(onStore(() -> session.credentialNoticeProperty().get())).isNull();
    }

    @Test
    void aRestartResumesFromTheCursorSavedWithTheLocalCopyInsteadOfLoadingEverything() throws Exception {
        api.changeLog = true;
        api.head = 40;
        login();
        session.close();
        try (var ws = new Workspaces(folder).open(new WorkspaceId(api.baseUrl(), EMAIL)).workspace()) {
            assertThat(ws.readSyncState().cursor()).hasValue(40);
        }
        api.log("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"Renamed while away\"},\"version\":2}");
        int loads = api.listLoads.get();

        session = newSession();
        session.resumeStoredSession(EMAIL).get(10, TimeUnit.SECONDS);
        awaitMode(SessionMode.Kind.LIVE);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                onStore(() -> session.root().deals().byId("d1").getTitle()).equals("Renamed while away"));

        assertThat(api.changeRequests).first().isEqualTo(40L);
        assertThat(api.listLoads.get()).isEqualTo(loads);
        session.close();
        try (var ws = new Workspaces(folder).open(new WorkspaceId(api.baseUrl(), EMAIL)).workspace()) {
            assertThat(ws.readSyncState().cursor()).hasValue(41);
            assertThat(ws.readRecord(RecordType.DEAL, "d1")).hasValueSatisfying(json ->
                    assertThat(json).contains("Renamed while away").contains("\"version\":2"));
        }

        // a sign-in with the password does not read the copy into the stores first: it loads everything
        int requests = api.changeRequests.size();
        session = newSession();
        login();
        assertThat(api.listLoads.get()).isEqualTo(loads + 3);
        assertThat(api.changeRequests).hasSize(requests);
    }

    @Test
    void aKeptSessionOpensFromTheLocalCopyOnlyOnceTheStorageOpensThenAsBefore() throws Exception {
        login();
        session.close();
        api.down = true;
        CompletableFuture<Void> windowShown = new CompletableFuture<>();

        session = newSession(windowShown);
        CompletableFuture<?> resumed = session.resumeStoredSession(EMAIL);
        // the copy is read on the workspace thread, which waits for the window: nothing opened in the meantime
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !resumed.isDone()
                && onStore(() -> session.root().deals().getDeals().isEmpty()));

        windowShown.complete(null);
        resumed.get(10, TimeUnit.SECONDS);
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.ACTIVE);
        assertThat(onStore(() -> session.getCurrentUser().email())).isEqualTo(EMAIL);
        assertThat(onStore(() -> session.root().deals().getDeals().size())).isEqualTo(3);
    }

    @Test
    void theAppOpensFromTheLocalCopyWithoutTheNetworkQueuesEditsAndSendsThemWhenTheServerIsBack() throws Exception {
        login();
        session.close();
        api.down = true;

        session = newSession();
        session.resumeStoredSession(EMAIL).get(10, TimeUnit.SECONDS);

        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.ACTIVE);
        assertThat(onStore(() -> session.getCurrentUser().email())).isEqualTo(EMAIL);
        assertThat(onStore(() -> session.root().deals().getDeals().size())).isEqualTo(3);
        awaitMode(SessionMode.Kind.OFFLINE);
        SessionMode offline = onStore(() -> session.modeProperty().get());
        assertThat(offline.lastSyncedAt()).isNotNull();
        assertThat(offline.describe(java.time.ZoneOffset.UTC, offline.lastSyncedAt()))
                .startsWith("Offline - showing what you had at ");
        assertThat(onStore(() -> session.connectionProperty().get().phase())).isEqualTo(ConnectionReport.Phase.OFFLINE);

        run(() -> session.commands().changeStage("d1", DealStage.QUALIFIED));
        run(() -> session.commands().changeStage("d2", DealStage.PROPOSAL));
        run(() -> session.commands().changeStage("d1", DealStage.NEGOTIATION));
        assertThat(onStore(() -> session.pendingChanges().waitingText())).isEqualTo("3 changes waiting to send");
        assertThat(api.writes).isEmpty();

        api.down = false;
        onStore(() -> {
            session.retryConnectionNow();
            return null;
        });

        awaitMode(SessionMode.Kind.LIVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.writes.size() == 3);
        assertThat(api.writes).containsExactly("stage d1 qualified", "stage d2 proposal", "stage d1 negotiation");
        await().until(() -> onStore(() -> session.pendingChanges().changes().isEmpty()));
        assertThat(onStore(() -> session.root().deals().byId("d1").getStage())).isEqualTo(DealStage.NEGOTIATION);
    }

    @Test
    void aRefusedSessionKeepsTheDataReadOnlyAndSignInAgainResumesSending() throws Exception {
        login();
        api.down = true;
        run(() -> session.commands().changeStage("d3", DealStage.QUALIFIED));
        // the server restarted with a new key: the kept tokens are refused
        api.down = false;
        api.refusedRefreshTokens.add("refresh-1");
        api.failNextWrite(ApiException.Kind.UNAUTHORIZED, 401, "token expired");
        // a write the client could not authorize even after a refresh
        session.offline().current().sender().wake();

        awaitMode(SessionMode.Kind.READ_ONLY);
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.EXPIRED);
        assertThat(onStore(() -> session.root().deals().byId("d3").getStage())).isEqualTo(DealStage.QUALIFIED);
        assertThat(onStore(() -> session.pendingChanges().changes())).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(PendingChange.Status.WAITING));
        assertThat(credentials.readRefreshToken(CredentialKey.of(api.baseUrl(), EMAIL))).isEmpty();
        assertThatThrownBy(() -> run(() -> session.commands().changeStage("d1", DealStage.PROPOSAL)))
                .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("Sign in again");
        assertThat(onStore(() -> session.modeProperty().get().describe(java.time.ZoneOffset.UTC, Instant.now())))
                .isEqualTo("Sign in again to send your changes");

        session.signInAgain(api.password).get(10, TimeUnit.SECONDS);

        awaitMode(SessionMode.Kind.LIVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.server("d3").getStage() == DealStage.QUALIFIED);
        await().until(() -> onStore(() -> session.pendingChanges().changes().isEmpty()));
    }

    @Test
    void twoUsersOnOneMachineKeepTheirOwnLocalCopiesAndNeverSeeEachOthersChanges() throws Exception {
        login();
        api.down = true;
        run(() -> session.commands().changeStage("d1", DealStage.CLOSED_WON));
        SignOutResult out = session.signOut(SignOutChoice.KEEP_FOR_NEXT_TIME).get(10, TimeUnit.SECONDS);
        assertThat(out.kept()).isEqualTo(1);
        assertThat(out.message()).contains("1 change is kept on this computer");
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(onStore(() -> session.root().deals().getDeals().isEmpty())).isTrue();
        api.down = false;

        session.login("manager@acme.example", api.password).get(10, TimeUnit.SECONDS);

        assertThat(onStore(() -> session.root().deals().byId("d1").getStage())).isEqualTo(DealStage.PROSPECT);
        assertThat(onStore(() -> session.pendingChanges().changes())).isEmpty();
        assertThat(Files.exists(workspaceFile("manager@acme.example"))).isTrue();
        assertThat(workspaceFile("manager@acme.example")).isNotEqualTo(workspaceFile(EMAIL));
        Thread.sleep(300);
        assertThat(api.writes).isEmpty();

        session.signOut(SignOutChoice.KEEP_FOR_NEXT_TIME).get(10, TimeUnit.SECONDS);
        login();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.writes.contains("stage d1 closed-won"));
    }

    @Test
    void signOutSendsNowDiscardsOrRemovesTheLocalCopyAsTheRepChose() throws Exception {
        login();
        api.down = true;
        run(() -> session.commands().changeStage("d1", DealStage.QUALIFIED));
        // the background pass found the server down and waits (backoff) before it tries again
        await().until(() -> session.offline().current().outbox().get(0).attempts() == 1);
        api.down = false;
        SignOutResult sent = session.signOut(SignOutChoice.SEND_NOW).get(20, TimeUnit.SECONDS);
        assertThat(sent.sent()).isEqualTo(1);
        assertThat(sent.kept()).isZero();
        assertThat(api.writes).containsExactly("stage d1 qualified");
        assertThat(credentials.readRefreshToken(CredentialKey.of(api.baseUrl(), EMAIL))).isEmpty();

        login();
        api.down = true;
        run(() -> session.commands().changeStage("d2", DealStage.QUALIFIED));
        SignOutResult discarded = session.signOut(SignOutChoice.DISCARD).get(20, TimeUnit.SECONDS);
        assertThat(discarded.discarded()).isEqualTo(1);
        assertThat(discarded.kept()).isZero();
        api.down = false;

        login();
        assertThat(onStore(() -> session.pendingChanges().changes())).isEmpty();
        Path file = workspaceFile(EMAIL);
        assertThat(Files.exists(file)).isTrue();
        SignOutResult removed = session.signOut(SignOutChoice.REMOVE_LOCAL_DATA).get(20, TimeUnit.SECONDS);
        assertThat(removed.localDataRemoved()).isTrue();
        assertThat(Files.exists(file)).isFalse();
        assertThat(Files.exists(SendLease.lockFileOf(file))).isFalse();
        assertThat(api.writes).containsExactly("stage d1 qualified");
    }

    @Test
    void aDamagedLocalCopyIsSetAsideTheRepIsToldOnceAndTheSessionStartsClean() throws Exception {
        Files.createDirectories(folder);
        Files.writeString(workspaceFile(EMAIL), "this is not a database, it was damaged by a crash");

        login();

        assertThat(onStore(() -> session.workspaceNoticeProperty().get())).contains("set aside");
        assertThat(onStore(() -> session.root().deals().getDeals().size())).isEqualTo(3);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.contains(".corrupt-"));
        }
        run(() -> session.commands().changeStage("d1", DealStage.QUALIFIED));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.writes.contains("stage d1 qualified"));
    }

    @Test
    void aLocalCopyFromANewerVersionIsLeftUntouchedAndTheSessionWorksLiveOnly() throws Exception {
        Files.createDirectories(folder);
        Path file = workspaceFile(EMAIL);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE future (x)");
            s.execute("PRAGMA user_version = 999");
        }
        byte[] before = Files.readAllBytes(file);

        login();

        assertThat(onStore(() -> session.workspaceNoticeProperty().get())).contains("newer version").contains("live only");
        assertThat(onStore(() -> session.pendingChanges().availableProperty().get())).isFalse();
        assertThat(onStore(() -> session.modeProperty().get().localCopy())).isFalse();
        run(() -> session.commands().changeStage("d1", DealStage.QUALIFIED));
        assertThat(api.writes).containsExactly("stage d1 qualified");
        session.close();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
