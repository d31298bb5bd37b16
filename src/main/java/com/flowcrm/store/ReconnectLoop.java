package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.common.Failures;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a session that shows its local copy in to the server, again and again while the server cannot be reached:
 * after 2 s, then doubling up to a minute, or at once on "Retry now". A refusal (wrong password, a kept session the
 * server no longer accepts) ends the loop and is handed on. One loop at a time; any thread.
 */
final class ReconnectLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectLoop.class);
    private static final Duration FIRST = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(60);

    private final ScheduledExecutorService timers;
    private final Object lock = new Object();
    private ScheduledFuture<?> pending;
    private Runnable now;
    private long generation;

    ReconnectLoop(ScheduledExecutorService timers) {
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    /**
     * Runs {@code attempt} now and again while it fails with an unreachable server and {@code wanted} holds; a failure
     * of another kind goes to {@code refused}.
     */
    void start(Supplier<CompletableFuture<?>> attempt, BooleanSupplier wanted, Consumer<Throwable> refused) {
        long mine;
        synchronized (lock) {
            cancelLocked();
            mine = ++generation;
        }
        run(mine, attempt, wanted, refused, FIRST);
    }

    /** "Retry now": the waiting attempt runs at once. */
    void retryNow() {
        Runnable r;
        synchronized (lock) {
            r = now;
        }
        if (r != null) {
            r.run();
        }
    }

    void cancel() {
        synchronized (lock) {
            cancelLocked();
            generation++;
        }
    }

    private void cancelLocked() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        now = null;
    }

    private void run(long mine, Supplier<CompletableFuture<?>> attempt, BooleanSupplier wanted,
            Consumer<Throwable> refused, Duration nextDelay) {
        synchronized (lock) {
            if (mine != generation || !wanted.getAsBoolean()) {
                return;
            }
            now = null;
        }
        attempt.get().whenComplete((ok, error) -> {
            if (error == null) {
                return;
            }
            Throwable cause = Failures.unwrap(error);
            if (!unreachable(cause)) {
                refused.accept(cause);
                return;
            }
            LOG.info("Still offline ({}); trying again in {} s", cause.getMessage(), nextDelay.toSeconds());
            Duration after = nextDelay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : nextDelay.multipliedBy(2);
            synchronized (lock) {
                if (mine != generation) {
                    return;
                }
                Runnable again = () -> {
                    boolean cancelled;
                    synchronized (lock) {
                        cancelled = pending != null && pending.cancel(false);
                    }
                    if (cancelled) {
                        run(mine, attempt, wanted, refused, FIRST);
                    }
                };
                now = again;
                try {
                    pending = timers.schedule(() -> run(mine, attempt, wanted, refused, after), nextDelay.toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    LOG.debug("Session closed; no more sign-in attempts");
                }
            }
        });
    }

    /** A failure the next attempt may not have: no answer, or the server failing (5xx). */
    static boolean unreachable(Throwable cause) {
        if (cause instanceof ApiException e) {
            return e.kind() == ApiException.Kind.UNREACHABLE || e.kind() == ApiException.Kind.SERVER_ERROR;
        }
        return cause instanceof SessionException s
                && (s.kind() == SessionException.Kind.UNREACHABLE || s.kind() == SessionException.Kind.SERVER_ERROR);
    }
}
