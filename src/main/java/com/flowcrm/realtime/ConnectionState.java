package com.flowcrm.realtime;

/** Where the shared WebSocket connection is in its life cycle, as shown to the user. */
public enum ConnectionState {
    /** The first attempt after {@code connect()} is in flight. */
    CONNECTING,
    /** Open; events flow. */
    CONNECTED,
    /** Lost or never reached; an automatic retry is scheduled or in flight (attempt n of max). */
    RECONNECTING,
    /** Gave up after the last fast attempt; retries slowly and offers "retry now". */
    OFFLINE,
    /** The server refused the token; waiting for a fresh one or for the user to log in again. */
    AUTH_REQUIRED,
    /** Not connected on purpose (never connected or logged out); nothing is retried. */
    DISCONNECTED
}
