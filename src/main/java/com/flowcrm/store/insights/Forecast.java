package com.flowcrm.store.insights;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Open deals by the month of their expected close date: this month and the next five, plus overdue and later;
 * open deals without a close date are counted apart, in no bar.
 */
public record Forecast(YearMonth thisMonth, List<ForecastBucket> months, ForecastBucket overdue, ForecastBucket later,
        DealGroup undated) {
    /** How many months from this month the forecast shows. */
    public static final int MONTHS = 6;

    public Forecast {
        months = List.copyOf(months);
    }

    /** The bars in chart order: overdue, the six months, later. */
    public List<ForecastBucket> bars() {
        List<ForecastBucket> bars = new ArrayList<>(MONTHS + 2);
        bars.add(overdue);
        bars.addAll(months);
        bars.add(later);
        return bars;
    }
}
