package com.flowcrm.store;

import com.flowcrm.model.Priority;
import java.time.Instant;

/** The fields of a deal a rep can edit; null means unchanged. */
public record DealEdit(String title, Double value, Priority priority, Instant expectedCloseDate) {
}
