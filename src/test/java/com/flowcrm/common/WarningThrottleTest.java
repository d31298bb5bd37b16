package com.flowcrm.common;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WarningThrottleTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Logger log = (Logger) LoggerFactory.getLogger(WarningThrottleTest.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private WarningThrottle throttle;

    @BeforeEach
    void capture() {
        lines.start();
        log.addAppender(lines);
        throttle = new WarningThrottle(log, clock, Duration.ofSeconds(10));
    }

    @AfterEach
    void release() {
        log.detachAppender(lines);
    }

    @Test
    void logsOncePerKeyAndInterval() {
        assertThat(throttle.warn("rejected:deal:updated", "first")).isTrue();
        assertThat(throttle.warn("rejected:deal:updated", "second")).isFalse();
        assertThat(throttle.warn("unknown:x", "other key")).isTrue();
        clock.now = clock.now.plusSeconds(11);
        assertThat(throttle.warn("rejected:deal:updated", "third")).isTrue();
    }

    @Test
    void theNextLineSaysHowManyWereSuppressedAndEveryCallIsCounted() {
        throttle.warn("non-json", "Ignored a frame that is not JSON: {}", "abc");
        throttle.warn("non-json", "Ignored a frame that is not JSON: {}", "def");
        throttle.warn("non-json", "Ignored a frame that is not JSON: {}", "ghi");
        clock.now = clock.now.plusSeconds(10);
        throttle.warn("non-json", "Ignored a frame that is not JSON: {}", "jkl");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Ignored a frame that is not JSON: abc",
                "Ignored a frame that is not JSON: jkl (2 similar warnings suppressed since the last one)");
        assertThat(throttle.count("non-json")).isEqualTo(4);
        assertThat(throttle.count("never")).isZero();
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

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
}
