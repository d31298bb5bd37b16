package com.flowcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The benchmark's clean-run gate: every channel an exception or a CSS warning can come through is counted once. */
class LogWatchTest {

    @Test
    void countsJavaFxCssWarningsApartFromOtherWarnings() {
        try (LogWatch watch = LogWatch.install()) {
            java.util.logging.Logger.getLogger("javafx.css").warning(
                    "Could not resolve '-color-danger-fg' while resolving lookups for '-fx-text-fill'");
            java.util.logging.Logger.getLogger("javafx").warning("Unsupported JavaFX configuration");
            java.util.logging.Logger.getLogger("javafx.css").info("not a warning");

            LogWatch.Report report = watch.report();
            assertThat(report.cssWarnings()).isEqualTo(1);
            assertThat(report.cssMessages().keySet()).singleElement().asString().contains("-color-danger-fg");
            assertThat(report.otherWarnings()).isEqualTo(1);
            assertThat(report.exceptions()).isZero();
            assertThat(report.clean()).isFalse();
        }
    }

    @Test
    void countsEachExceptionOnceWhateverItsChannel() throws InterruptedException {
        try (LogWatch watch = LogWatch.install()) {
            LoggerFactory.getLogger("bench.test").error("store failed", new IllegalStateException("boom"));
            LoggerFactory.getLogger("bench.test").warn("a warning without a throwable");
            java.util.logging.Logger.getLogger("javafx.scene").log(Level.SEVERE, "listener failed",
                    new IllegalArgumentException("bad"));
            new java.nio.BufferOverflowException().printStackTrace();
            Thread thread = new Thread(() -> {
                throw new UnsupportedOperationException("uncaught");
            }, "bench-test-thread");
            thread.start();
            thread.join();

            LogWatch.Report report = watch.report();
            assertThat(report.exceptions()).isEqualTo(4);
            assertThat(String.join("\n", report.exceptionMessages().keySet())).contains("boom", "bad",
                    "BufferOverflowException", "bench-test-thread");
            assertThat(report.otherWarnings()).isEqualTo(1);
            assertThat(report.cssWarnings()).isZero();
        }
    }

    @Test
    void aQuietRunIsCleanAndTheConsoleIsGivenBack() {
        var err = System.err;
        var handler = Thread.getDefaultUncaughtExceptionHandler();
        try (LogWatch watch = LogWatch.install()) {
            System.err.println("a plain line on stderr is no exception");
            assertThat(watch.report().clean()).isTrue();
            assertThat(watch.report().exceptions()).isZero();
        }
        assertThat(System.err).isSameAs(err);
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(handler);
    }
}
