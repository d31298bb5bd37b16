package com.flowcrm.store;

import java.util.Objects;
import java.util.Set;

/**
 * The board narrowed to exactly these deals, opened from a chart, a tile or a list (e.g. "Forecast Dec 2026,
 * Proposal"); the label names it on the board's chip. The ids are those of the click: deals keep their place on
 * the board while the rep works on them, even when a change would take them out of the bar they came from.
 */
public record DealFocus(String label, Set<String> dealIds) {
    public DealFocus {
        Objects.requireNonNull(label, "label");
        dealIds = Set.copyOf(dealIds);
    }

    public boolean contains(String dealId) {
        return dealIds.contains(dealId);
    }
}
