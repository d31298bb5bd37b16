package com.flowcrm.local;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a full read of the confirmed state returned besides the records themselves (those went to the
 * {@link RecordSink}): the user, the sync state and the record counts, all from the same snapshot.
 */
public record ConfirmedState(Optional<String> userJson, SyncState sync, Map<RecordType, Integer> counts) {
    public ConfirmedState {
        Objects.requireNonNull(userJson, "userJson");
        Objects.requireNonNull(sync, "sync");
        counts = Map.copyOf(counts);
    }

    /** True when nothing was ever stored: no user, no records, no sync. */
    public boolean isEmpty() {
        return userJson.isEmpty() && sync.lastSyncedAt().isEmpty() && counts.values().stream().allMatch(n -> n == 0);
    }
}
