package com.flowcrm.local;

import java.util.Objects;

/**
 * One record as the server confirmed it: its type, id and the JSON text the store wrote with the api's writer (and
 * reads back with the api's tolerant mapper). The workspace never looks inside the JSON.
 */
public record ConfirmedRecord(RecordType type, String id, String json) {
    public ConfirmedRecord {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A " + type.wireName() + " record needs an id");
        }
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("The " + type.wireName() + " " + id + " has no JSON text");
        }
    }
}
