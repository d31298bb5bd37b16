package com.flowcrm.local;

import com.flowcrm.local.WorkspaceException.Kind;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite's result codes into the workspace's named outcomes and the messages a rep reads. */
final class SqliteFailures {
    private SqliteFailures() {
    }

    /** The primary result code (extended codes carry it in the low byte), or -1 when the driver gave none. */
    static int primaryCode(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return sqlite.getResultCode().code & 0xff;
        }
        return e.getErrorCode() > 0 ? e.getErrorCode() & 0xff : -1;
    }

    static boolean isCorruption(SQLException e) {
        int code = primaryCode(e);
        return code == SQLiteErrorCode.SQLITE_CORRUPT.code || code == SQLiteErrorCode.SQLITE_NOTADB.code;
    }

    static boolean isDiskFull(SQLException e) {
        return primaryCode(e) == SQLiteErrorCode.SQLITE_FULL.code;
    }

    /**
     * The outcome of a failed read or write of {@code file}; {@code doing} completes "Could not ..." ("save the change",
     * "read the local copy").
     */
    static WorkspaceException classify(SQLException e, Path file, String doing) {
        if (isDiskFull(e)) {
            return diskFull(file, doing, e);
        }
        if (isCorruption(e)) {
            return new WorkspaceException(Kind.CORRUPT, "Could not " + doing + ": the local copy " + file.getFileName()
                    + " is damaged. It will be set aside and the app will start with a fresh copy from the server.", e);
        }
        if (primaryCode(e) == SQLiteErrorCode.SQLITE_BUSY.code || primaryCode(e) == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return new WorkspaceException(Kind.UNAVAILABLE, "Could not " + doing + ": the local copy " + file
                    + " is locked by another Flow CRM process for too long. Try again in a moment.", e);
        }
        return new WorkspaceException(Kind.UNAVAILABLE, "Could not " + doing + ": the local copy " + file
                + " cannot be read or written (" + describe(e) + ").", e);
    }

    static WorkspaceException diskFull(Path file, String doing, Throwable cause) {
        Path folder = file.toAbsolutePath().getParent();
        return new WorkspaceException(Kind.DISK_FULL, "Could not " + doing + ": there is no room left on the disk for "
                + "the local copy (" + folder + "). Nothing was half-written. Free some disk space and try again.", cause);
    }

    /** SQLite's own words without the driver's "[SQLITE_X] " prefix noise doubled up. */
    static String describe(SQLException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
