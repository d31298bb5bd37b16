package com.flowcrm.common;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Rate-limits a warning that can repeat for every bad input (a frame, an event, a request): at most one WARN per
 * key and interval, the next one says how many were suppressed, and every call is counted, so a misbehaving peer
 * cannot flood the log and the count is still known. Thread-safe.
 */
public final class WarningThrottle {
    private final Logger log;
    private final Clock clock;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final AtomicLong lastLoggedAt = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
        final AtomicLong total = new AtomicLong();
    }

    public WarningThrottle(Logger log, Clock clock, Duration interval) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intervalMillis = Objects.requireNonNull(interval, "interval").toMillis();
    }

    /**
     * Logs {@code format} (SLF4J style, {@code {}} for each argument) at WARN unless the same key was logged less
     * than an interval ago; returns whether it logged.
     */
    public boolean warn(String key, String format, Object... args) {
        Window window = windows.computeIfAbsent(key, k -> new Window());
        window.total.incrementAndGet();
        long now = clock.millis();
        long last = window.lastLoggedAt.get();
        // the compare-and-set lets exactly one of several threads racing past the interval log
        if ((last != Long.MIN_VALUE && now - last < intervalMillis) || !window.lastLoggedAt.compareAndSet(last, now)) {
            window.suppressed.incrementAndGet();
            return false;
        }
        long suppressed = window.suppressed.getAndSet(0);
        if (suppressed == 0) {
            log.warn(format, args);
        } else {
            Object[] all = Arrays.copyOf(args, args.length + 1);
            all[args.length] = suppressed;
            log.warn(format + " ({} similar warnings suppressed since the last one)", all);
        }
        return true;
    }

    /** How many times {@link #warn} was called with this key, logged or not. */
    public long count(String key) {
        Window window = windows.get(key);
        return window == null ? 0 : window.total.get();
    }
}
