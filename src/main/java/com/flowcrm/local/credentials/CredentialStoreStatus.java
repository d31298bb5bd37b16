package com.flowcrm.local.credentials;

import java.util.Objects;

/**
 * Whether a credential store can keep the session, and if not why, in words for the sign-in screen
 * ("not usable: no Secret Service is running (no D-Bus session)").
 */
public record CredentialStoreStatus(boolean usable, String description) {
    public CredentialStoreStatus {
        Objects.requireNonNull(description, "description");
    }

    public static CredentialStoreStatus usable(String what) {
        return new CredentialStoreStatus(true, what);
    }

    public static CredentialStoreStatus notUsable(String reason) {
        return new CredentialStoreStatus(false, "not usable: " + reason);
    }
}
