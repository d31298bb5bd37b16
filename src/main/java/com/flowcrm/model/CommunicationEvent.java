package com.flowcrm.model;

import java.time.Instant;
import java.util.Objects;

/** One exchange with a contact (email, call, meeting, note); subject and aiAnalysis are optional. */
public record CommunicationEvent(String id, CommunicationType type, Instant date, String subject, String summary,
        Sentiment sentiment, String aiAnalysis) {
    public CommunicationEvent {
        Objects.requireNonNull(id, "id");
        summary = summary == null ? "" : summary;
    }
}
