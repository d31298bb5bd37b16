package com.flowcrm.local.credentials;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS credential store through java-keyring: macOS Keychain, Windows Credential Manager, Linux Secret Service
 * (GNOME Keyring, KWallet). Every call runs on one daemon thread of its own with a time limit, because on Linux the
 * backend talks D-Bus and a half-working session bus can hang: a probe that does not answer in time, or any failure
 * to reach a backend, makes {@link #status()} "not usable: reason" (never an exception, never a hang), and then
 * reads return empty and writes fail with that reason. The first {@link #status()} probes (up to the time limit);
 * later calls return the cached answer.
 */
public final class OsCredentialStore implements CredentialStore {
    private static final Logger LOG = LoggerFactory.getLogger(OsCredentialStore.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final String PROBE_SERVICE = "Flow CRM probe";
    private static final String PROBE_ACCOUNT = "probe";

    /** The three operations the store needs of a backend; java-keyring in the app, stand-ins in tests. */
    interface Backend {
        /** The stored secret; throws {@link PasswordAccessException} when there is none. */
        String get(String service, String account) throws Exception;

        void set(String service, String account, String secret) throws Exception;

        void delete(String service, String account) throws Exception;

        /** The backend's name for people ("macOS Keychain"). */
        String describe();
    }

    private final Callable<Backend> connect;
    private final Duration timeout;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "flow-credential-store");
        t.setDaemon(true);
        return t;
    });
    private Backend backend;
    private CredentialStoreStatus status;

    /** The OS store of this machine, each call limited to 5 seconds. */
    public OsCredentialStore() {
        this(OsCredentialStore::javaKeyring, DEFAULT_TIMEOUT);
    }

    OsCredentialStore(Callable<Backend> connect, Duration timeout) {
        this.connect = Objects.requireNonNull(connect, "connect");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public synchronized CredentialStoreStatus status() {
        if (status == null) {
            status = probe();
            LOG.info("OS credential store: {}", status.description());
        }
        return status;
    }

    private CredentialStoreStatus probe() {
        try {
            Backend connected = call(connect);
            call(() -> {
                try {
                    connected.get(PROBE_SERVICE, PROBE_ACCOUNT);
                } catch (PasswordAccessException expected) {
                    // "No such entry" is an answer: the store works.
                }
                return null;
            });
            backend = connected;
            return CredentialStoreStatus.usable(connected.describe());
        } catch (TimeoutException e) {
            return CredentialStoreStatus.notUsable("the credential store did not answer within " + timeout.toSeconds()
                    + " s" + linuxHint());
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return CredentialStoreStatus.notUsable(reason(cause));
        }
    }

    @Override
    public Optional<String> readRefreshToken(CredentialKey key) throws CredentialStoreException {
        Objects.requireNonNull(key, "key");
        Backend b = usableBackend();
        if (b == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(call(() -> {
                try {
                    return b.get(key.service(), key.account());
                } catch (PasswordAccessException missing) {
                    return null;
                }
            }));
        } catch (Exception e) {
            throw failure("read the saved session of " + key, e);
        }
    }

    @Override
    public void writeRefreshToken(CredentialKey key, String refreshToken) throws CredentialStoreException {
        Objects.requireNonNull(key, "key");
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new IllegalArgumentException("No refresh token to store");
        }
        Backend b = usableBackend();
        if (b == null) {
            throw new CredentialStoreException("Cannot keep the session: the credential store is " + status().description());
        }
        try {
            call(() -> {
                b.set(key.service(), key.account(), refreshToken);
                return null;
            });
        } catch (Exception e) {
            throw failure("save the session of " + key, e);
        }
    }

    @Override
    public void deleteRefreshToken(CredentialKey key) throws CredentialStoreException {
        Objects.requireNonNull(key, "key");
        Backend b = usableBackend();
        if (b == null) {
            return;
        }
        try {
            call(() -> {
                try {
                    b.delete(key.service(), key.account());
                } catch (PasswordAccessException missing) {
                    // Already gone.
                }
                return null;
            });
        } catch (Exception e) {
            throw failure("remove the saved session of " + key, e);
        }
    }

    private synchronized Backend usableBackend() {
        return status().usable() ? backend : null;
    }

    private <T> T call(Callable<T> work) throws Exception {
        Future<T> future = thread.submit(work);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private CredentialStoreException failure(String doing, Exception e) {
        String why = e instanceof TimeoutException ? "no answer within " + timeout.toSeconds() + " s" : reason(e);
        // The message names the server and email, never the token.
        return new CredentialStoreException("Could not " + doing + " in the OS credential store: " + why, e);
    }

    private static String reason(Throwable e) {
        if (e instanceof BackendNotSupportedException) {
            return "no credential store was found on this system" + linuxHint();
        }
        String message = e.getMessage();
        return (message == null || message.isBlank() ? e.getClass().getSimpleName() : message) + linuxHint();
    }

    private static String linuxHint() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return "";
        }
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        return bus == null || bus.isBlank()
                ? " (no D-Bus session: a Secret Service such as GNOME Keyring or KWallet needs one)"
                : " (is a Secret Service such as GNOME Keyring or KWallet running and unlocked?)";
    }

    private static Backend javaKeyring() throws BackendNotSupportedException {
        Keyring keyring = Keyring.create();
        String name = switch (keyring.getKeyringStorageType()) {
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "macOS Keychain";
            case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
            case GNOME_KEYRING -> "Secret Service (GNOME Keyring)";
            case KWALLET -> "KWallet";
        };
        return new Backend() {
            @Override
            public String get(String service, String account) throws PasswordAccessException {
                return keyring.getPassword(service, account);
            }

            @Override
            public void set(String service, String account, String secret) throws PasswordAccessException {
                keyring.setPassword(service, account, secret);
            }

            @Override
            public void delete(String service, String account) throws PasswordAccessException {
                keyring.deletePassword(service, account);
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }
}
