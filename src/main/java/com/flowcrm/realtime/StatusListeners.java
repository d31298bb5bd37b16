package com.flowcrm.realtime;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of the client's {@link RealtimeStatus}: told on the scheduler thread of every change (a status equal to
 * the last one told is not told again); a listener that throws is logged and the others still hear.
 */
final class StatusListeners {
    private static final Logger log = LoggerFactory.getLogger(StatusListeners.class);

    private final CopyOnWriteArrayList<Consumer<RealtimeStatus>> listeners = new CopyOnWriteArrayList<>();
    /** Scheduler thread only. */
    private RealtimeStatus lastTold;

    void add(Consumer<RealtimeStatus> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(Consumer<RealtimeStatus> listener) {
        listeners.remove(listener);
    }

    /** Tells every listener of the status unless it is the one told last; scheduler thread. */
    void tell(RealtimeStatus status) {
        if (status.equals(lastTold)) {
            return;
        }
        lastTold = status;
        for (Consumer<RealtimeStatus> listener : listeners) {
            try {
                listener.accept(status);
            } catch (RuntimeException e) {
                log.warn("Connection status listener failed", e);
            }
        }
    }
}
