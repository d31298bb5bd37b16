package com.flowcrm.store.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rotting per stage, past close dates and the at-risk rule shared by the board and the Insights view. */
class DealRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

    private static Deal idleFor(DealStage stage, Duration idle) {
        Deal d = new Deal("d");
        d.setStage(stage);
        d.setLastActivity(NOW.minus(idle));
        return d;
    }

    @ParameterizedTest
    @CsvSource({"prospect, 14", "qualified, 14", "proposal, 10", "negotiation, 7"})
    void aDealRotsTheDayAfterItsStageLimit(String wire, int limit) {
        DealStage stage = DealStage.valueOf(wire.toUpperCase());
        assertThat(RottingLimits.DEFAULTS.daysFor(stage)).hasValue(limit);
        Deal atLimit = idleFor(stage, Duration.ofDays(limit).plusHours(23));
        assertThat(DealRules.idleDays(atLimit, NOW)).isEqualTo(limit);
        assertThat(DealRules.isRotting(atLimit, NOW, RottingLimits.DEFAULTS)).isFalse();
        assertThat(DealRules.isAtRisk(atLimit, NOW, RottingLimits.DEFAULTS)).isFalse();

        Deal past = idleFor(stage, Duration.ofDays(limit + 1));
        assertThat(DealRules.isRotting(past, NOW, RottingLimits.DEFAULTS)).isTrue();
        assertThat(DealRules.isAtRisk(past, NOW, RottingLimits.DEFAULTS)).isTrue();
        assertThat(DealRules.riskReasons(past, NOW, RottingLimits.DEFAULTS))
                .containsExactly("idle " + (limit + 1) + " days, limit " + limit);
    }

    @Test
    void closedDealsNeverRotAndAreNeverAtRisk() {
        for (DealStage closed : new DealStage[] {DealStage.CLOSED_WON, DealStage.CLOSED_LOST}) {
            Deal d = idleFor(closed, Duration.ofDays(400));
            d.getRiskFactors().add("anything");
            d.setExpectedCloseDate(NOW.minus(Duration.ofDays(30)));
            assertThat(DealRules.isRotting(d, NOW, RottingLimits.DEFAULTS)).isFalse();
            assertThat(DealRules.isAtRisk(d, NOW, RottingLimits.DEFAULTS)).isFalse();
            assertThat(DealRules.riskReasons(d, NOW, RottingLimits.DEFAULTS)).isEmpty();
        }
    }

    @Test
    void changedLimitsApplyToTheirStageOnly() {
        RottingLimits strict = RottingLimits.DEFAULTS.with(DealStage.PROSPECT, 3);
        Deal prospect = idleFor(DealStage.PROSPECT, Duration.ofDays(5));
        Deal negotiation = idleFor(DealStage.NEGOTIATION, Duration.ofDays(5));
        assertThat(DealRules.isRotting(prospect, NOW, RottingLimits.DEFAULTS)).isFalse();
        assertThat(DealRules.isRotting(prospect, NOW, strict)).isTrue();
        assertThat(DealRules.riskReasons(prospect, NOW, strict)).containsExactly("idle 5 days, limit 3");
        assertThat(DealRules.isRotting(negotiation, NOW, strict)).isFalse();
    }

    @Test
    void withoutActivityIdlenessCountsFromCreationAndWithoutEitherNothingRots() {
        Deal created = new Deal("c");
        created.setStage(DealStage.PROPOSAL);
        created.setCreatedDate(NOW.minus(Duration.ofDays(30)));
        assertThat(DealRules.riskReasons(created, NOW, RottingLimits.DEFAULTS)).containsExactly("idle 30 days, limit 10");
        Deal unknown = new Deal("u");
        unknown.setStage(DealStage.PROPOSAL);
        assertThat(DealRules.idleDays(unknown, NOW)).isEqualTo(-1);
        assertThat(DealRules.isAtRisk(unknown, NOW, RottingLimits.DEFAULTS)).isFalse();
        Deal future = idleFor(DealStage.PROPOSAL, Duration.ofDays(-2));
        assertThat(DealRules.idleDays(future, NOW)).isZero();
    }

    @Test
    void pastCloseDateIsADayBeforeTodayAsGiven() {
        Deal today = idleFor(DealStage.PROPOSAL, Duration.ZERO);
        today.setExpectedCloseDate(Instant.parse("2026-03-20T00:00:00Z"));
        assertThat(DealRules.isPastCloseDate(today, NOW)).isFalse();
        Deal yesterday = idleFor(DealStage.PROPOSAL, Duration.ZERO);
        yesterday.setExpectedCloseAsGiven(java.time.OffsetDateTime.parse("2026-03-19T23:00:00-05:00"));
        assertThat(DealRules.isPastCloseDate(yesterday, NOW)).as("Mar 19 as given, Mar 20 in UTC").isTrue();
        assertThat(DealRules.riskReasons(yesterday, NOW, RottingLimits.DEFAULTS)).containsExactly("past close date by 1 day");
    }

    @Test
    void limitsOutOfRangeAreRefusedWithTheStageNamed() {
        assertThatThrownBy(() -> RottingLimits.DEFAULTS.with(DealStage.PROPOSAL, 0))
                .hasMessage("The rotting limit of Proposal must be 1 to 365 days, not 0.");
        assertThatThrownBy(() -> RottingLimits.DEFAULTS.with(DealStage.CLOSED_WON, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsAreSavedAndReadBackAndBadSavedValuesFallBackToTheDefault() throws BackingStoreException {
        Preferences node = Preferences.userRoot().node("/com/flowcrm/test/" + UUID.randomUUID());
        try {
            InsightSettings settings = new InsightSettings(node);
            assertThat(settings.rottingLimits()).isEqualTo(RottingLimits.DEFAULTS);
            RottingLimits changed = new RottingLimits(30, 21, 5, 3);
            settings.saveRottingLimits(changed);
            assertThat(new InsightSettings(node).rottingLimits()).isEqualTo(changed);
            node.put("rottingDays.proposal", "soon");
            node.put("rottingDays.negotiation", "9999");
            assertThat(new InsightSettings(node).rottingLimits()).isEqualTo(new RottingLimits(30, 21, 10, 7));
        } finally {
            node.removeNode();
        }
    }
}
