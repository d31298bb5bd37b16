package com.flowcrm.ui.insights;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;

/**
 * Coalesces invalidations into redraws, at most one per interval however fast invalidations come: the first
 * redraw runs at once, later ones wait until the interval since the previous one has passed, and any number of
 * invalidations in between cost one redraw. While inactive (the view is not on screen) nothing is redrawn; the
 * next activation redraws once if anything changed. Single-threaded: call it on the UI thread, and give it a
 * timer that runs its tasks there (tests pass one on virtual time).
 */
final class RedrawThrottle {
    /** Runs a task on the UI thread after a delay. */
    @FunctionalInterface
    interface Timer {
        void schedule(Duration delay, Runnable task);
    }

    private static final long NEVER = Long.MIN_VALUE;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Timer timer;
    private final Runnable redraw;
    private boolean dirty;
    private boolean pending;
    private boolean active;
    private long lastRedraw = NEVER;
    private long redraws;

    RedrawThrottle(Duration interval, LongSupplier nanoTime, Timer timer, Runnable redraw) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.redraw = Objects.requireNonNull(redraw, "redraw");
    }

    /** The JavaFX timer: {@code Platform.runLater} for no delay, else a {@link PauseTransition}. */
    static Timer fxTimer() {
        return (delay, task) -> {
            if (delay.isZero()) {
                Platform.runLater(task);
            } else {
                PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(Math.max(1, delay.toMillis())));
                pause.setOnFinished(e -> task.run());
                pause.play();
            }
        };
    }

    /** Something the redraw shows has changed. */
    void invalidate() {
        dirty = true;
        scheduleIfNeeded();
    }

    /** On screen or not; becoming active redraws once if anything changed meanwhile. */
    void setActive(boolean isActive) {
        active = isActive;
        scheduleIfNeeded();
    }

    boolean isActive() {
        return active;
    }

    /** How many redraws ran. */
    long redraws() {
        return redraws;
    }

    private void scheduleIfNeeded() {
        if (!active || pending || !dirty) {
            return;
        }
        pending = true;
        timer.schedule(Duration.ofNanos(remainingWait()), this::fire);
    }

    private long remainingWait() {
        return lastRedraw == NEVER ? 0 : Math.max(0, lastRedraw + intervalNanos - nanoTime.getAsLong());
    }

    private void fire() {
        pending = false;
        if (!active || !dirty) {
            return;
        }
        if (remainingWait() > 0) {
            // a timer may fire a little early (animation time is not System.nanoTime): wait for the rest
            scheduleIfNeeded();
            return;
        }
        dirty = false;
        lastRedraw = nanoTime.getAsLong();
        redraws++;
        try {
            redraw.run();
        } finally {
            scheduleIfNeeded();
        }
    }
}
