package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WarningThrottleTest {
    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void logsOncePerKeyAndInterval() {
        MovableClock clock = new MovableClock();
        WarningThrottle throttle = new WarningThrottle(LoggerFactory.getLogger(WarningThrottleTest.class), clock,
                Duration.ofSeconds(10));
        assertThat(throttle.warn("rejected:deal:updated", "first")).isTrue();
        assertThat(throttle.warn("rejected:deal:updated", "second")).isFalse();
        assertThat(throttle.warn("unknown:x", "other key")).isTrue();
        clock.now = clock.now.plusSeconds(11);
        assertThat(throttle.warn("rejected:deal:updated", "third")).isTrue();
    }
}
