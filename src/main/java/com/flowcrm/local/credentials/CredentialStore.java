package com.flowcrm.local.credentials;

import java.util.Optional;

/**
 * Where the refresh token of a (server, user) is kept between runs: the OS credential store ({@link OsCredentialStore})
 * or, in tests, memory ({@link InMemoryCredentialStore}). Never a file. Only the refresh token goes in: the access
 * token lives in memory, the password nowhere.
 *
 * <p>Threading: every method may block (D-Bus, Keychain, a prompt from the OS): call them on a background thread,
 * never on the FX thread. Implementations are thread-safe.
 */
public interface CredentialStore {
    /** Whether tokens can be kept at all, and why not; never throws, returns within a few seconds. */
    CredentialStoreStatus status();

    /** The stored refresh token, or empty when there is none (or the store is not usable). */
    Optional<String> readRefreshToken(CredentialKey key) throws CredentialStoreException;

    /** Stores (or replaces) the refresh token. */
    void writeRefreshToken(CredentialKey key, String refreshToken) throws CredentialStoreException;

    /** Removes the refresh token (sign-out); removing one that is not there is not an error. */
    void deleteRefreshToken(CredentialKey key) throws CredentialStoreException;
}
