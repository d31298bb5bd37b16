package com.flowcrm.model.change;

import com.flowcrm.model.Deal;
import java.util.Objects;

/** A new deal, as carried by {@code deal:created}. */
public record DealCreated(Deal deal) implements RemoteEvent {
    public DealCreated {
        Objects.requireNonNull(deal, "deal");
    }
}
