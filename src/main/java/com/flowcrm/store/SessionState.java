package com.flowcrm.store;

/** Where the user's session stands. */
public enum SessionState {
    SIGNED_OUT,
    SIGNING_IN,
    ACTIVE,
    /** The token could not be refreshed: the user must sign in again ({@link SessionStore#endReasonProperty()}). */
    EXPIRED
}
