package com.flowcrm.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** Logs at most one WARN per kind of problem per interval, so a hostile server cannot flood the log. */
final class WarningThrottle {

    private final Logger log;
    private final Clock clock;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    WarningThrottle(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** Logs {@code format} (SLF4J style) unless this kind was logged less than an interval ago. */
    void warn(String kind, String format, Object... args) {
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        long now = clock.millis();
        long last = window.lastLoggedAt.get();
        if (last != Long.MIN_VALUE && now - last < intervalMillis) {
            window.suppressed.incrementAndGet();
            return;
        }
        if (!window.lastLoggedAt.compareAndSet(last, now)) {
            window.suppressed.incrementAndGet();
            return;
        }
        long suppressed = window.suppressed.getAndSet(0);
        if (suppressed == 0) {
            log.warn(format, args);
            return;
        }
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = suppressed;
        log.warn(format + " ({} similar warnings suppressed since the last one)", all);
    }

    private static final class Window {
        final AtomicLong lastLoggedAt = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }
}
