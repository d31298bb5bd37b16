package com.flowcrm.local.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.PasswordAccessException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CredentialStoreTest {
    private static final CredentialKey DANA = CredentialKey.of("https://crm.example.com/api/", "Dana@Example.com");
    private static final CredentialKey SAM = CredentialKey.of("https://crm.example.com/api", "sam@example.com");

    /** A backend that keeps secrets in a map and answers "no such entry" as java-keyring does. */
    private static class MapBackend implements OsCredentialStore.Backend {
        final Map<String, String> secrets = new ConcurrentHashMap<>();

        @Override
        public String get(String service, String account) throws PasswordAccessException {
            String secret = secrets.get(service + "|" + account);
            if (secret == null) {
                throw new PasswordAccessException("No stored credentials match the given service and account");
            }
            return secret;
        }

        @Override
        public void set(String service, String account, String secret) {
            secrets.put(service + "|" + account, secret);
        }

        @Override
        public void delete(String service, String account) throws PasswordAccessException {
            if (secrets.remove(service + "|" + account) == null) {
                throw new PasswordAccessException("No stored credentials match the given service and account");
            }
        }

        @Override
        public String describe() {
            return "test keychain";
        }
    }

    @Test
    void inMemoryStoreKeepsOneTokenPerServerAndUser() throws CredentialStoreException {
        InMemoryCredentialStore store = new InMemoryCredentialStore();

        store.writeRefreshToken(DANA, "refresh-1");
        store.writeRefreshToken(CredentialKey.of("https://crm.example.com/api", "dana@example.com"), "refresh-2");

        assertThat(store.status().usable()).isTrue();
        assertThat(store.readRefreshToken(DANA)).contains("refresh-2");
        assertThat(store.readRefreshToken(SAM)).isEmpty();
        store.deleteRefreshToken(DANA);
        store.deleteRefreshToken(DANA);
        assertThat(store.readRefreshToken(DANA)).isEmpty();
    }

    @Test
    void anUnusableInMemoryStoreRefusesToKeepTheSessionAndSaysWhy() {
        InMemoryCredentialStore store = InMemoryCredentialStore.unusable("disabled for this test");

        assertThat(store.status()).isEqualTo(new CredentialStoreStatus(false, "not usable: disabled for this test"));
        assertThatThrownBy(() -> store.writeRefreshToken(DANA, "refresh-1"))
                .isInstanceOf(CredentialStoreException.class).hasMessageContaining("disabled for this test");
    }

    @Test
    void theOsStoreOfThisMachineAnswersWithinItsTimeLimitAndNeverThrows() throws CredentialStoreException {
        OsCredentialStore store = new OsCredentialStore();

        long start = System.nanoTime();
        CredentialStoreStatus status = store.status();
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

        assertThat(seconds).isLessThanOrEqualTo(11);
        assertThat(status.description()).isNotBlank();
        if (!status.usable()) {
            // Headless Linux (this build machine, CI): no Secret Service. Reads are empty, writes say why.
            assertThat(status.description()).startsWith("not usable: ");
            assertThat(store.readRefreshToken(DANA)).isEmpty();
            assertThatThrownBy(() -> store.writeRefreshToken(DANA, "refresh-1"))
                    .isInstanceOf(CredentialStoreException.class).hasMessageContaining("not usable");
            store.deleteRefreshToken(DANA);
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            assertThat(status.usable()).isFalse();
            assertThat(status.description()).contains("no credential store was found", "no D-Bus session");
        }
    }

    @Test
    void aBackendThatHangsMakesTheStoreUnusableAfterTheTimeLimitInsteadOfHangingTheApp() {
        CountDownLatch never = new CountDownLatch(1);
        OsCredentialStore store = new OsCredentialStore(() -> {
            never.await();
            return new MapBackend();
        }, Duration.ofMillis(300));

        CredentialStoreStatus status = store.status();

        assertThat(status.usable()).isFalse();
        assertThat(status.description()).startsWith("not usable: the credential store did not answer within");
    }

    @Test
    void aMissingBackendIsReportedAsNotUsableWithTheReason() {
        OsCredentialStore store = new OsCredentialStore(() -> {
            throw new BackendNotSupportedException("No available keyring backend found");
        }, Duration.ofSeconds(5));

        assertThat(store.status().usable()).isFalse();
        assertThat(store.status().description()).contains("no credential store was found on this system");
    }

    @Test
    void aWorkingBackendStoresReadsAndDeletesUnderTheServerAndEmail() throws CredentialStoreException {
        MapBackend backend = new MapBackend();
        OsCredentialStore store = new OsCredentialStore(() -> backend, Duration.ofSeconds(5));

        assertThat(store.status()).isEqualTo(CredentialStoreStatus.usable("test keychain"));
        assertThat(store.readRefreshToken(DANA)).isEmpty();
        store.writeRefreshToken(DANA, "refresh-1");
        store.writeRefreshToken(DANA, "refresh-2");

        assertThat(backend.secrets).containsOnly(Map.entry("Flow CRM https://crm.example.com/api|dana@example.com", "refresh-2"));
        assertThat(store.readRefreshToken(DANA)).contains("refresh-2");
        store.deleteRefreshToken(DANA);
        store.deleteRefreshToken(DANA);
        assertThat(store.readRefreshToken(DANA)).isEmpty();
    }

    @Test
    void aFailingWriteNamesTheUserButNeverTheToken() {
        OsCredentialStore store = new OsCredentialStore(() -> new MapBackend() {
            @Override
            public void set(String service, String account, String secret) {
                throw new IllegalStateException("org.freedesktop.Secret.Error.IsLocked");
            }
        }, Duration.ofSeconds(5));

        assertThatThrownBy(() -> store.writeRefreshToken(DANA, "refresh-secret-123"))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("dana@example.com").hasMessageContaining("IsLocked")
                .hasMessageNotContaining("refresh-secret-123");
    }
}
