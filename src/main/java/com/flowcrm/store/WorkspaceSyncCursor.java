package com.flowcrm.store;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The sync cursor kept in the local workspace with the confirmed data it describes: {@link #position()} is where the
 * stores are; what is on disk follows once the records the stores changed up to there are written (see
 * {@link ConfirmedCopy#advance}), so after a crash the catch-up starts from a point the saved records really reached.
 * It has a position only once the stores hold the workspace's records ({@link #launched}, or a load that reached one):
 * a workspace opened for a sign-in that loads everything anew does not resume. Changed on the UI executor, like the
 * stores; read from any thread.
 */
final class WorkspaceSyncCursor implements SyncCursor {
    private final ConfirmedCopy copy;
    private volatile OptionalLong position;

    /** @param saved where the stores are in the log already (empty until the workspace's records are in them) */
    WorkspaceSyncCursor(ConfirmedCopy copy, OptionalLong saved) {
        this.copy = Objects.requireNonNull(copy, "copy");
        this.position = Objects.requireNonNull(saved, "saved");
    }

    /** The stores now hold the records read from disk with this cursor (launch from the local copy). */
    void launched(OptionalLong saved) {
        position = Objects.requireNonNull(saved, "saved");
    }

    @Override
    public OptionalLong position() {
        return position;
    }

    @Override
    public void advance(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("A change-log position is never negative: " + seq);
        }
        position = OptionalLong.of(seq);
        copy.advance(seq);
    }

    @Override
    public void reset() {
        position = OptionalLong.empty();
        copy.resetCursor();
    }
}
