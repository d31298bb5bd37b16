package com.flowcrm.local;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the workspace knows about its last sync, always read in the same transaction as the records it covers: the
 * change cursor ({@code seq} of the last change on disk), when the server last confirmed the state (for "Offline -
 * showing what you had at 14:32") and whether the server has a change log.
 */
public record SyncState(OptionalLong cursor, Optional<Instant> lastSyncedAt, ChangeLogSupport changeLog) {
    /** The state of a workspace that was never synced. */
    public static final SyncState NEVER_SYNCED = new SyncState(OptionalLong.empty(), Optional.empty(),
            ChangeLogSupport.UNKNOWN);

    public SyncState {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(lastSyncedAt, "lastSyncedAt");
        Objects.requireNonNull(changeLog, "changeLog");
    }
}
