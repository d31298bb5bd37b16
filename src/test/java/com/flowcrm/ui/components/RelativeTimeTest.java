package com.flowcrm.ui.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static String ago(Duration age) {
        return RelativeTime.since(NOW.minus(age), NOW, ZoneOffset.UTC);
    }

    @Test
    void saysHowLongAgo() {
        assertThat(ago(Duration.ofSeconds(20))).isEqualTo("just now");
        assertThat(ago(Duration.ofMinutes(5))).isEqualTo("5 min ago");
        assertThat(ago(Duration.ofHours(3))).isEqualTo("3 h ago");
        assertThat(ago(Duration.ofHours(30))).isEqualTo("yesterday");
        assertThat(ago(Duration.ofDays(6))).isEqualTo("Mar 4");
        assertThat(ago(Duration.ofDays(400))).isEqualTo("Feb 3, 2025");
        assertThat(RelativeTime.since(null, NOW, ZoneOffset.UTC)).isEmpty();
        assertThat(RelativeTime.since(NOW.plusSeconds(30), NOW, ZoneOffset.UTC)).isEqualTo("just now");
    }
}
