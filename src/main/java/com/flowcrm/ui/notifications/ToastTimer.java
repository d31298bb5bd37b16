package com.flowcrm.ui.notifications;

import java.time.Duration;
import javafx.animation.PauseTransition;

/**
 * The one timer the toast throttle needs, apart so that tests drive it on virtual time (no sleeping tests): on the
 * FX thread in the app, where notifications arrive and toasts show.
 */
@FunctionalInterface
public interface ToastTimer {

    /** Runs the task once after the delay, on the thread that shows toasts; the handle cancels it if it has not run. */
    Pending schedule(Duration delay, Runnable task);

    /** A scheduled task. */
    @FunctionalInterface
    interface Pending {
        /** Prevents the task from running if it has not; harmless when called twice. */
        void cancel();
    }

    /** The app's timer: a {@link PauseTransition} on the FX thread. Call {@link #schedule} on the FX thread. */
    static ToastTimer fxThread() {
        return (delay, task) -> {
            PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
            pause.setOnFinished(e -> task.run());
            pause.play();
            return pause::stop;
        };
    }
}
