package com.flowcrm.local.credentials;

/** The OS credential store refused or failed a read, write or delete; the message says which and why. */
public final class CredentialStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public CredentialStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public CredentialStoreException(String message) {
        super(message);
    }
}
