package com.flowcrm.model;

import java.time.Instant;
import java.util.Objects;

/** Something that happened on a deal (a call, a meeting, ...); outcome and next step are optional. */
public record DealActivity(String id, ActivityType type, Instant date, String description, String outcome,
        String nextStep) {
    public DealActivity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(date, "date");
        description = description == null ? "" : description;
    }
}
