package com.flowcrm.store;

import java.util.OptionalLong;

/**
 * A {@link SyncCursor} in memory: the session's place in the change log for as long as the process runs, so a
 * reconnect catches up instead of reloading. Written on the UI executor, readable from any thread.
 */
public final class MemorySyncCursor implements SyncCursor {
    private static final long NONE = -1;
    private volatile long seq = NONE;

    public MemorySyncCursor() {
    }

    /** A cursor that starts at {@code seq} (a session that already holds the changes up to it). */
    public MemorySyncCursor(long seq) {
        advance(seq);
    }

    @Override
    public OptionalLong position() {
        long now = seq;
        return now == NONE ? OptionalLong.empty() : OptionalLong.of(now);
    }

    @Override
    public void advance(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("a seq is 0 or more, was " + seq);
        }
        this.seq = seq;
    }

    @Override
    public void reset() {
        seq = NONE;
    }

    @Override
    public String toString() {
        long now = seq;
        return now == NONE ? "MemorySyncCursor[none]" : "MemorySyncCursor[" + now + "]";
    }
}
