package com.flowcrm.demo;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** Counts rejected input per kind and logs at most one WARN per kind and interval, so a flood cannot drown the log. */
final class RateLimitedWarnings {
    private static final long INTERVAL_MILLIS = 10_000;

    private final Logger log;
    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> lastLogged = new ConcurrentHashMap<>();

    RateLimitedWarnings(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void warn(String kind, String detail) {
        long count = counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        long now = clock.millis();
        Long previous = lastLogged.get(kind);
        boolean due = previous == null || now - previous >= INTERVAL_MILLIS;
        if (due && (previous == null ? lastLogged.putIfAbsent(kind, now) == null
                : lastLogged.replace(kind, previous, now))) {
            log.warn("{}: {} ({} so far)", kind, detail, count);
        }
    }

    long count(String kind) {
        AtomicLong count = counts.get(kind);
        return count == null ? 0 : count.get();
    }
}
