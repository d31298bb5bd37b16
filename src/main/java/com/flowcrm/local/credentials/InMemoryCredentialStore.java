package com.flowcrm.local.credentials;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A credential store that forgets everything when the app exits: for tests, and for headless runs that must not
 * touch the OS store. It can be made unusable to test the "session not kept" path.
 */
public final class InMemoryCredentialStore implements CredentialStore {
    private final Map<CredentialKey, String> tokens = new ConcurrentHashMap<>();
    private final CredentialStoreStatus status;

    /** A usable store. */
    public InMemoryCredentialStore() {
        this.status = CredentialStoreStatus.usable("kept in memory until the app exits");
    }

    private InMemoryCredentialStore(CredentialStoreStatus status) {
        this.status = status;
    }

    /** A store that reports itself unusable for {@code reason} and refuses to write. */
    public static InMemoryCredentialStore unusable(String reason) {
        return new InMemoryCredentialStore(CredentialStoreStatus.notUsable(reason));
    }

    @Override
    public CredentialStoreStatus status() {
        return status;
    }

    @Override
    public Optional<String> readRefreshToken(CredentialKey key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(tokens.get(key));
    }

    @Override
    public void writeRefreshToken(CredentialKey key, String refreshToken) throws CredentialStoreException {
        Objects.requireNonNull(key, "key");
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new IllegalArgumentException("No refresh token to store");
        }
        if (!status.usable()) {
            throw new CredentialStoreException("Cannot keep the session: the credential store is " + status.description());
        }
        tokens.put(key, refreshToken);
    }

    @Override
    public void deleteRefreshToken(CredentialKey key) {
        Objects.requireNonNull(key, "key");
        tokens.remove(key);
    }
}
