package com.flowcrm.model.change;

import com.flowcrm.model.DealActivity;
import java.util.Objects;

/** A new activity on a deal, as carried by {@code deal:activity_added}. */
public record DealActivityAdded(String dealId, DealActivity activity) implements RemoteEvent {
    public DealActivityAdded {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(activity, "activity");
    }
}
