package com.flowcrm.store;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The session's place in the server's change log: the open workspace's cursor (kept on disk with the records it
 * describes, so a restart resumes from there) while a workspace is open, otherwise one in memory (a live-only
 * session). Decided at each call, so the catch-up follows whichever user's workspace is open.
 */
final class SessionCursor implements SyncCursor {
    private final MemorySyncCursor memory = new MemorySyncCursor();
    private final Supplier<SyncCursor> workspace;

    /** @param workspace the open workspace's cursor, or null while none is open */
    SessionCursor(Supplier<SyncCursor> workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    private SyncCursor current() {
        SyncCursor open = workspace.get();
        return open != null ? open : memory;
    }

    @Override
    public OptionalLong position() {
        return current().position();
    }

    @Override
    public void advance(long seq) {
        current().advance(seq);
    }

    @Override
    public void reset() {
        current().reset();
    }

    /**
     * The stores were emptied (sign-out, a refused session): the in-memory place is forgotten; a workspace's cursor
     * stays on disk with its records, for the next launch from them.
     */
    void storesEmptied() {
        memory.reset();
    }
}
