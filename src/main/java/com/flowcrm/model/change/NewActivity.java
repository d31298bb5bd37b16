package com.flowcrm.model.change;

import com.flowcrm.model.ActivityType;
import java.time.Instant;

/**
 * An activity a rep logs on a deal, before the server gave it an id. The texts are kept trimmed; an outcome or next
 * step that is blank is absent (null). Type, date and description are checked by whoever sends it.
 */
public record NewActivity(ActivityType type, Instant date, String description, String outcome, String nextStep) {
    public NewActivity {
        description = description == null ? null : description.trim();
        outcome = blankToNull(outcome);
        nextStep = blankToNull(nextStep);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
