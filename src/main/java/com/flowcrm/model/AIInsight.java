package com.flowcrm.model;

import java.time.Instant;
import java.util.Objects;

/** An AI insight on a contact; confidence is 0-100, suggestedAction optional. */
public record AIInsight(String id, ContactInsightType type, String title, String description, int confidence,
        boolean actionable, String suggestedAction, Instant date) {
    public AIInsight {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
    }
}
