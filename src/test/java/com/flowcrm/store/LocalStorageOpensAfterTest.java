package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.CredentialKey;
import com.flowcrm.local.credentials.CredentialStore;
import com.flowcrm.local.credentials.CredentialStoreException;
import com.flowcrm.local.credentials.CredentialStoreStatus;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace thread starts on the local storage (SQLite, the credential store, the local copy) only once the
 * storage lets it: the app holds it until its window shows, so that none of it takes the CPU the window's start needs.
 */
class LocalStorageOpensAfterTest {
    @TempDir
    Path folder;
    private final FakeCrmApi api = new FakeCrmApi();
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor();
    private SessionStore session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        storeThread.shutdownNow();
    }

    @Test
    void theCredentialStoreIsNotAskedBeforeTheStorageOpens() throws Exception {
        CompletableFuture<Void> windowShown = new CompletableFuture<>();
        CountingStore credentials = new CountingStore();
        session = newSession(new LocalStorage(new Workspaces(folder), credentials, null, windowShown));

        CompletableFuture<Void> checked = session.checkCredentialStore();
        // an in-memory store answers within milliseconds once asked: nothing may have asked it in this time
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !checked.isDone() && credentials.calls.get() == 0);

        windowShown.complete(null);
        checked.get(10, TimeUnit.SECONDS);
        assertThat(credentials.calls).hasValue(1);
    }

    @Test
    void storageWithoutAGateOpensAtOnce() throws Exception {
        CountingStore credentials = new CountingStore();
        session = newSession(new LocalStorage(new Workspaces(folder), credentials));

        session.checkCredentialStore().get(10, TimeUnit.SECONDS);
        assertThat(credentials.calls).hasValue(1);
    }

    @Test
    void aGateCalledOffStillLetsTheSessionClose() throws Exception {
        CompletableFuture<Void> windowShown = new CompletableFuture<>();
        session = newSession(new LocalStorage(new Workspaces(folder), new CountingStore(), null, windowShown));
        CompletableFuture<Void> checked = session.checkCredentialStore();

        windowShown.cancel(false);
        checked.get(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        session.close();
        session = null;
        // the workspace thread is not left waiting for a window that never comes (close would wait 5 s for it)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    private SessionStore newSession(LocalStorage storage) {
        return new SessionStore(SessionConfig.of(api.baseUrl(), "ws://127.0.0.1:9"), new RootStore(storeThread),
                Clock.systemUTC(), url -> api, storage);
    }

    /** Counts how often the store is asked whether it can keep a session. */
    private static final class CountingStore implements CredentialStore {
        final AtomicInteger calls = new AtomicInteger();
        private final InMemoryCredentialStore memory = new InMemoryCredentialStore();

        @Override
        public CredentialStoreStatus status() {
            calls.incrementAndGet();
            return memory.status();
        }

        @Override
        public Optional<String> readRefreshToken(CredentialKey key) throws CredentialStoreException {
            return memory.readRefreshToken(key);
        }

        @Override
        public void writeRefreshToken(CredentialKey key, String refreshToken) throws CredentialStoreException {
            memory.writeRefreshToken(key, refreshToken);
        }

        @Override
        public void deleteRefreshToken(CredentialKey key) throws CredentialStoreException {
            memory.deleteRefreshToken(key);
        }
    }
}
