package com.flowcrm.model.change;

import com.flowcrm.model.DealActivity;
import java.util.Objects;

/**
 * A new activity on a deal, as carried by {@code deal:activity_added}.
 *
 * @param version the deal's version after the activity (0 when the server sends none)
 */
public record DealActivityAdded(String dealId, DealActivity activity, long version) implements RemoteEvent {
    public DealActivityAdded {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(activity, "activity");
    }

    /** An activity without a version: the answer to a rep's own POST, or a server without versions. */
    public DealActivityAdded(String dealId, DealActivity activity) {
        this(dealId, activity, 0);
    }
}
