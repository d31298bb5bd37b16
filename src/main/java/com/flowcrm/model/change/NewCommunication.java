package com.flowcrm.model.change;

import com.flowcrm.model.CommunicationType;
import java.time.Instant;

/**
 * A communication a rep logs on a contact ({@code POST /contacts/{id}/communication}), before the server gave it an
 * id. The texts are kept trimmed; a blank subject is absent (null). Type, date and summary are checked by whoever
 * sends it.
 */
public record NewCommunication(CommunicationType type, Instant date, String subject, String summary) {
    public NewCommunication {
        subject = subject == null || subject.isBlank() ? null : subject.trim();
        summary = summary == null ? null : summary.trim();
    }
}
