package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WarningThrottleTest {
    @Test
    void logsOncePerKeyAndInterval() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        WarningThrottle throttle = new WarningThrottle(LoggerFactory.getLogger(WarningThrottleTest.class), clock,
                Duration.ofSeconds(10));
        assertThat(throttle.warn("rejected:deal:updated", "first")).isTrue();
        assertThat(throttle.warn("rejected:deal:updated", "second")).isFalse();
        assertThat(throttle.warn("unknown:x", "other key")).isTrue();
        clock.now = clock.now.plusSeconds(11);
        assertThat(throttle.warn("rejected:deal:updated", "third")).isTrue();
    }
}
