package com.flowcrm.store.insights;

import com.flowcrm.model.DealStage;
import java.util.List;

/** An open deal at risk and why, in words ("idle 21 days, limit 10"); {@code rotting} when idleness is one reason. */
public record AtRiskDeal(String id, String title, String company, DealStage stage, double value, List<String> reasons,
        boolean rotting) {
    public AtRiskDeal {
        reasons = List.copyOf(reasons);
    }
}
