package com.flowcrm.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit once (headless Monocle under surefire) and runs work on its thread; the soak draws its
 * timeline with it too.
 */
public final class FxThread {
    private static boolean started;

    private FxThread() {
    }

    public static synchronized void start() throws InterruptedException {
        if (started) {
            return;
        }
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        Platform.setImplicitExit(false);
        if (!up.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JavaFX toolkit did not start within 30 s");
        }
        started = true;
    }

    static <T> T call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.orTimeout(2, TimeUnit.MINUTES).join();
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Lets the toolkit run a few pulses (layout, cells) before the next measurement. */
    static void settle(Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis());
        run(() -> { });
    }
}
