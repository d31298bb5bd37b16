package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A failed session operation, with a message a sales rep can read and a kind the UI can act on. */
public class SessionException extends RuntimeException {
    private static final Logger log = LoggerFactory.getLogger(SessionException.class);
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

    /** The failure of a REST call in terms the UI acts on; while signing in a 401 means wrong credentials. */
    static SessionException from(Throwable cause, boolean signingIn) {
        if (cause instanceof SessionException s) {
            return s;
        }
        if (cause instanceof ApiException e) {
            return switch (e.kind()) {
                case UNAUTHORIZED -> signingIn
                        ? new SessionException(SessionException.Kind.BAD_CREDENTIALS, "Wrong email or password.", e)
                        : new SessionException(SessionException.Kind.EXPIRED, SessionAuth.EXPIRED_MESSAGE, e);
                case UNREACHABLE -> new SessionException(SessionException.Kind.UNREACHABLE, e.getMessage(), e);
                case SERVER_ERROR -> new SessionException(SessionException.Kind.SERVER_ERROR, e.getMessage(), e);
                case MALFORMED -> new SessionException(SessionException.Kind.PROTOCOL, e.getMessage(), e);
                case FORBIDDEN, NOT_FOUND, STALE, REJECTED -> new SessionException(SessionException.Kind.REJECTED, e.getMessage(), e);
            };
        }
        if (cause instanceof IllegalArgumentException) {
            return new SessionException(SessionException.Kind.REJECTED, cause.getMessage(), cause);
        }
        log.warn("Unexpected failure", cause);
        return new SessionException(SessionException.Kind.PROTOCOL, "Something went wrong: " + cause, cause);
    }
}
