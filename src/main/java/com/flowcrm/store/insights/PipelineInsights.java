package com.flowcrm.store.insights;

import com.flowcrm.model.DealStage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the Insights view and {@code report} show, computed at one instant from the stores' deals and
 * contacts by {@link InsightsCalculator}. Immutable.
 *
 * @param stages every stage (closed ones too) with its deals summed up, in board order
 * @param atRisk open deals at risk, highest value first
 */
public record PipelineInsights(Instant generatedAt, RottingLimits limits, KeyFigures figures, Forecast forecast,
        Map<DealStage, DealGroup> stages, List<AtRiskDeal> atRisk, ContactHealth contacts) {
    public PipelineInsights {
        stages = Map.copyOf(stages);
        atRisk = List.copyOf(atRisk);
    }

    public DealGroup stage(DealStage stage) {
        return stages.getOrDefault(stage, DealGroup.EMPTY);
    }
}
