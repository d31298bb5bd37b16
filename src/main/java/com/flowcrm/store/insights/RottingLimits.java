package com.flowcrm.store.insights;

import com.flowcrm.model.DealStage;
import java.util.OptionalInt;

/**
 * How many days an open deal may go without activity in each stage before it is rotting (Pipedrive's "deal
 * rotting"). Closed stages never rot. Every limit is between {@value #MIN_DAYS} and {@value #MAX_DAYS} days.
 */
public record RottingLimits(int prospectDays, int qualifiedDays, int proposalDays, int negotiationDays) {
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 365;
    /** Prospect 14, qualified 14, proposal 10, negotiation 7 days. */
    public static final RottingLimits DEFAULTS = new RottingLimits(14, 14, 10, 7);

    public RottingLimits {
        check(DealStage.PROSPECT, prospectDays);
        check(DealStage.QUALIFIED, qualifiedDays);
        check(DealStage.PROPOSAL, proposalDays);
        check(DealStage.NEGOTIATION, negotiationDays);
    }

    private static void check(DealStage stage, int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException("The rotting limit of " + stage.label() + " must be " + MIN_DAYS + " to "
                    + MAX_DAYS + " days, not " + days + ".");
        }
    }

    /** The days a deal in this stage may stay idle; empty for the closed stages. */
    public OptionalInt daysFor(DealStage stage) {
        return switch (stage) {
            case PROSPECT -> OptionalInt.of(prospectDays);
            case QUALIFIED -> OptionalInt.of(qualifiedDays);
            case PROPOSAL -> OptionalInt.of(proposalDays);
            case NEGOTIATION -> OptionalInt.of(negotiationDays);
            case CLOSED_WON, CLOSED_LOST -> OptionalInt.empty();
        };
    }

    /** {@link #daysFor} without the Optional, for the per-deal rules: -1 for the closed stages. */
    int limitDays(DealStage stage) {
        return switch (stage) {
            case PROSPECT -> prospectDays;
            case QUALIFIED -> qualifiedDays;
            case PROPOSAL -> proposalDays;
            case NEGOTIATION -> negotiationDays;
            case CLOSED_WON, CLOSED_LOST -> -1;
        };
    }

    /** The same limits with this stage's changed; throws for a closed stage or a limit out of range. */
    public RottingLimits with(DealStage stage, int days) {
        return switch (stage) {
            case PROSPECT -> new RottingLimits(days, qualifiedDays, proposalDays, negotiationDays);
            case QUALIFIED -> new RottingLimits(prospectDays, days, proposalDays, negotiationDays);
            case PROPOSAL -> new RottingLimits(prospectDays, qualifiedDays, days, negotiationDays);
            case NEGOTIATION -> new RottingLimits(prospectDays, qualifiedDays, proposalDays, days);
            case CLOSED_WON, CLOSED_LOST -> throw new IllegalArgumentException(stage.label() + " deals never rot.");
        };
    }
}
