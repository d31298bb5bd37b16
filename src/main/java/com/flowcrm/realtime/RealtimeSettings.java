package com.flowcrm.realtime;

import com.flowcrm.common.UrlRedaction;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Timing and limits of {@link RealtimeClient}. {@link #defaults()} holds the product's numbers; tests shorten the
 * delays or inject a virtual clock and scheduler through the {@code with...} copies.
 *
 * @param initialBackoff       delay before reconnect attempt 1; attempt n waits {@code initialBackoff * 2^(n-1)}
 * @param maxAttempts          fast attempts before OFFLINE
 * @param jitterRatio          up to this fraction is added to every delay at random (0.2 = up to 20% longer)
 * @param offlineRetryInterval slow automatic retry while OFFLINE (jitter applies too)
 * @param stableAfter          an open connection this old resets the attempt counter
 * @param pingInterval         a WebSocket ping frame is sent this often while connected
 * @param silenceTimeout       no frame at all for this long declares the connection lost
 * @param pingAnswerTimeout    no frame at all this long after a ping declares the connection lost too: a link that
 *                             went silent is noticed within {@code pingInterval + pingAnswerTimeout}, not only after
 *                             the whole {@code silenceTimeout}
 * @param connectTimeout       an attempt that is not open after this long fails; also bounds a token refresh
 * @param outgoingQueueCapacity messages kept while not connected; the oldest is dropped (and counted) beyond it
 * @param maxFrameBytes        larger incoming frames close the connection with 1009
 * @param warnInterval         at most one WARN per kind of bad input in this interval
 * @param clock                time source for timestamps and the heartbeat
 * @param schedulerFactory     creates the scheduler thread that owns the state machine (one per client)
 * @param random               uniform values in [0, 1) for jitter
 */
public record RealtimeSettings(Duration initialBackoff, int maxAttempts, double jitterRatio,
                               Duration offlineRetryInterval, Duration stableAfter, Duration pingInterval,
                               Duration silenceTimeout, Duration pingAnswerTimeout, Duration connectTimeout,
                               int outgoingQueueCapacity, int maxFrameBytes, Duration warnInterval, Clock clock,
                               Supplier<RealtimeScheduler> schedulerFactory, DoubleSupplier random) {

    /** Environment variable with the WebSocket URL (the web client's {@code VITE_WS_URL}). */
    public static final String URL_VARIABLE = "FLOW_WS_URL";
    /** URL used when {@link #URL_VARIABLE} is not set. */
    public static final URI DEFAULT_URL = URI.create("ws://localhost:4545");

    public RealtimeSettings {
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(offlineRetryInterval, "offlineRetryInterval");
        requirePositive(stableAfter, "stableAfter");
        requirePositive(pingInterval, "pingInterval");
        requirePositive(silenceTimeout, "silenceTimeout");
        requirePositive(pingAnswerTimeout, "pingAnswerTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(warnInterval, "warnInterval");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (!(jitterRatio >= 0 && jitterRatio <= 1)) {
            throw new IllegalArgumentException("jitterRatio must be between 0 and 1, was " + jitterRatio);
        }
        if (outgoingQueueCapacity < 1) {
            throw new IllegalArgumentException("outgoingQueueCapacity must be at least 1, was " + outgoingQueueCapacity);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, was " + maxFrameBytes);
        }
        if (clock == null || schedulerFactory == null || random == null) {
            throw new IllegalArgumentException("clock, schedulerFactory and random must not be null");
        }
    }

    /** The numbers: 1 s backoff doubling over 5 attempts, 20% jitter, 60 s offline retry, 10 s stable,
     *  ping 15 s, lost after 30 s of silence or 10 s without an answer to a ping (so a stalled link is noticed within
     *  25 s), connect timeout 10 s, 500 queued messages, 1 MiB frames. */
    public static RealtimeSettings defaults() {
        return new RealtimeSettings(Duration.ofSeconds(1), 5, 0.2, Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10), 500,
                1024 * 1024, Duration.ofSeconds(60), Clock.systemUTC(),
                () -> RealtimeScheduler.daemonThread("flow-realtime"), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The WebSocket URL from {@code FLOW_WS_URL} in the given environment, else {@link #DEFAULT_URL}.
     *
     * @throws IllegalArgumentException when the variable is not a ws:// or wss:// URL
     */
    public static URI urlFromEnvironment(Map<String, String> environment) {
        String value = environment.get(URL_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_URL;
        }
        try {
            return requireWebSocketUrl(URI.create(value.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not a usable WebSocket URL ("
                    + UrlRedaction.redact(value) + "): " + UrlRedaction.redact(e.getMessage()), e);
        }
    }

    /** The URI itself when it is an absolute ws:// or wss:// URL with a host. */
    public static URI requireWebSocketUrl(URI url) {
        if (url == null) {
            throw new IllegalArgumentException("WebSocket URL must not be null");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
            throw new IllegalArgumentException("WebSocket URL must start with ws:// or wss://: "
                    + UrlRedaction.redact(url));
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("WebSocket URL has no host: " + UrlRedaction.redact(url));
        }
        return url;
    }

    public RealtimeSettings withBackoff(Duration initial, int attempts) {
        return edit(b -> {
            b.initialBackoff = initial;
            b.maxAttempts = attempts;
        });
    }

    public RealtimeSettings withJitter(double ratio, DoubleSupplier randomSource) {
        return edit(b -> {
            b.jitterRatio = ratio;
            b.random = randomSource;
        });
    }

    public RealtimeSettings withOfflineRetry(Duration interval, Duration stable) {
        return edit(b -> {
            b.offlineRetryInterval = interval;
            b.stableAfter = stable;
        });
    }

    public RealtimeSettings withHeartbeat(Duration ping, Duration silence) {
        return edit(b -> {
            b.pingInterval = ping;
            b.silenceTimeout = silence;
        });
    }

    public RealtimeSettings withPingAnswerTimeout(Duration timeout) {
        return edit(b -> b.pingAnswerTimeout = timeout);
    }

    public RealtimeSettings withConnectTimeout(Duration timeout) {
        return edit(b -> b.connectTimeout = timeout);
    }

    public RealtimeSettings withLimits(int queueCapacity, int frameBytes) {
        return edit(b -> {
            b.outgoingQueueCapacity = queueCapacity;
            b.maxFrameBytes = frameBytes;
        });
    }

    public RealtimeSettings withWarnInterval(Duration interval) {
        return edit(b -> b.warnInterval = interval);
    }

    public RealtimeSettings withTime(Clock newClock, Supplier<RealtimeScheduler> newSchedulerFactory) {
        return edit(b -> {
            b.clock = newClock;
            b.schedulerFactory = newSchedulerFactory;
        });
    }

    /** A validated copy with the changes applied; the one place that lists every component. */
    private RealtimeSettings edit(Consumer<Copy> changes) {
        Copy b = new Copy(this);
        changes.accept(b);
        return new RealtimeSettings(b.initialBackoff, b.maxAttempts, b.jitterRatio, b.offlineRetryInterval,
                b.stableAfter, b.pingInterval, b.silenceTimeout, b.pingAnswerTimeout, b.connectTimeout,
                b.outgoingQueueCapacity, b.maxFrameBytes, b.warnInterval, b.clock, b.schedulerFactory, b.random);
    }

    /** Mutable copy of the components, used only inside {@link #edit}. */
    private static final class Copy {
        Duration initialBackoff;
        int maxAttempts;
        double jitterRatio;
        Duration offlineRetryInterval;
        Duration stableAfter;
        Duration pingInterval;
        Duration silenceTimeout;
        Duration pingAnswerTimeout;
        Duration connectTimeout;
        int outgoingQueueCapacity;
        int maxFrameBytes;
        Duration warnInterval;
        Clock clock;
        Supplier<RealtimeScheduler> schedulerFactory;
        DoubleSupplier random;

        Copy(RealtimeSettings s) {
            initialBackoff = s.initialBackoff;
            maxAttempts = s.maxAttempts;
            jitterRatio = s.jitterRatio;
            offlineRetryInterval = s.offlineRetryInterval;
            stableAfter = s.stableAfter;
            pingInterval = s.pingInterval;
            silenceTimeout = s.silenceTimeout;
            pingAnswerTimeout = s.pingAnswerTimeout;
            connectTimeout = s.connectTimeout;
            outgoingQueueCapacity = s.outgoingQueueCapacity;
            maxFrameBytes = s.maxFrameBytes;
            warnInterval = s.warnInterval;
            clock = s.clock;
            schedulerFactory = s.schedulerFactory;
            random = s.random;
        }
    }

    /** The delay before fast attempt {@code attempt} (1-based) without jitter. */
    public Duration backoffFor(int attempt) {
        int exponent = Math.max(0, Math.min(attempt - 1, 30));
        return initialBackoff.multipliedBy(1L << exponent);
    }

    /** The delay stretched by a random share of up to {@link #jitterRatio}. */
    Duration withJitter(Duration delay) {
        double factor = 1 + jitterRatio * Math.max(0, Math.min(1, random.getAsDouble()));
        return Duration.ofNanos(Math.round(delay.toNanos() * factor));
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
