package com.flowcrm.ui.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentChangesTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RecentChanges changes = new RecentChanges(nanos::get);

    @Test
    void aMarkedItemStaysHighlightedForTheHighlightTimeThenNot() {
        changes.mark("d1");
        assertThat(changes.isHighlighted("d1")).isTrue();
        assertThat(changes.remaining("d1")).isEqualTo(RecentChanges.HIGHLIGHT);
        assertThat(changes.isHighlighted("d2")).isFalse();

        nanos.addAndGet(Duration.ofMillis(1000).toNanos());
        assertThat(changes.remaining("d1")).isEqualTo(RecentChanges.HIGHLIGHT.minusMillis(1000));

        nanos.addAndGet(RecentChanges.HIGHLIGHT.toNanos());
        assertThat(changes.isHighlighted("d1")).isFalse();
        assertThat(changes.remaining("d1")).isEqualTo(Duration.ZERO);
    }

    @Test
    void everyMarkTicksThePulseAndNamesTheItem() {
        long before = changes.pulseProperty().get();
        changes.mark("d1");
        changes.mark("d2");
        assertThat(changes.pulseProperty().get()).isEqualTo(before + 2);
        assertThat(changes.lastMarked()).isEqualTo("d2");
    }

    @Test
    void markingAgainRestartsTheHighlight() {
        changes.mark("d1");
        nanos.addAndGet(Duration.ofMillis(2000).toNanos());
        changes.mark("d1");
        assertThat(changes.remaining("d1")).isEqualTo(RecentChanges.HIGHLIGHT);
        assertThat(changes.remaining(null)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aReMarkedItemOutlivesOnesMarkedAfterItsFirstMark() {
        // the purge stops at the first live entry: a re-marked id must move behind the others, not keep its old place
        changes.mark("d1");
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        changes.mark("d2");
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        changes.mark("d1");

        nanos.addAndGet(RecentChanges.HIGHLIGHT.minusMillis(50).toNanos());
        changes.mark("d3"); // purges d2 (expired), keeps d1 (re-marked later)

        assertThat(changes.isHighlighted("d2")).isFalse();
        assertThat(changes.isHighlighted("d1")).isTrue();
        assertThat(changes.isHighlighted("d3")).isTrue();
    }
}
