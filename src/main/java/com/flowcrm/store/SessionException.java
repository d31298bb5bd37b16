package com.flowcrm.store;

/** A failed session operation, with a message a sales rep can read and a kind the UI can act on. */
public class SessionException extends RuntimeException {
    /** What went wrong, in terms the UI cares about. */
    public enum Kind {
        BAD_CREDENTIALS,
        UNREACHABLE,
        SERVER_ERROR,
        /** The server refused the request (4xx) or the input was invalid; the message says why. */
        REJECTED,
        EXPIRED,
        PROTOCOL
    }

    private final Kind kind;

    public SessionException(Kind kind, String message) {
        this(kind, message, null);
    }

    public SessionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
