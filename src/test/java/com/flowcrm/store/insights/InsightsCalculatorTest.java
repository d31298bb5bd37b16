package com.flowcrm.store.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forecast, stage and key-figure rules on hand-made deals, around the turn of the year. */
class InsightsCalculatorTest {
    private static final Instant MID_DECEMBER = Instant.parse("2026-12-15T10:00:00Z");
    private final List<Deal> deals = new ArrayList<>();

    private Deal deal(String id, DealStage stage, double value, int probability, String close) {
        Deal d = new Deal(id);
        d.setTitle("Deal " + id);
        d.setStage(stage);
        d.setValue(value);
        d.setProbability(probability);
        if (close != null) {
            d.setExpectedCloseAsGiven(close.length() == 10 ? OffsetDateTime.parse(close + "T00:00:00Z")
                    : OffsetDateTime.parse(close));
        }
        d.setLastActivity(MID_DECEMBER.minus(Duration.ofDays(1)));
        deals.add(d);
        return d;
    }

    private PipelineInsights at(Instant now) {
        return new InsightsCalculator(Clock.fixed(now, ZoneOffset.UTC)).compute(deals, List.<Contact>of(), RottingLimits.DEFAULTS);
    }

    @Test
    void monthsRunFromThisMonthInUtcForSixMonthsAcrossTheNewYear() {
        Forecast forecast = at(MID_DECEMBER).forecast();
        assertThat(forecast.thisMonth()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(forecast.months()).extracting(ForecastBucket::key)
                .containsExactly("2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05");
        assertThat(forecast.bars()).extracting(ForecastBucket::key).startsWith("overdue").endsWith("later").hasSize(8);
    }

    @Test
    void aDealCountsInTheMonthOfItsCloseDateAsGivenNotInUtc() {
        deal("eve", DealStage.PROPOSAL, 1000, 50, "2026-12-31T23:00:00-05:00");
        deal("newyear", DealStage.PROPOSAL, 2000, 50, "2027-01-01T00:30:00+01:00");
        Forecast forecast = at(MID_DECEMBER).forecast();
        assertThat(forecast.months().get(0).all().dealIds()).as("Dec 31 in New York is a December deal").containsExactly("eve");
        assertThat(forecast.months().get(1).all().dealIds()).as("Jan 1 in Paris is a January deal").containsExactly("newyear");
    }

    @Test
    void overdueIsBeforeTheFirstOfThisMonthAndLaterIsAfterTheSixthMonth() {
        deal("nov30", DealStage.PROSPECT, 100, 10, "2026-11-30");
        deal("dec1", DealStage.PROSPECT, 200, 10, "2026-12-01");
        deal("may31", DealStage.QUALIFIED, 300, 20, "2027-05-31");
        deal("jun1", DealStage.QUALIFIED, 400, 20, "2027-06-01");
        deal("undated", DealStage.NEGOTIATION, 500, 80, null);
        Forecast forecast = at(MID_DECEMBER).forecast();
        assertThat(forecast.overdue().all().dealIds()).containsExactly("nov30");
        assertThat(forecast.months().get(0).all().dealIds()).as("earlier this month is this month, not overdue")
                .containsExactly("dec1");
        assertThat(forecast.months().get(5).all().dealIds()).containsExactly("may31");
        assertThat(forecast.later().all().dealIds()).containsExactly("jun1");
        assertThat(forecast.undated().dealIds()).containsExactly("undated");
    }

    @Test
    void onNewYearsDayDecemberBecomesOverdue() {
        deal("eve", DealStage.PROPOSAL, 1000, 50, "2026-12-31T23:00:00-05:00");
        assertThat(at(Instant.parse("2026-12-31T23:59:59Z")).forecast().months().get(0).all().count()).isEqualTo(1);
        Forecast january = at(Instant.parse("2027-01-01T00:00:00Z")).forecast();
        assertThat(january.thisMonth()).isEqualTo(YearMonth.of(2027, 1));
        assertThat(january.overdue().all().dealIds()).containsExactly("eve");
        assertThat(january.months().get(5).month()).isEqualTo(YearMonth.of(2027, 6));
    }

    @Test
    void barsAreStackedByOpenStageWithTotalAndWeightedValue() {
        deal("a", DealStage.PROSPECT, 1000, 10, "2027-02-10");
        deal("b", DealStage.PROPOSAL, 3000, 50, "2027-02-20");
        deal("c", DealStage.PROPOSAL, 5000, 60, "2027-02-28");
        ForecastBucket february = at(MID_DECEMBER).forecast().months().get(2);
        assertThat(february.all().count()).isEqualTo(3);
        assertThat(february.all().total()).isEqualTo(9000);
        assertThat(february.all().weighted()).isCloseTo(100 + 1500 + 3000, within(1e-9));
        assertThat(february.stage(DealStage.PROPOSAL).dealIds()).containsExactly("b", "c");
        assertThat(february.stage(DealStage.PROPOSAL).weighted()).isCloseTo(4500, within(1e-9));
        assertThat(february.byStage().keySet()).as("every open stage, and only those")
                .containsExactlyInAnyOrder(DealStage.PROSPECT, DealStage.QUALIFIED, DealStage.PROPOSAL, DealStage.NEGOTIATION);
        assertThat(february.stage(DealStage.QUALIFIED)).isEqualTo(DealGroup.EMPTY);
    }

    @Test
    void closedDealsAreLeftOutOfTheForecastTheOpenPipelineAndTheRiskList() {
        Deal won = deal("won", DealStage.CLOSED_WON, 7000, 100, "2026-11-01");
        won.getRiskFactors().add("churn");
        deal("lost", DealStage.CLOSED_LOST, 9000, 0, "2026-12-20");
        deal("open", DealStage.NEGOTIATION, 1000, 80, "2026-12-20");
        PipelineInsights insights = at(MID_DECEMBER);
        assertThat(insights.forecast().bars()).allSatisfy(b -> assertThat(b.all().dealIds()).doesNotContain("won", "lost"));
        assertThat(insights.figures().open().dealIds()).containsExactly("open");
        assertThat(insights.figures().open().total()).isEqualTo(1000);
        assertThat(insights.figures().open().weighted()).isEqualTo(800);
        assertThat(insights.figures().closingThisMonth().dealIds()).containsExactly("open");
        assertThat(insights.atRisk()).isEmpty();
        assertThat(insights.stage(DealStage.CLOSED_WON).total()).as("the stage totals keep every stage").isEqualTo(7000);
        assertThat(insights.stage(DealStage.CLOSED_WON).weighted()).isEqualTo(7000);
        assertThat(insights.stage(DealStage.CLOSED_LOST).count()).isEqualTo(1);
    }

    @Test
    void averageOpenDealSizeAndClosingThisMonth() {
        deal("a", DealStage.PROSPECT, 1000, 10, "2026-12-31");
        deal("b", DealStage.QUALIFIED, 3000, 30, "2027-01-01");
        KeyFigures figures = at(MID_DECEMBER).figures();
        assertThat(figures.averageOpenDealSize()).hasValue(2000);
        assertThat(figures.closingThisMonth().dealIds()).containsExactly("a");
        assertThat(figures.closingThisMonth().total()).isEqualTo(1000);
        deals.clear();
        assertThat(at(MID_DECEMBER).figures().averageOpenDealSize()).isEmpty();
    }

    @Test
    void winRateCountsDealsClosedInTheLastNinetyDaysOnly() {
        // today is 2026-12-15: the window is 2026-09-17 .. 2026-12-15
        deal("w-edge", DealStage.CLOSED_WON, 100, 100, "2026-09-17");
        deal("w-today", DealStage.CLOSED_WON, 100, 100, "2026-12-15T23:00:00-05:00");
        deal("w-old", DealStage.CLOSED_WON, 100, 100, "2026-09-16");
        deal("w-future", DealStage.CLOSED_WON, 100, 100, "2026-12-16");
        deal("l-1", DealStage.CLOSED_LOST, 100, 0, "2026-10-01");
        deal("open", DealStage.PROPOSAL, 100, 50, "2026-10-01");
        KeyFigures figures = at(MID_DECEMBER).figures();
        assertThat(figures.wonRecently().dealIds()).containsExactlyInAnyOrder("w-edge", "w-today");
        assertThat(figures.lostRecently().dealIds()).containsExactly("l-1");
        assertThat(figures.winRate()).hasValue(2 / 3.0);
    }

    @Test
    void noWinRateWithoutRecentlyClosedDeals() {
        deal("open", DealStage.PROPOSAL, 100, 50, "2026-10-01");
        deal("w-old", DealStage.CLOSED_WON, 100, 100, "2026-01-01");
        assertThat(at(MID_DECEMBER).figures().winRate()).isEmpty();
    }

    @Test
    void atRiskListSaysWhyAndIsSortedByValue() {
        Deal idle = deal("idle", DealStage.PROPOSAL, 5000, 50, "2027-02-01");
        idle.setLastActivity(MID_DECEMBER.minus(Duration.ofDays(21)));
        Deal late = deal("late", DealStage.NEGOTIATION, 9000, 80, "2026-12-12");
        Deal risky = deal("risky", DealStage.QUALIFIED, 7000, 30, "2027-03-01");
        risky.getRiskFactors().add("Budget freeze");
        risky.setCompetitorMentioned("Initech");
        deal("fine", DealStage.PROSPECT, 99_000, 10, "2027-03-01");

        List<AtRiskDeal> atRisk = at(MID_DECEMBER).atRisk();
        assertThat(atRisk).extracting(AtRiskDeal::id).containsExactly("late", "risky", "idle");
        assertThat(atRisk.get(0).reasons()).containsExactly("past close date by 3 days");
        assertThat(atRisk.get(1).reasons()).containsExactly("risk: Budget freeze", "competitor: Initech");
        assertThat(atRisk.get(2).reasons()).containsExactly("idle 21 days, limit 10");
        assertThat(atRisk.get(2).rotting()).isTrue();
        assertThat(atRisk.get(0).rotting()).isFalse();
    }
}
