package com.flowcrm.store.insights;

import java.util.OptionalDouble;

/**
 * The tiles: the open pipeline (its total, weighted value and average size), the open deals closing this month,
 * and the deals won and lost with a close date in the last {@value #WIN_RATE_DAYS} days (today included).
 */
public record KeyFigures(DealGroup open, DealGroup closingThisMonth, DealGroup wonRecently, DealGroup lostRecently) {
    public static final int WIN_RATE_DAYS = 90;

    /** won / (won + lost) among the recent closed deals, empty when there are none. */
    public OptionalDouble winRate() {
        int decided = wonRecently.count() + lostRecently.count();
        return decided == 0 ? OptionalDouble.empty() : OptionalDouble.of(wonRecently.count() / (double) decided);
    }

    /** Average value of an open deal, empty when none is open. */
    public OptionalDouble averageOpenDealSize() {
        return open.count() == 0 ? OptionalDouble.empty() : OptionalDouble.of(open.averageValue());
    }
}
