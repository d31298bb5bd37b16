package com.flowcrm.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When each fault of a run strikes, decided before it starts (from the plan's seed, so a run can be repeated).
 * Stalls come first and get a quiet stretch before them (no cut or restart in the 30 s before a stall and none
 * during it), so that both clients are live when a stall starts and the stall alone is what the dead-link detector
 * has to notice. Restarts keep their two-minute rhythm, stepping just before or after a stall's window; cuts follow
 * their own 45 s +- 15 s rhythm and step out of the way of stalls and restarts.
 */
final class FaultSchedule {
    /** The kinds of fault the run injects on a schedule (latency spikes run on their own, see {@link FaultProxy}). */
    enum Kind { DROP, STALL, RESTART }

    /** One fault: when it strikes (from the start of the run) and, for a stall, how long it lasts. */
    record Fault(Duration at, Kind kind, Duration length) {
    }

    private static final Duration QUIET_BEFORE_STALL = Duration.ofSeconds(30);
    private static final Duration AFTER_STALL = Duration.ofSeconds(10);
    private static final Duration AROUND_RESTART = Duration.ofSeconds(15);
    private static final Duration END_MARGIN = Duration.ofSeconds(5);

    private FaultSchedule() {
    }

    static List<Fault> of(SoakPlan plan) {
        Random random = new Random(plan.seed());
        long end = plan.duration().toMillis();
        List<Fault> faults = new ArrayList<>();

        List<long[]> stalls = new ArrayList<>();
        for (long at = plan.firstStallAt().toMillis(); at + plan.stallFor().toMillis() + AFTER_STALL.toMillis() <= end;
                at += plan.stallEvery().toMillis()) {
            stalls.add(new long[] {at, at + plan.stallFor().toMillis()});
            faults.add(new Fault(Duration.ofMillis(at), Kind.STALL, plan.stallFor()));
        }

        List<Long> restarts = new ArrayList<>();
        for (long at = plan.restartEvery().toMillis(); at <= end - END_MARGIN.toMillis();
                at += plan.restartEvery().toMillis()) {
            long moved = outOfStallWindows(at, stalls, restarts.isEmpty() ? 0 : restarts.getLast(),
                    plan.restartEvery().toMillis() / 2);
            if (moved <= end - END_MARGIN.toMillis() && (restarts.isEmpty() || moved > restarts.getLast())) {
                restarts.add(moved);
                faults.add(new Fault(Duration.ofMillis(moved), Kind.RESTART, Duration.ZERO));
            }
        }

        long at = next(0, plan, random);
        while (at <= end - END_MARGIN.toMillis()) {
            long moved = outOfStalls(at, stalls, QUIET_BEFORE_STALL.toMillis(), AFTER_STALL.toMillis());
            for (long restart : restarts) {
                if (Math.abs(moved - restart) < AROUND_RESTART.toMillis()) {
                    moved = outOfStalls(restart + AROUND_RESTART.toMillis(), stalls, QUIET_BEFORE_STALL.toMillis(),
                            AFTER_STALL.toMillis());
                }
            }
            if (moved > end - END_MARGIN.toMillis()) {
                break;
            }
            faults.add(new Fault(Duration.ofMillis(moved), Kind.DROP, Duration.ZERO));
            at = next(moved, plan, random);
        }
        faults.sort(Comparator.comparing(Fault::at));
        return List.copyOf(faults);
    }

    private static long next(long from, SoakPlan plan, Random random) {
        long jitter = plan.dropJitter().toMillis();
        return from + plan.dropMean().toMillis() - jitter + (long) (random.nextDouble() * 2 * jitter);
    }

    /**
     * A restart keeps its rhythm: one that falls into a stall's window moves just before the window when that leaves
     * at least {@code minGap} since the previous restart, else just after it.
     */
    private static long outOfStallWindows(long at, List<long[]> stalls, long previous, long minGap) {
        for (long[] stall : stalls) {
            long windowStart = stall[0] - QUIET_BEFORE_STALL.toMillis();
            long windowEnd = stall[1] + AFTER_STALL.toMillis();
            if (at >= windowStart && at < windowEnd) {
                long before = windowStart - 1_000;
                return before - previous >= minGap ? before : windowEnd;
            }
        }
        return at;
    }

    /** The time itself, or the end of the stall window (quiet stretch before, stall, settling after) it falls in. */
    private static long outOfStalls(long at, List<long[]> stalls, long quietBefore, long after) {
        long moved = at;
        for (long[] stall : stalls) {
            if (moved >= stall[0] - quietBefore && moved < stall[1] + after) {
                moved = stall[1] + after;
            }
        }
        return moved;
    }
}
