package com.flowcrm.local;

import java.util.Objects;

/**
 * A workspace operation that did not happen, with a named {@link Kind} the caller can act on and a message a sales
 * rep can read as it is (it names the file or folder, never a token).
 */
public final class WorkspaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong; each kind has one outcome the app shows. */
    public enum Kind {
        /** The disk (or the workspace's size limit) is full: nothing of the write was kept. */
        DISK_FULL,
        /** The file was written by a newer version of the app; it was left untouched. */
        NEWER_VERSION,
        /** The file is damaged: {@link Workspaces#recover} sets it aside and starts clean. */
        CORRUPT,
        /** The file cannot be read or written (permissions, I/O error, locked for too long). */
        UNAVAILABLE,
        /** The outbox entry does not exist (sent, discarded or never saved). */
        ENTRY_NOT_FOUND,
        /** The outbox entry is in a status that does not allow the requested step. */
        WRONG_STATUS,
        /** The workspace was closed before the write could be saved. */
        CLOSED,
        /** SQLite's native library could not be loaded (see {@link SqliteNativeLibrary}). */
        NATIVE_LIBRARY
    }

    private final Kind kind;

    public WorkspaceException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public WorkspaceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
