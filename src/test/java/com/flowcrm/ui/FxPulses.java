package com.flowcrm.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** For tests of work done once per pulse: runs work on the FX thread and waits for the pulse that follows it. */
public final class FxPulses {
    private FxPulses() {
    }

    /** Runs the work on the FX thread, then (once the stage exists) waits until a pulse has laid its scene out. */
    public static <T> T onFxThenPulse(Stage stage, Callable<T> work) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        if (stage != null) {
            CountDownLatch pulsed = new CountDownLatch(1);
            Runnable after = pulsed::countDown;
            WaitForAsyncUtils.asyncFx(() -> {
                stage.getScene().addPostLayoutPulseListener(after);
                Platform.requestNextPulse();
            }).get(10, TimeUnit.SECONDS);
            assertThat(pulsed.await(10, TimeUnit.SECONDS)).as("a pulse").isTrue();
            WaitForAsyncUtils.asyncFx(() -> stage.getScene().removePostLayoutPulseListener(after)).get(10, TimeUnit.SECONDS);
        }
        return result;
    }
}
