package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.CredentialKey;
import com.flowcrm.local.credentials.CredentialStore;
import com.flowcrm.local.credentials.CredentialStoreException;
import com.flowcrm.local.credentials.CredentialStoreStatus;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.realtime.TestSocketServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Starting from a kept session while the credential store is slow to answer (D-Bus at first use): the local copy's
 * board is read meanwhile and shows once a kept session is there; without one nothing shows and nothing of the read
 * stays; a sign-out right after a new token was kept leaves no session kept.
 */
class KeptSessionReadAheadTest {
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
    private final SlowStore credentials = new SlowStore();
    private final Logger launchLog = (Logger) LoggerFactory.getLogger(LocalLaunch.class);
    private final ListAppender<ILoggingEvent> launchLines = new ListAppender<>();
    private TestSocketServer socket;
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
        launchLines.start();
        launchLog.addAppender(launchLines);
        launchLog.setLevel(Level.INFO);
        launchLog.setAdditive(false);
        session = newSession();
    }

    @AfterEach
    void stop() {
        credentials.releaseAll();
        launchLog.detachAppender(launchLines);
        launchLog.setLevel(null);
        launchLog.setAdditive(true);
        sessions.forEach(SessionStore::close);
        storeThreads.forEach(ExecutorService::shutdownNow);
        socket.stopNow();
    }

    private SessionStore newSession() {
        storeThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "store-" + sessions.size()));
        storeThreads.add(storeThread);
        SessionStore s = new SessionStore(SessionConfig.of(api.baseUrl(), socket.url().toString()).withRealtimeSettings(FAST),
                new RootStore(storeThread), Clock.systemUTC(), url -> api,
                new LocalStorage(new Workspaces(folder), credentials));
        sessions.add(s);
        return s;
    }

    private <T> T onStore(Supplier<T> read) throws Exception {
        return CompletableFuture.supplyAsync(read, storeThread).get(10, TimeUnit.SECONDS);
    }

    private void login() throws Exception {
        session.login(EMAIL, api.password).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                onStore(() -> session.modeProperty().get().kind()) == SessionMode.Kind.LIVE);
    }

    /** A first run that signs in (the local copy gets the board, the session is kept), then the app is closed. */
    private void firstRun() throws Exception {
        login();
        session.close();
        launchLines.list.clear();
    }

    private boolean boardReadFromDisk() {
        return launchLines.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("Board from the local copy: 3 deals"));
    }

    @Test
    void theBoardIsReadWhileTheCredentialStoreIsAskedAndShowsOnceItAnswers() throws Exception {
        firstRun();
        api.down = true;
        credentials.holdReads();

        session = newSession();
        CompletableFuture<?> resumed = session.resumeStoredSession(EMAIL);
        credentials.readAsked.await(10, TimeUnit.SECONDS);
        // the store has not answered: the board is read from disk meanwhile, but nothing shows before the answer
        await().atMost(Duration.ofSeconds(10)).until(this::boardReadFromDisk);
        assertThat(session.offline().boardReadAhead().get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(resumed).isNotDone();
        assertThat(onStore(() -> session.root().deals().getDeals().isEmpty())).isTrue();
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.SIGNED_OUT);

        credentials.releaseReads();
        resumed.get(10, TimeUnit.SECONDS);
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.ACTIVE);
        assertThat(onStore(() -> session.getCurrentUser().email())).isEqualTo(EMAIL);
        assertThat(onStore(() -> session.root().deals().getDeals().size())).isEqualTo(3);
        // the launch took the board read ahead: the deals were read from disk once
        assertThat(launchLines.list.stream().filter(e -> e.getFormattedMessage().startsWith("Board from the local copy")))
                .hasSize(1);
        assertThat(session.offline().boardReadAhead().get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void withoutAKeptSessionTheSignInScreenStaysAndNothingOfTheReadAheadIsKept() throws Exception {
        firstRun();
        credentials.deleteRefreshToken(CredentialKey.of(api.baseUrl(), EMAIL));
        credentials.holdReads();

        session = newSession();
        CompletableFuture<?> resumed = session.resumeStoredSession(EMAIL);
        await().atMost(Duration.ofSeconds(10)).until(this::boardReadFromDisk);
        credentials.releaseReads();

        assertThatThrownBy(() -> resumed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("No kept session");
        assertThat(session.offline().boardReadAhead().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(session.offline().current()).isNull();
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(onStore(() -> session.modeProperty().get())).isEqualTo(SessionMode.SIGNED_OUT);
        assertThat(onStore(() -> session.root().deals().getDeals().isEmpty())).isTrue();
        assertThat(onStore(() -> session.workspaceNoticeProperty().get())).isNull();

        // a wrong password fails as it did, leaving no workspace open; the right one signs in
        assertThatThrownBy(() -> session.login(EMAIL, "wrong").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(session.offline().current()).isNull();
        login();
        assertThat(onStore(() -> session.root().deals().getDeals().size())).isEqualTo(3);
    }

    @Test
    void aSignInWithTheFormWhileTheStoreIsAskedTakesTheWorkspaceReadAhead() throws Exception {
        firstRun();
        credentials.holdReads();

        session = newSession();
        CompletableFuture<?> resumed = session.resumeStoredSession(EMAIL);
        await().atMost(Duration.ofSeconds(10)).until(this::boardReadFromDisk);
        // the rep signs in with the form before the store answers: not refused as "already signed in"
        login();
        assertThat(session.offline().boardReadAhead().get(10, TimeUnit.SECONDS)).isZero();
        credentials.releaseReads();

        assertThatThrownBy(() -> resumed.get(10, TimeUnit.SECONDS)).hasMessageContaining("Already signed in");
        assertThat(onStore(() -> session.getState())).isEqualTo(SessionState.ACTIVE);
        assertThat(onStore(() -> session.root().deals().getDeals().size())).isEqualTo(3);
        assertThat(session.offline().current().boardReadAhead()).isEmpty();
    }

    @Test
    void anotherUsersSignInWhileTheStoreIsAskedClosesTheWorkspaceReadAheadAndNeverSeesItsData() throws Exception {
        login();
        api.down = true;
        onStore(() -> session.commands().changeStage("d1", DealStage.CLOSED_WON)).get(10, TimeUnit.SECONDS);
        assertThat(onStore(() -> session.pendingChanges().changes())).hasSize(1);
        session.close();
        launchLines.list.clear();
        api.down = false;
        credentials.holdReads();

        session = newSession();
        CompletableFuture<?> resumed = session.resumeStoredSession(EMAIL);
        await().atMost(Duration.ofSeconds(10)).until(this::boardReadFromDisk);
        session.login("manager@acme.example", api.password).get(10, TimeUnit.SECONDS);
        credentials.releaseReads();

        assertThatThrownBy(() -> resumed.get(10, TimeUnit.SECONDS)).hasMessageContaining("Already signed in");
        assertThat(session.offline().current().id().email()).isEqualTo("manager@acme.example");
        assertThat(session.offline().boardReadAhead().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(onStore(() -> session.root().deals().byId("d1").getStage())).isEqualTo(DealStage.PROSPECT);
        assertThat(onStore(() -> session.pendingChanges().changes())).isEmpty();
    }

    @Test
    void aSignOutRightAfterANewTokenWasHandedOutLeavesNoSessionKept() throws Exception {
        credentials.holdWrites();
        login();
        credentials.writeAsked.await(10, TimeUnit.SECONDS);

        // the token is still being written when the rep signs out: the sign-out waits for its removal
        CompletableFuture<SignOutResult> signedOut = session.signOut(SignOutChoice.KEEP_FOR_NEXT_TIME);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !signedOut.isDone());
        credentials.releaseWrites();
        signedOut.get(10, TimeUnit.SECONDS);
        session.close();

        assertThat(credentials.writes).isPositive();
        assertThat(credentials.readRefreshToken(CredentialKey.of(api.baseUrl(), EMAIL))).isEmpty();
    }

    /** The in-memory store, whose reads or writes can be held until the test lets them go (a slow D-Bus). */
    private static final class SlowStore implements CredentialStore {
        private final InMemoryCredentialStore memory = new InMemoryCredentialStore();
        private volatile CountDownLatch reads = new CountDownLatch(0);
        private volatile CountDownLatch writesHeld = new CountDownLatch(0);
        final CountDownLatch readAsked = new CountDownLatch(1);
        final CountDownLatch writeAsked = new CountDownLatch(1);
        volatile int writes;

        void holdReads() {
            reads = new CountDownLatch(1);
        }

        void releaseReads() {
            reads.countDown();
        }

        void holdWrites() {
            writesHeld = new CountDownLatch(1);
        }

        void releaseWrites() {
            writesHeld.countDown();
        }

        void releaseAll() {
            releaseReads();
            releaseWrites();
        }

        @Override
        public CredentialStoreStatus status() {
            return memory.status();
        }

        @Override
        public Optional<String> readRefreshToken(CredentialKey key) throws CredentialStoreException {
            readAsked.countDown();
            await(reads);
            return memory.readRefreshToken(key);
        }

        @Override
        public void writeRefreshToken(CredentialKey key, String refreshToken) throws CredentialStoreException {
            writeAsked.countDown();
            await(writesHeld);
            memory.writeRefreshToken(key, refreshToken);
            writes++;
        }

        @Override
        public void deleteRefreshToken(CredentialKey key) throws CredentialStoreException {
            memory.deleteRefreshToken(key);
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
