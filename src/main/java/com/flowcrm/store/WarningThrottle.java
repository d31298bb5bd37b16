package com.flowcrm.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Rate-limits a warning that can repeat for every bad event: at most one line per key and interval, and the next
 * line says how many were suppressed, so a misbehaving backend cannot flood the log.
 */
final class WarningThrottle {
    private final Logger log;
    private final Clock clock;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        volatile long openedAt = Long.MIN_VALUE;
        final AtomicLong suppressed = new AtomicLong();
    }

    WarningThrottle(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** Logs {@code message} at WARN unless the same key was logged within the interval; returns whether it logged. */
    boolean warn(String key, String message) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        long now = clock.millis();
        synchronized (w) {
            if (w.openedAt != Long.MIN_VALUE && now - w.openedAt < intervalMillis) {
                w.suppressed.incrementAndGet();
                return false;
            }
            w.openedAt = now;
        }
        long suppressed = w.suppressed.getAndSet(0);
        if (suppressed > 0) {
            log.warn("{} ({} similar warnings suppressed)", message, suppressed);
        } else {
            log.warn(message);
        }
        return true;
    }
}
