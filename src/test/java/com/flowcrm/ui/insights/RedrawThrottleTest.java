package com.flowcrm.ui.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coalescing redraw on virtual time: at once first, then at most one per interval, nothing while hidden. */
class RedrawThrottleTest {
    private static final Duration INTERVAL = Duration.ofMillis(250);
    private final VirtualTimer timer = new VirtualTimer();
    private final List<Long> redrawTimes = new ArrayList<>();
    private final RedrawThrottle throttle =
            new RedrawThrottle(INTERVAL, timer::nanoTime, timer, () -> redrawTimes.add(timer.nanoTime()));

    @Test
    void theFirstInvalidationRedrawsAtOnceAndABurstCostsOneMore() {
        throttle.setActive(true);
        throttle.invalidate();
        timer.advance(Duration.ZERO);
        assertThat(redrawTimes).containsExactly(0L);

        for (int i = 0; i < 1_000; i++) {
            throttle.invalidate();
            timer.advance(Duration.ofMillis(0));
        }
        assertThat(redrawTimes).as("nothing before the interval is over").hasSize(1);
        timer.advance(INTERVAL);
        assertThat(redrawTimes).containsExactly(0L, INTERVAL.toNanos());
        timer.advance(Duration.ofSeconds(5));
        assertThat(redrawTimes).as("nothing changed since").hasSize(2);
    }

    @Test
    void aSteadyStreamIsRedrawnAtMostFourTimesASecond() {
        throttle.setActive(true);
        for (int ms = 0; ms < 10_000; ms += 3) {
            throttle.invalidate();
            timer.advance(Duration.ofMillis(3));
        }
        timer.advance(Duration.ofSeconds(1));
        assertThat(redrawTimes.size()).isBetween(40, 41);
        for (int i = 1; i < redrawTimes.size(); i++) {
            assertThat(redrawTimes.get(i) - redrawTimes.get(i - 1)).isGreaterThanOrEqualTo(INTERVAL.toNanos());
        }
        assertThat(timer.pending()).as("no timer left behind").isZero();
    }

    @Test
    void hiddenItRedrawsNothingAndShownAgainItCatchesUpOnce() {
        throttle.invalidate();
        timer.advance(Duration.ofSeconds(1));
        assertThat(redrawTimes).as("never shown yet").isEmpty();
        throttle.setActive(true);
        timer.advance(Duration.ZERO);
        assertThat(redrawTimes).hasSize(1);

        throttle.setActive(false);
        for (int i = 0; i < 100; i++) {
            throttle.invalidate();
            timer.advance(Duration.ofMillis(100));
        }
        assertThat(redrawTimes).hasSize(1);
        throttle.setActive(true);
        timer.advance(Duration.ZERO);
        assertThat(redrawTimes).hasSize(2);
        assertThat(throttle.redraws()).isEqualTo(2);
    }

    @Test
    void aTimerFiringEarlyWaitsForTheRestOfTheInterval() {
        List<Runnable> fired = new ArrayList<>();
        long[] now = {0};
        RedrawThrottle early = new RedrawThrottle(INTERVAL, () -> now[0], (delay, task) -> fired.add(task),
                () -> redrawTimes.add(now[0]));
        early.setActive(true);
        early.invalidate();
        fired.remove(0).run();
        early.invalidate();
        now[0] = Duration.ofMillis(240).toNanos();
        fired.remove(0).run();
        assertThat(redrawTimes).as("10 ms early: no redraw yet").hasSize(1);
        now[0] = Duration.ofMillis(250).toNanos();
        fired.remove(0).run();
        assertThat(redrawTimes).hasSize(2);
    }
}
