package com.flowcrm.model;

import java.time.Instant;
import java.util.Objects;

/** An AI insight on a deal; confidence is 0-100, suggestedAction optional. */
public record DealInsight(String id, DealInsightType type, String title, String description, Impact impact,
        boolean actionable, String suggestedAction, int confidence, Instant date) {
    public DealInsight {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
    }
}
