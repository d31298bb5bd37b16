package com.flowcrm.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The read-only figures of the demo state: the forecast, the stage statistics and the contact statistics. */
final class DemoReports {
    private static final int MONTHS_FORECAST = 6;

    private final DemoState.Store store;
    private final Clock clock;

    DemoReports(DemoState.Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {totalPipeline, weightedForecast, dealsClosingThisMonth, monthlyForecast[{month, value, weightedValue, deals}]}. */
    JsonObject forecast() {
        YearMonth thisMonth = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        double total = 0;
        double weighted = 0;
        int closingThisMonth = 0;
        double[] monthValue = new double[MONTHS_FORECAST];
        double[] monthWeighted = new double[MONTHS_FORECAST];
        int[] monthDeals = new int[MONTHS_FORECAST];
        synchronized (store) {
            for (DealRecord deal : store.deals.values()) {
                if (!deal.stage.isOpen()) {
                    continue;
                }
                double expected = deal.value * deal.probability / 100.0;
                total += deal.value;
                weighted += expected;
                YearMonth closeMonth = YearMonth.from(deal.expectedCloseDate.atZone(ZoneOffset.UTC));
                if (closeMonth.equals(thisMonth)) {
                    closingThisMonth++;
                }
                long offset = thisMonth.until(closeMonth, java.time.temporal.ChronoUnit.MONTHS);
                if (offset >= 0 && offset < MONTHS_FORECAST) {
                    monthValue[(int) offset] += deal.value;
                    monthWeighted[(int) offset] += expected;
                    monthDeals[(int) offset]++;
                }
            }
        }
        JsonArray monthly = new JsonArray();
        for (int i = 0; i < MONTHS_FORECAST; i++) {
            JsonObject month = new JsonObject();
            month.addProperty("month", thisMonth.plusMonths(i).toString());
            month.addProperty("value", round2(monthValue[i]));
            month.addProperty("weightedValue", round2(monthWeighted[i]));
            month.addProperty("deals", monthDeals[i]);
            monthly.add(month);
        }
        JsonObject result = new JsonObject();
        result.addProperty("totalPipeline", round2(total));
        result.addProperty("weightedForecast", round2(weighted));
        result.addProperty("dealsClosingThisMonth", closingThisMonth);
        result.add("monthlyForecast", monthly);
        return result;
    }

    /** One row per stage, in pipeline order: {stage, count, totalValue, avgProbability, avgDaysInStage}. */
    JsonArray stageStats() {
        Instant now = clock.instant();
        Map<DealStage, double[]> sums = new HashMap<>();
        synchronized (store) {
            for (DealRecord deal : store.deals.values()) {
                double[] sum = sums.computeIfAbsent(deal.stage, s -> new double[4]);
                sum[0]++;
                sum[1] += deal.value;
                sum[2] += deal.probability;
                sum[3] += Duration.between(deal.stageEnteredAt, now).toHours() / 24.0;
            }
        }
        JsonArray result = new JsonArray();
        for (DealStage stage : DealStage.values()) {
            double[] sum = sums.getOrDefault(stage, new double[4]);
            double count = sum[0];
            JsonObject row = new JsonObject();
            row.addProperty("stage", stage.wireName());
            row.addProperty("count", (int) count);
            row.addProperty("totalValue", round2(sum[1]));
            row.addProperty("avgProbability", count == 0 ? 0 : round1(sum[2] / count));
            row.addProperty("avgDaysInStage", count == 0 ? 0 : round1(Math.max(0, sum[3]) / count));
            result.add(row);
        }
        return result;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }


    /** {total, highValue, atRisk, needsFollowUp}; a follow-up is needed when it is overdue or contact went quiet 30 days. */
    JsonObject contactStats() {
        Instant now = clock.instant();
        Instant quiet = now.minus(Duration.ofDays(30));
        Predicate<ContactRecord> highValue = DemoContacts.isHighValue();
        Predicate<ContactRecord> atRisk = DemoContacts.isAtRisk();
        int total;
        int high = 0;
        int risk = 0;
        int followUp = 0;
        synchronized (store) {
            total = store.contacts.size();
            for (ContactRecord contact : store.contacts.values()) {
                high += highValue.test(contact) ? 1 : 0;
                risk += atRisk.test(contact) ? 1 : 0;
                boolean overdue = contact.nextFollowUp != null ? contact.nextFollowUp.isBefore(now)
                        : contact.lastContact.isBefore(quiet);
                followUp += overdue ? 1 : 0;
            }
        }
        JsonObject result = new JsonObject();
        result.addProperty("total", total);
        result.addProperty("highValue", high);
        result.addProperty("atRisk", risk);
        result.addProperty("needsFollowUp", followUp);
        return result;
    }
}
