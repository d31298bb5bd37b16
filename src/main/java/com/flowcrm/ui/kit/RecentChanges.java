package com.flowcrm.ui.kit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * Which items someone else changed a moment ago. Cells are recycled while the list scrolls, so the highlight
 * lives here by id and a cell that starts showing a recently changed item picks up the rest of its highlight.
 */
public final class RecentChanges {
    /** How long a remote change stays highlighted. */
    public static final Duration HIGHLIGHT = Duration.ofMillis(2200);

    // insertion order is expiry order (every highlight lasts as long): a re-marked id moves to the end, and purging
    // stops at the first live entry, so a batch of k remote changes costs O(k), not O(k x highlighted)
    private final LinkedHashMap<String, Long> highlightedUntil = new LinkedHashMap<>();
    private final LongSupplier nanoClock;
    private final ReadOnlyLongWrapper pulse = new ReadOnlyLongWrapper(this, "pulse");
    private String lastMarked;

    public RecentChanges() {
        this(System::nanoTime);
    }

    public RecentChanges(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Records a remote change of this item and tells the listening cells. */
    public void mark(String id) {
        long now = nanoClock.getAsLong();
        purge(now);
        highlightedUntil.remove(id);
        highlightedUntil.put(id, now + HIGHLIGHT.toNanos());
        lastMarked = id;
        pulse.set(pulse.get() + 1);
    }

    /** The id of the latest {@link #mark}, read by cells when {@link #pulseProperty()} ticks. */
    public String lastMarked() {
        return lastMarked;
    }

    /** How much of this item's highlight is left; zero when it is not highlighted. */
    public Duration remaining(String id) {
        Long until = id == null ? null : highlightedUntil.get(id);
        if (until == null) {
            return Duration.ZERO;
        }
        long left = until - nanoClock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    public boolean isHighlighted(String id) {
        return !remaining(id).isZero();
    }

    /** Ticks once per {@link #mark}. */
    public ReadOnlyLongProperty pulseProperty() {
        return pulse.getReadOnlyProperty();
    }

    private void purge(long now) {
        for (Iterator<Long> it = highlightedUntil.values().iterator(); it.hasNext(); ) {
            if (it.next() > now) {
                return;
            }
            it.remove();
        }
    }
}
