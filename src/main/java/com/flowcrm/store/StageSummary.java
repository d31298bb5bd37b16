package com.flowcrm.store;

import com.flowcrm.model.DealStage;

/** What a stage column shows: how many deals, their total value and their weighted value (value x probability). */
public record StageSummary(DealStage stage, int count, double totalValue, double weightedValue) {
    public static StageSummary empty(DealStage stage) {
        return new StageSummary(stage, 0, 0, 0);
    }
}
