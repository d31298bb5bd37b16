package com.flowcrm.store;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What happened to live events: applied, rejected (invalid payload), ignored (unknown id or duplicate), unknown
 * (event name), malformed (frame without event). Counted on any thread as one atomic snapshot; the observable copy
 * is refreshed on the UI thread once per dispatcher batch.
 */
public final class StoreCounters {
    /** One consistent reading of all counters. */
    public record Snapshot(long applied, long rejected, long ignored, long unknown, long malformed) {
        public static final Snapshot ZERO = new Snapshot(0, 0, 0, 0, 0);

        public long total() {
            return applied + rejected + ignored + unknown + malformed;
        }
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.ZERO);
    private final ReadOnlyObjectWrapper<Snapshot> observable = new ReadOnlyObjectWrapper<>(this, "counters", Snapshot.ZERO);

    public Snapshot snapshot() {
        return current.get();
    }

    /** The counters as last published on the UI thread. */
    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
        return observable.getReadOnlyProperty();
    }

    void applied() {
        update(s -> new Snapshot(s.applied + 1, s.rejected, s.ignored, s.unknown, s.malformed));
    }

    void rejected() {
        update(s -> new Snapshot(s.applied, s.rejected + 1, s.ignored, s.unknown, s.malformed));
    }

    void ignored() {
        update(s -> new Snapshot(s.applied, s.rejected, s.ignored + 1, s.unknown, s.malformed));
    }

    void unknown() {
        update(s -> new Snapshot(s.applied, s.rejected, s.ignored, s.unknown + 1, s.malformed));
    }

    void malformed() {
        update(s -> new Snapshot(s.applied, s.rejected, s.ignored, s.unknown, s.malformed + 1));
    }

    /** Copies the atomic snapshot into the observable property; UI thread only. */
    void publish() {
        observable.set(current.get());
    }

    private void update(UnaryOperator<Snapshot> change) {
        current.updateAndGet(change);
    }
}
