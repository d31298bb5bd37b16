package com.flowcrm.api;

/**
 * A REST call that failed, with a kind the caller can act on (retry, refresh, re-check, give up), the HTTP status
 * and a message a person can read (the server's own reason where it gave one).
 */
public class ApiException extends RuntimeException {
    /** Why the call failed. */
    public enum Kind {
        /** Connection refused, DNS failure, TLS failure or timeout: the server could not be reached. */
        UNREACHABLE,
        /** 401: the credentials or the token were refused. */
        UNAUTHORIZED,
        /** 403. */
        FORBIDDEN,
        /** 404. */
        NOT_FOUND,
        /** 412: the record changed since the version sent in {@code If-Match}. */
        STALE,
        /** Another 4xx: the server refused the request, usually with a message. */
        REJECTED,
        /** 5xx. */
        SERVER_ERROR,
        /** The server answered something that is not the JSON we expect. */
        MALFORMED
    }

    private final Kind kind;
    private final int status;

    public ApiException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public ApiException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }
}
