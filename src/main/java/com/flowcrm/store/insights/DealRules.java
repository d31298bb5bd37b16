package com.flowcrm.store.insights;

import com.flowcrm.model.Deal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every insight is made of, in one place so that the Insights view, the board and {@code report} agree:
 * <ul>
 *   <li>open = stage not closed-won / closed-lost; weighted = value x probability / 100;</li>
 *   <li>a deal's month is the year and month of its expected close date as given (no time-zone shift); this month
 *       and today are taken in UTC;</li>
 *   <li>idle days = whole days since the last activity (or, without one, since the deal was created); a deal is
 *       rotting when it is open and its idle days exceed its stage's limit;</li>
 *   <li>past close date = open and the close date (as given) is before today;</li>
 *   <li>at risk = open and rotting, past its close date, with risk factors or with a competitor named.</li>
 * </ul>
 */
public final class DealRules {
    private static final long SECONDS_PER_DAY = 86_400;

    private DealRules() {
    }

    public static boolean isOpen(Deal d) {
        return !d.getStage().isClosed();
    }

    public static double weighted(Deal d) {
        return d.getValue() * d.getProbability() / 100.0;
    }

    /** Today's date in UTC. */
    public static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** This month in UTC. */
    public static YearMonth thisMonth(Instant now) {
        return YearMonth.from(today(now));
    }

    /** The month of the close date as given, or null when the deal has none. */
    public static YearMonth closeMonth(Deal d) {
        LocalDate day = d.getExpectedCloseDay();
        return day == null ? null : YearMonth.from(day);
    }

    /** When the deal last moved: its last activity, else its creation; null when the data says neither. */
    public static Instant lastTouched(Deal d) {
        return d.getLastActivity() != null ? d.getLastActivity() : d.getCreatedDate();
    }

    /** Whole days since {@link #lastTouched}, 0 when that is in the future, -1 when unknown. */
    public static long idleDays(Deal d, Instant now) {
        Instant touched = lastTouched(d);
        if (touched == null) {
            return -1;
        }
        if (touched.isAfter(now)) {
            return 0;
        }
        // Duration.between(touched, now).toDays() without the Duration: this runs for every deal on every redraw
        long seconds = now.getEpochSecond() - touched.getEpochSecond() - (now.getNano() < touched.getNano() ? 1 : 0);
        return seconds / SECONDS_PER_DAY;
    }

    /** Open, and idle for more whole days than its stage allows. */
    public static boolean isRotting(Deal d, Instant now, RottingLimits limits) {
        int limit = limits.limitDays(d.getStage());
        return limit >= 0 && idleDays(d, now) > limit;
    }

    /** Open, and its close date (as given) is before today. */
    public static boolean isPastCloseDate(Deal d, Instant now) {
        return isOpen(d) && isBeforeToday(d.getExpectedCloseDay(), now);
    }

    /** The rule of the Insights list and the board's "At risk" chip; it runs for every deal the board recounts. */
    public static boolean isAtRisk(Deal d, Instant now, RottingLimits limits) {
        return isOpen(d) && (!d.riskFactorList().isEmpty() || d.getCompetitorMentioned() != null
                || isRotting(d, now, limits) || isBeforeToday(d.getExpectedCloseDay(), now));
    }

    private static boolean isBeforeToday(LocalDate day, Instant now) {
        return day != null && day.toEpochDay() < Math.floorDiv(now.getEpochSecond(), SECONDS_PER_DAY);
    }

    /** Why the deal is at risk, most urgent first ("idle 21 days, limit 10"); empty when it is not. */
    public static List<String> riskReasons(Deal d, Instant now, RottingLimits limits) {
        List<String> reasons = new ArrayList<>();
        if (!isOpen(d)) {
            return reasons;
        }
        if (isRotting(d, now, limits)) {
            reasons.add("idle " + days(idleDays(d, now)) + ", limit " + limits.limitDays(d.getStage()));
        }
        if (isPastCloseDate(d, now)) {
            reasons.add("past close date by " + days(ChronoUnit.DAYS.between(d.getExpectedCloseDay(), today(now))));
        }
        for (String factor : d.riskFactorList()) {
            reasons.add("risk: " + factor);
        }
        if (d.getCompetitorMentioned() != null) {
            reasons.add("competitor: " + d.getCompetitorMentioned());
        }
        return reasons;
    }

    private static String days(long n) {
        return n + (n == 1 ? " day" : " days");
    }
}
