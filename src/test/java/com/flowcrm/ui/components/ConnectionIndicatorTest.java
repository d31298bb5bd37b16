package com.flowcrm.ui.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.ConnectionReport.Phase;
import com.flowcrm.ui.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The control and its skin on a hand-moved clock: what is visible in each state. */
@ExtendWith(ApplicationExtension.class)
class ConnectionIndicatorTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger retries = new AtomicInteger();
    private ConnectionIndicator indicator;

    @Start
    void start(Stage stage) {
        indicator = new ConnectionIndicator(clock);
        indicator.setOnRetry(retries::incrementAndGet);
        stage.setScene(new Scene(new StackPane(indicator), 600, 80));
        stage.show();
    }

    private static ConnectionReport of(Phase phase, Instant nextRetryAt, Instant lastResyncAt) {
        return ConnectionReport.builder(phase).retry(3, 5, nextRetryAt).activity(T0, 0, 10, 0, lastResyncAt)
                .server("ws://127.0.0.1:1?token=***").build();
    }

    private String text(FxRobot robot) {
        return robot.lookup(".status-text").queryAs(Label.class).getText();
    }

    @Test
    void offlineOffersRetryNowWhichAsksTheSession(FxRobot robot) {
        robot.interact(() -> indicator.setConnection(of(Phase.OFFLINE, T0.plusSeconds(60), null)));
        Button retry = robot.lookup(".retry-button").queryAs(Button.class);
        assertThat(text(robot)).isEqualTo("Offline");
        assertThat(retry.isVisible()).isTrue();
        assertThat(indicator.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("down"));

        robot.clickOn(retry);
        assertThat(retries.get()).isEqualTo(1);

        robot.interact(() -> indicator.setConnection(of(Phase.LIVE, null, null)));
        assertThat(text(robot)).isEqualTo("Live");
        assertThat(retry.isVisible()).isFalse();
        assertThat(indicator.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("live"));
    }

    @Test
    void countdownFollowsTheClock(FxRobot robot) {
        robot.interact(() -> indicator.setConnection(of(Phase.RECONNECTING, T0.plusSeconds(4), null)));
        assertThat(text(robot)).isEqualTo("Reconnecting in 4 s (attempt 3 of 5)");
        clock.advance(Duration.ofMillis(2500));
        robot.interact(indicator::refresh);
        assertThat(text(robot)).isEqualTo("Reconnecting in 2 s (attempt 3 of 5)");
        assertThat(indicator.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("retrying"));
    }

    @Test
    void resyncNoteShowsBrieflyAndTooltipHasTheDetails(FxRobot robot) {
        robot.interact(() -> indicator.setConnection(of(Phase.LIVE, null, T0)));
        Label note = robot.lookup(".resync-note").queryAs(Label.class);
        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText()).isEqualTo("Updated after reconnect");
        assertThat(indicator.getTooltip().getText()).contains("Events applied: 10").contains("Last resync: 10:00:00");

        clock.advance(Duration.ofSeconds(5));
        robot.interact(indicator::refresh);
        assertThat(note.isVisible()).isFalse();
    }

    @Test
    void theControlBringsItsOwnStylesheet(FxRobot robot) {
        assertThat(indicator.getUserAgentStylesheet()).endsWith("com/flowcrm/ui/components/connection-indicator.css");
        Region dot = robot.lookup(".status-dot").queryAs(Region.class);
        assertThat(dot.getWidth()).as("the dot's size comes from that stylesheet alone").isEqualTo(9);
        assertThat(dot.getHeight()).isEqualTo(9);
    }

    @Test
    void expiredSessionSaysToSignInAgain(FxRobot robot) {
        robot.interact(() -> indicator.setConnection(of(Phase.SESSION_EXPIRED, null, null)));
        assertThat(text(robot)).isEqualTo("Session expired - sign in again");
        assertThat(robot.lookup(".retry-button").query().isVisible()).isFalse();
    }
}
