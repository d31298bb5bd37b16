package com.flowcrm.local;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Everything a full reload brought, written as one transaction that replaces every deal, contact and notification
 * (a reader sees the old set or the new one, never a mix), the current user, and the sync state that goes with it.
 *
 * @param userJson the current user's JSON, or {@code null} to keep the stored one
 * @param records every deal, contact and notification of the new state (types mixed, any order)
 * @param cursor the change-log {@code seq} the reload is consistent with, empty when the server has none
 * @param syncedAt when the server answered
 * @param changeLog what the client found out about the server's change log
 */
public record FullReload(String userJson, List<ConfirmedRecord> records, OptionalLong cursor, Instant syncedAt,
        ChangeLogSupport changeLog) {
    public FullReload {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(syncedAt, "syncedAt");
        Objects.requireNonNull(changeLog, "changeLog");
        if (userJson != null && userJson.isBlank()) {
            throw new IllegalArgumentException("The user JSON is blank");
        }
    }
}
