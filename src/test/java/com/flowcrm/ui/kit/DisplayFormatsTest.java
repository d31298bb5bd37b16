package com.flowcrm.ui.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DisplayFormatsTest {
    private static final Instant NOW = Instant.parse("2026-03-10T15:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void relativeTimeReadsLikeARepWouldSayIt() {
        assertThat(DisplayFormats.relative(NOW.minusSeconds(20), CLOCK)).isEqualTo("just now");
        assertThat(DisplayFormats.relative(NOW.minus(Duration.ofMinutes(5)), CLOCK)).isEqualTo("5 minutes ago");
        assertThat(DisplayFormats.relative(NOW.minus(Duration.ofHours(1)), CLOCK)).isEqualTo("1 hour ago");
        assertThat(DisplayFormats.relative(Instant.parse("2026-03-09T09:00:00Z"), CLOCK)).isEqualTo("yesterday");
        assertThat(DisplayFormats.relative(Instant.parse("2026-03-07T09:00:00Z"), CLOCK)).isEqualTo("3 days ago");
        assertThat(DisplayFormats.relative(Instant.parse("2026-03-12T18:00:00Z"), CLOCK)).isEqualTo("in 2 days");
        assertThat(DisplayFormats.relative(Instant.parse("2026-01-01T00:00:00Z"), CLOCK)).isEqualTo("2 months ago");
        assertThat(DisplayFormats.relative(Instant.parse("2024-01-01T00:00:00Z"), CLOCK)).isEqualTo("2 years ago");
        assertThat(DisplayFormats.relative(null, CLOCK)).isEqualTo("\u2014");
    }

    @Test
    void moneyIsFullInPanelsAndCompactOnCards() {
        assertThat(DisplayFormats.money(125_000)).isEqualTo("$125,000");
        assertThat(DisplayFormats.compactMoney(125_000)).isEqualTo("$125K");
        assertThat(DisplayFormats.compactMoney(1_250_000)).isEqualTo("$1.3M");
        assertThat(DisplayFormats.compactMoney(2_000_000)).isEqualTo("$2M");
        assertThat(DisplayFormats.compactMoney(950)).isEqualTo("$950");
        assertThat(DisplayFormats.compactMoney(85_500)).isEqualTo("$85.5K");
        assertThat(DisplayFormats.compactMoney(351_300)).isEqualTo("$351K");
        assertThat(DisplayFormats.compactMoney(0)).isEqualTo("$0");
    }

    @Test
    void countsHaveThousandsSeparators() {
        assertThat(DisplayFormats.count(0)).isEqualTo("0");
        assertThat(DisplayFormats.count(999)).isEqualTo("999");
        assertThat(DisplayFormats.count(1_000)).isEqualTo("1,000");
        assertThat(DisplayFormats.count(12_345)).isEqualTo("12,345");
        assertThat(DisplayFormats.count(123_456_789)).isEqualTo("123,456,789");
        assertThat(DisplayFormats.count(-1_234)).isEqualTo("-1,234");
        assertThat(DisplayFormats.money(-1_234.4)).isEqualTo("-$1,234");
    }

    @Test
    void datesAndLabels() {
        assertThat(DisplayFormats.date(Instant.parse("2026-03-03T00:00:00Z"), ZoneOffset.UTC)).isEqualTo("Mar 3, 2026");
        assertThat(DisplayFormats.label(com.flowcrm.model.DealStage.CLOSED_WON)).isEqualTo("Closed won");
        assertThat(DisplayFormats.shortDate(Instant.parse("2026-12-24T00:00:00Z"), ZoneOffset.UTC, NOW)).isEqualTo("Dec 24");
        assertThat(DisplayFormats.shortDate(Instant.parse("2027-02-04T00:00:00Z"), ZoneOffset.UTC, NOW)).isEqualTo("Feb 4 '27");
    }

    @Test
    void failureReasonUnwrapsTheSessionsMessage() {
        RuntimeException refused = new RuntimeException("Deal is locked by a manager.");
        assertThat(DisplayFormats.failureReason(new CompletionException(refused))).isEqualTo("Deal is locked by a manager.");
        assertThat(DisplayFormats.failureReason(new CompletionException(new RuntimeException())))
                .isEqualTo("The server did not accept the change.");
    }
}
