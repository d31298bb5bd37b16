package com.flowcrm.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the session keeps up with the server after a reconnect (issue 13): by resuming from its place in the
 * server's change log, or by reloading everything; for the indicator's tooltip, {@code doctor} and the benchmark.
 *
 * @param mode        how the next reconnect catches up
 * @param position    the seq of the last change the stores hold (with all before it), or -1
 * @param lastCatchUp the last catch-up from the change log that went through, or null
 */
public record SyncStatus(Mode mode, long position, LastCatchUp lastCatchUp) {
    /** Nothing known yet: before the first load of a session. */
    public static final SyncStatus UNKNOWN = new SyncStatus(Mode.UNKNOWN, -1, null);

    /** How the next reconnect catches up. */
    public enum Mode {
        /** Not known yet (no load so far). */
        UNKNOWN,
        /** The server keeps a change log: the changes after {@code position} are read. */
        RESUME,
        /** The server has no change log (or the place in it was lost): everything is loaded again. */
        FULL_RELOAD
    }

    /**
     * One catch-up from the change log.
     *
     * @param at      when it was through
     * @param from    the position it started from
     * @param to      the position it ended at
     * @param changes the changes it read (applied, skipped as already there, or counted as bad)
     * @param pages   the pages it read
     * @param took    from its start (a reconnect, a gap) to the stores holding everything, the waiting live changes too
     */
    public record LastCatchUp(Instant at, long from, long to, int changes, int pages, Duration took) {
    }

    public SyncStatus {
        Objects.requireNonNull(mode, "mode");
    }
}
