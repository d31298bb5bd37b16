package com.flowcrm.store;

import com.flowcrm.model.ActivityType;
import java.time.Instant;

/** An activity a rep logs on a deal; outcome and next step are optional. */
public record NewActivity(ActivityType type, Instant date, String description, String outcome, String nextStep) {
}
