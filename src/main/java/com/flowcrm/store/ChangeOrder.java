package com.flowcrm.store;

import com.flowcrm.realtime.RealtimeEventHandler;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps the stores in the order of the server's change log (issue 13), on the UI thread inside the dispatcher's
 * batches. Its position is the seq of the last change the stores hold with every change before it; it is told to
 * the session's {@link SyncCursor} at the end of each batch that moved it.
 *
 * <ul>
 *   <li>A live change whose seq is not above the position is already in the stores: skipped (counted as ignored).</li>
 *   <li>One whose {@code prev} is above the position follows a change this client never got (a gap): it and every
 *       live change after it wait, and the session is asked for a catch-up.</li>
 *   <li>Otherwise it is applied and the position moves to its seq. A change without a seq (a frame that is no change
 *       of the log, a server without one) is applied as it comes and moves nothing.</li>
 *   <li>While a catch-up runs ({@link #stall}), every live change waits in arrival order; the catch-up applies the
 *       log's changes after the position, then {@link #release} places the waiting ones by the same rules, so nothing
 *       that arrived meanwhile is lost or applied twice.</li>
 * </ul>
 *
 * Changes are never applied past a gap while the position is kept: a partial update applied before an earlier one
 * it missed would make the earlier one look stale (by version) and lose its fields. When a catch-up fails, the
 * waiting changes are applied anyway and the position is forgotten if one of them lay past a gap, so that the next
 * reconnect reloads everything. Without an attached cursor (a server without a change log, the benchmark, the tests
 * of single stores) every change is applied as it comes.
 */
final class ChangeOrder {
    static final long NONE = RealtimeEventHandler.NO_SEQ;

    private final Consumer<LiveChange> applier;
    private final Runnable duplicate;
    private final ArrayDeque<LiveChange> waiting = new ArrayDeque<>();
    private SyncCursor cursor;
    private Runnable onGap = () -> { };
    private long position = NONE;
    /** The position this batch moved to, told to the cursor at the batch end. */
    private long unsaved = NONE;
    /** The position was replaced (a new snapshot, or forgotten): the cursor is reset before it hears the new one. */
    private boolean replaced;
    private boolean stalled;

    /**
     * @param applier   applies one change to the stores and counts it
     * @param duplicate counts a change skipped because the stores hold it already
     */
    ChangeOrder(Consumer<LiveChange> applier, Runnable duplicate) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.duplicate = Objects.requireNonNull(duplicate, "duplicate");
    }

    /** A session starts keeping the stores in the log's order from the cursor's position; asks {@code onGap} for catch-ups. */
    void attach(SyncCursor newCursor, Runnable gapListener) {
        cursor = Objects.requireNonNull(newCursor, "cursor");
        onGap = Objects.requireNonNull(gapListener, "gapListener");
        position = newCursor.position().orElse(NONE);
        unsaved = NONE;
        replaced = false;
        stalled = false;
        waiting.clear();
    }

    /** The session ended and the stores were emptied: nothing is ordered, nothing waits, the cursor is left alone. */
    void detach() {
        cursor = null;
        onGap = () -> { };
        position = NONE;
        unsaved = NONE;
        replaced = false;
        stalled = false;
        waiting.clear();
    }

    boolean isAttached() {
        return cursor != null;
    }

    /** The seq of the last change the stores hold with all before it, or {@link #NONE}. */
    long position() {
        return position;
    }

    /** Whether live changes wait for a catch-up. */
    boolean isStalled() {
        return stalled;
    }

    /** Live changes waiting for a catch-up. */
    int waiting() {
        return waiting.size();
    }

    /** A live change taken off the dispatcher's queue. */
    void arrive(LiveChange c) {
        if (stalled || !place(c)) {
            waiting.addLast(c);
        }
    }

    /** A catch-up begins: from now on live changes wait until {@link #release} or {@link #abandon}. */
    void stall() {
        if (cursor != null) {
            stalled = true;
        }
    }

    /** Whether a change of the log (read by a catch-up) is not in the stores yet. */
    boolean isNew(long seq) {
        return position == NONE || seq > position;
    }

    /** The stores hold every change up to {@code seq} now: a change of the log was applied, or a page was read to its end. */
    void advance(long seq) {
        if (cursor != null && (position == NONE || seq > position)) {
            position = seq;
            unsaved = seq;
        }
    }

    /** The catch-up is through: the waiting changes are placed in order; a change after a new gap stalls them again. */
    void release() {
        stalled = false;
        LiveChange c;
        while ((c = waiting.peekFirst()) != null) {
            if (!place(c)) {
                return; // stalled again with c still first; the catch-up it asked for releases the rest
            }
            waiting.pollFirst();
        }
    }

    /**
     * The catch-up failed: the waiting changes are applied as they are, in order. Those before any gap still move the
     * position; if one lay past a gap, the position is forgotten (the next reconnect reloads everything).
     */
    void abandon() {
        stalled = false;
        boolean pastGap = false;
        LiveChange c;
        while ((c = waiting.pollFirst()) != null) {
            if (pastGap || cursor == null || c.seq == NONE || position == NONE) {
                applier.accept(c);
            } else if (c.seq <= position) {
                duplicate.run();
            } else if (c.prev != NONE && c.prev > position) {
                pastGap = true;
                applier.accept(c);
            } else {
                applier.accept(c);
                advance(c.seq);
            }
        }
        if (pastGap) {
            forget();
        }
    }

    /**
     * The stores were loaded anew from lists that reflect the log up to {@code seq} (the lowest of their
     * {@code X-Sync-Seq}), or from a server without a log ({@link #NONE}): that is the position now, and the changes
     * that waited are placed against it.
     */
    void snapshotLoaded(long seq) {
        if (cursor != null) {
            position = seq;
            unsaved = seq;
            replaced = true;
        }
        release();
    }

    /** Forgets the position: the cursor is reset at the batch end and the next catch-up is a full reload. */
    void forget() {
        position = NONE;
        unsaved = NONE;
        replaced = true;
    }

    /** At the end of each batch: tells the cursor where the stores are now. */
    void flush() {
        if (cursor == null) {
            return;
        }
        if (replaced) {
            replaced = false;
            cursor.reset();
        }
        if (unsaved != NONE) {
            long seq = unsaved;
            unsaved = NONE;
            cursor.advance(seq);
        }
    }

    /** Applies or skips the change; false when it must wait (a gap before it: now stalled, a catch-up asked for). */
    private boolean place(LiveChange c) {
        if (cursor == null || c.seq == NONE || position == NONE) {
            applier.accept(c);
            return true;
        }
        if (c.seq <= position) {
            duplicate.run();
            return true;
        }
        if (c.prev != NONE && c.prev > position) {
            stalled = true;
            onGap.run();
            return false;
        }
        applier.accept(c);
        advance(c.seq);
        return true;
    }
}
