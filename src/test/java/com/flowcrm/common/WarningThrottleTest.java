package com.flowcrm.common;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.flowcrm.ui.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WarningThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
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
        clock.advance(Duration.ofSeconds(11));
        assertThat(throttle.warn("rejected:deal:updated", "third")).isTrue();
    }

    @Test
    void theNextLineSaysHowManyWereSuppressedAndEveryCallIsCounted() {
        throttle.warn("non-json", "Ignored a frame that is not JSON: {}", "abc");
        throttle.warn("non-json", "Ignored a frame that is not JSON: {}", "def");
        throttle.warn("non-json", "Ignored a frame that is not JSON: {}", "ghi");
        clock.advance(Duration.ofSeconds(10));
        throttle.warn("non-json", "Ignored a frame that is not JSON: {}", "jkl");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Ignored a frame that is not JSON: abc",
                "Ignored a frame that is not JSON: jkl (2 similar warnings suppressed since the last one)");
        assertThat(throttle.count("non-json")).isEqualTo(4);
        assertThat(throttle.count("never")).isZero();
    }
}
