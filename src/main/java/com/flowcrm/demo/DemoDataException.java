package com.flowcrm.demo;

/**
 * The demo backend's data directory cannot be used: written by a newer version, corrupt, or held by another
 * running server. The files are left exactly as they were; {@link #reason()} says which case it is.
 */
public final class DemoDataException extends RuntimeException {
    /** Why the data directory was refused. */
    public enum Reason {
        /** The database was written by a newer version of the demo backend. */
        NEWER_VERSION,
        /** The file is not a readable demo database. */
        UNREADABLE,
        /** Another demo server holds the directory. */
        IN_USE
    }

    private final Reason reason;

    DemoDataException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
