package com.flowcrm.store.insights;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.RelationshipHealth;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes {@link PipelineInsights} from deals and contacts in one pass over each, by the rules of
 * {@link DealRules}. Pure apart from the injected clock. The methods taking model objects read them, so call those
 * on the thread that owns them (the UI thread, or the CLI's store thread); the ones taking {@link DealFacts} and
 * {@link ContactFacts} (copies) run on any thread, which is how the Insights view keeps this off the UI thread.
 */
public final class InsightsCalculator {
    private static final DealStage[] STAGES = DealStage.values();
    private static final DealStage[] OPEN_STAGES =
            java.util.Arrays.stream(STAGES).filter(s -> !s.isClosed()).toArray(DealStage[]::new);
    private static final Comparator<AtRiskDeal> HIGHEST_VALUE_FIRST = (a, b) -> {
        int c = Double.compare(b.value(), a.value());
        if (c == 0) {
            c = a.title().compareTo(b.title());
        }
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    /** Written out: a Comparator chain costs more than the sort itself over tens of thousands of contacts. */
    private static final Comparator<ContactHealth.FollowUpDue> MOST_OVERDUE_FIRST = (a, b) -> {
        int c = a.due().compareTo(b.due());
        return c != 0 ? c : a.contactId().compareTo(b.contactId());
    };

    private final Clock clock;

    public InsightsCalculator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Everything, as of the clock's now. */
    public PipelineInsights compute(Collection<Deal> deals, Collection<Contact> contacts, RottingLimits limits) {
        return compute(deals, contactHealth(contacts), limits);
    }

    /** The contacts' part alone, as of the clock's now (it changes less often than the deals' part). */
    public ContactHealth contactHealth(Collection<Contact> contacts) {
        return contactHealth(contacts, clock.instant());
    }

    /** {@link #contactHealth(Collection)} from copies, on any thread. */
    public ContactHealth contactHealthOfFacts(Collection<ContactFacts> contacts) {
        return contactHealthOfFacts(contacts, clock.instant());
    }

    /** The deals' part as of the clock's now, with a contacts' part computed before. */
    public PipelineInsights compute(Collection<Deal> deals, ContactHealth contacts, RottingLimits limits) {
        List<DealFacts> facts = new ArrayList<>(deals.size());
        for (Deal d : deals) {
            facts.add(DealFacts.of(d));
        }
        return computeOfFacts(facts, contacts, limits);
    }

    /** {@link #compute(Collection, ContactHealth, RottingLimits)} from copies, on any thread. */
    public PipelineInsights computeOfFacts(Collection<DealFacts> deals, ContactHealth contacts, RottingLimits limits) {
        Instant now = clock.instant();
        YearMonth thisMonth = DealRules.thisMonth(now);
        LocalDate today = DealRules.today(now);
        LocalDate winRateFrom = today.minusDays(KeyFigures.WIN_RATE_DAYS - 1L);

        ForecastTally forecast = new ForecastTally(thisMonth);
        Map<DealStage, DealGroup.Tally> stages = tallies(STAGES);
        DealGroup.Tally open = new DealGroup.Tally();
        DealGroup.Tally closingThisMonth = new DealGroup.Tally();
        DealGroup.Tally won = new DealGroup.Tally();
        DealGroup.Tally lost = new DealGroup.Tally();
        List<AtRiskDeal> atRisk = new ArrayList<>();
        for (DealFacts d : deals) {
            stages.get(d.stage()).add(d);
            LocalDate closeDay = d.closeDay();
            if (DealRules.isOpen(d)) {
                open.add(d);
                int bar = forecast.add(d, closeDay);
                if (bar == ForecastTally.THIS_MONTH) {
                    closingThisMonth.add(d);
                }
                if (DealRules.isAtRisk(d, now, limits)) {
                    atRisk.add(new AtRiskDeal(d.id(), d.title(), d.company(), d.stage(), d.value(),
                            DealRules.riskReasons(d, now, limits), DealRules.isRotting(d, now, limits)));
                }
            } else if (closeDay != null && !closeDay.isBefore(winRateFrom) && !closeDay.isAfter(today)) {
                (d.stage() == DealStage.CLOSED_WON ? won : lost).add(d);
            }
        }
        atRisk.sort(HIGHEST_VALUE_FIRST);
        Map<DealStage, DealGroup> stageGroups = new EnumMap<>(DealStage.class);
        stages.forEach((stage, tally) -> stageGroups.put(stage, tally.toGroup()));
        return new PipelineInsights(now, limits,
                new KeyFigures(open.toGroup(), closingThisMonth.toGroup(), won.toGroup(), lost.toGroup()),
                forecast.toForecast(), stageGroups, atRisk, contacts);
    }

    /** The health mix and the follow-ups due (at or before now), most overdue first. */
    static ContactHealth contactHealth(Collection<Contact> contacts, Instant now) {
        List<ContactFacts> facts = new ArrayList<>(contacts.size());
        for (Contact c : contacts) {
            facts.add(ContactFacts.of(c));
        }
        return contactHealthOfFacts(facts, now);
    }

    static ContactHealth contactHealthOfFacts(Collection<ContactFacts> contacts, Instant now) {
        int[] mix = new int[RelationshipHealth.values().length];
        List<ContactHealth.FollowUpDue> due = new ArrayList<>();
        for (ContactFacts c : contacts) {
            mix[c.health().ordinal()]++;
            Instant next = c.nextFollowUp();
            if (next != null && !next.isAfter(now)) {
                long days = (now.getEpochSecond() - next.getEpochSecond() - (now.getNano() < next.getNano() ? 1 : 0)) / 86_400;
                due.add(new ContactHealth.FollowUpDue(c.id(), c.name(), c.company(), next, days, c.health(),
                        c.healthScore()));
            }
        }
        due.sort(MOST_OVERDUE_FIRST);
        return new ContactHealth(mix[RelationshipHealth.HIGH.ordinal()], mix[RelationshipHealth.MEDIUM.ordinal()],
                mix[RelationshipHealth.LOW.ordinal()], due);
    }

    private static Map<DealStage, DealGroup.Tally> tallies(DealStage[] stages) {
        Map<DealStage, DealGroup.Tally> tallies = new EnumMap<>(DealStage.class);
        for (DealStage s : stages) {
            tallies.put(s, new DealGroup.Tally());
        }
        return tallies;
    }

    /** The open deals by forecast bar, and per open stage within each bar. */
    private static final class ForecastTally {
        static final int THIS_MONTH = 0;
        static final int NO_DATE = Integer.MIN_VALUE;
        private final YearMonth thisMonth;
        private final BucketTally[] months = new BucketTally[Forecast.MONTHS];
        private final BucketTally overdue = new BucketTally();
        private final BucketTally later = new BucketTally();
        private final DealGroup.Tally undated = new DealGroup.Tally();

        ForecastTally(YearMonth thisMonth) {
            this.thisMonth = thisMonth;
            for (int i = 0; i < months.length; i++) {
                months[i] = new BucketTally();
            }
        }

        /** Adds an open deal to its bar; returns the months from this month to its close month (or NO_DATE). */
        int add(DealFacts d, LocalDate closeDay) {
            if (closeDay == null) {
                undated.add(d);
                return NO_DATE;
            }
            // months between, without a YearMonth per deal
            int offset = (closeDay.getYear() - thisMonth.getYear()) * 12 + closeDay.getMonthValue() - thisMonth.getMonthValue();
            BucketTally bucket = offset < 0 ? overdue : offset >= Forecast.MONTHS ? later : months[offset];
            bucket.add(d);
            return offset;
        }

        Forecast toForecast() {
            List<ForecastBucket> monthBuckets = new ArrayList<>(Forecast.MONTHS);
            for (int i = 0; i < months.length; i++) {
                YearMonth month = thisMonth.plusMonths(i);
                monthBuckets.add(months[i].toBucket(month.toString(), month));
            }
            return new Forecast(thisMonth, monthBuckets, overdue.toBucket(ForecastBucket.OVERDUE, null),
                    later.toBucket(ForecastBucket.LATER, null), undated.toGroup());
        }
    }

    private static final class BucketTally {
        private final DealGroup.Tally all = new DealGroup.Tally();
        private final Map<DealStage, DealGroup.Tally> byStage = tallies(OPEN_STAGES);

        void add(DealFacts d) {
            all.add(d);
            byStage.get(d.stage()).add(d);
        }

        ForecastBucket toBucket(String key, YearMonth month) {
            Map<DealStage, DealGroup> groups = new EnumMap<>(DealStage.class);
            byStage.forEach((stage, tally) -> groups.put(stage, tally.toGroup()));
            return new ForecastBucket(key, month, all.toGroup(), groups);
        }
    }
}
