package com.flowcrm.store;

import com.flowcrm.model.Deal;
import com.flowcrm.store.insights.DealRules;
import com.flowcrm.store.insights.RottingLimits;
import java.time.Duration;
import java.time.Instant;

/** The pipeline filters of the board; the wire name is the REST {@code filter} query value. */
public enum DealFilter {
    ALL("all", "All deals"),
    /** Probability above 70. */
    HOT("hot", "Hot"),
    /** Open and rotting, past its close date, with risk factors or a competitor named: {@link DealRules#isAtRisk}. */
    AT_RISK("at-risk", "At risk"),
    /** Open and expected to close within the next 30 days. */
    CLOSING_SOON("closing-soon", "Closing soon");

    public static final Duration CLOSING_SOON_WINDOW = Duration.ofDays(30);

    private final String wireName;
    private final String label;

    DealFilter(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    /** With the default rotting limits. */
    public boolean test(Deal d, Instant now) {
        return test(d, now, RottingLimits.DEFAULTS);
    }

    /** With the rotting limits the rep set (the board passes its store's). */
    public boolean test(Deal d, Instant now, RottingLimits limits) {
        return switch (this) {
            case ALL -> true;
            case HOT -> d.isHot();
            case AT_RISK -> DealRules.isAtRisk(d, now, limits);
            case CLOSING_SOON -> d.isClosingWithin(now, CLOSING_SOON_WINDOW);
        };
    }
}
