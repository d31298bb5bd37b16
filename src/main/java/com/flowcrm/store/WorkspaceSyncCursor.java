package com.flowcrm.store;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The sync cursor kept in the local workspace with the confirmed data it describes: {@link #position()} is where the
 * stores are; what is on disk follows once the records the stores changed up to there are written (see
 * {@link ConfirmedCopy#advance}), so after a crash the catch-up starts from a point the saved records really reached.
 * UI executor only, like the stores.
 */
final class WorkspaceSyncCursor implements SyncCursor {
    private final ConfirmedCopy copy;
    private OptionalLong position;

    /** @param saved the cursor read from the workspace with its records at launch (empty for a new workspace) */
    WorkspaceSyncCursor(ConfirmedCopy copy, OptionalLong saved) {
        this.copy = Objects.requireNonNull(copy, "copy");
        this.position = Objects.requireNonNull(saved, "saved");
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
