package com.flowcrm.store.insights;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the insight rules read of a deal, copied: immutable, so that insights can be computed away from the UI thread
 * that owns (and keeps changing) the {@link Deal}.
 */
public record DealFacts(String id, String title, String company, DealStage stage, double value, int probability,
        LocalDate closeDay, Instant lastActivity, Instant createdDate, List<String> riskFactors, String competitor) {

    public DealFacts {
        riskFactors = List.copyOf(riskFactors);
    }

    /** Read on the thread that owns the deal. */
    public static DealFacts of(Deal d) {
        return new DealFacts(d.getId(), d.getTitle(), d.getCompany(), d.getStage(), d.getValue(), d.getProbability(),
                d.getExpectedCloseDay(), d.getLastActivity(), d.getCreatedDate(), d.riskFactorList(),
                d.getCompetitorMentioned());
    }
}
