package com.flowcrm.store.insights;

import com.flowcrm.model.DealStage;
import java.time.YearMonth;
import java.util.Map;

/**
 * One bar of the forecast: a month, or the open deals whose close date is before this month ("overdue") or after
 * the sixth month ("later"), with the same figures per open stage (every open stage present, in board order).
 *
 * @param key    "2026-12", "overdue" or "later"
 * @param month  the month, or null for overdue and later
 */
public record ForecastBucket(String key, YearMonth month, DealGroup all, Map<DealStage, DealGroup> byStage) {
    public static final String OVERDUE = "overdue";
    public static final String LATER = "later";

    public ForecastBucket {
        byStage = Map.copyOf(byStage);
    }

    /** The stage's part of this bar (empty for a stage without deals here). */
    public DealGroup stage(DealStage stage) {
        return byStage.getOrDefault(stage, DealGroup.EMPTY);
    }
}
