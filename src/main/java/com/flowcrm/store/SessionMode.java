package com.flowcrm.store;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * How the session works right now, for the window's banner and indicator: live against the server, offline from the
 * local copy (with when the server last confirmed it), or read-only because the server no longer accepts the session
 * (changes are kept and sent after signing in again).
 *
 * @param lastSyncedAt when the server last confirmed what the stores show, or null when never
 * @param email        the signed-in (or last signed-in) user, or null when signed out
 * @param localCopy    whether a local workspace keeps the data and the rep's changes (false: live only)
 */
public record SessionMode(Kind kind, Instant lastSyncedAt, String email, boolean localCopy) {
    /** The modes a rep can tell apart. */
    public enum Kind {
        /** Nobody is signed in. */
        SIGNED_OUT,
        /** Signed in and the server answers; changes are sent as they are made. */
        LIVE,
        /** Showing the local copy; the server cannot be reached, changes are queued. */
        OFFLINE,
        /** The server refused the session: the data stays, changes are kept, "Sign in again to send your changes". */
        READ_ONLY
    }

    public static final SessionMode SIGNED_OUT = new SessionMode(Kind.SIGNED_OUT, null, null, false);

    public SessionMode {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * What the banner or the indicator says: "Offline - showing what you had at 14:32" (the day too when it was not
     * today), "Sign in again to send your changes", "Live"; times in {@code zone}.
     */
    public String describe(ZoneId zone, Instant now) {
        return switch (kind) {
            case SIGNED_OUT -> "Signed out";
            case LIVE -> "Live";
            case READ_ONLY -> "Sign in again to send your changes";
            case OFFLINE -> lastSyncedAt == null ? "Offline - showing what is on this computer"
                    : "Offline - showing what you had at " + when(lastSyncedAt, zone, now);
        };
    }

    private static String when(Instant at, ZoneId zone, Instant now) {
        boolean today = at.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
        return DateTimeFormatter.ofPattern(today ? "HH:mm" : "d MMM HH:mm").withZone(zone).format(at);
    }
}
