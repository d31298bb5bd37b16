package com.flowcrm.ui.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.ui.DesktopRig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The status-bar indicator against the demo backend's WebSocket going down and up, on a shortened schedule. */
@ExtendWith(ApplicationExtension.class)
class ConnectionIndicatorLiveTest {
    private DesktopRig rig;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** Backoff starting at {@code first}, doubling over {@code attempts}; no jitter; no automatic retry once offline. */
    private void signedInWith(FxRobot robot, Duration first, int attempts) {
        RealtimeSettings schedule = RealtimeSettings.defaults()
                .withBackoff(first, attempts)
                .withJitter(0, () -> 0)
                .withOfflineRetry(Duration.ofMinutes(10), Duration.ofSeconds(10));
        rig = DesktopRig.start(schedule, false);
        robot.interact(() -> rig.show(stage));
        rig.signIn(robot);
        await().atMost(DesktopRig.WAIT).until(() -> shown().equals("Live"));
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    private ConnectionIndicator indicator() {
        return rig.shell.mainWindow().connectionIndicator();
    }

    private String shown() {
        return DesktopRig.onFx(() -> indicator().getStatus().text());
    }

    @Test
    void walksLiveReconnectingLiveWhenTheSocketComesBack(FxRobot robot) {
        // Slow enough to see the countdown past the 2 s blip tolerance: 1 s, 2 s, 4 s, 8 s.
        signedInWith(robot, Duration.ofSeconds(1), 4);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        robot.interact(() -> indicator().statusProperty().addListener((o, a, now) -> seen.add(now.text())));

        rig.demo.stopWebSocket();
        // A drop under 2 s keeps showing "Live"; then the countdown appears.
        await().atMost(DesktopRig.WAIT).until(() -> shown().startsWith("Reconnecting"));
        assertThat(shown()).matches("Reconnecting (in \\d+ s|\\.\\.\\.) \\(attempt \\d of 4\\)");

        rig.demo.startWebSocket();
        await().atMost(DesktopRig.WAIT).until(() -> shown().equals("Live"));
        List<String> walk = List.copyOf(seen);
        int firstReconnecting = -1;
        for (int i = 0; i < walk.size() && firstReconnecting < 0; i++) {
            if (walk.get(i).matches("Reconnecting in \\d+ s \\(attempt \\d of 4\\)")) {
                firstReconnecting = i;
            }
        }
        assertThat(firstReconnecting).as("a countdown was shown: %s", walk).isNotNegative();
        assertThat(walk.lastIndexOf("Live")).isGreaterThan(firstReconnecting);
        await().atMost(DesktopRig.WAIT).until(() -> DesktopRig.onFx(() -> indicator().getStatus().details()).matches("(?s).*Last resync: \\d\\d:\\d\\d:\\d\\d.*"));
    }

    @Test
    void reachesOfflineWithRetryNowWhenTheSocketStaysDown(FxRobot robot) {
        // 200 ms, 400 ms: offline well within a second.
        signedInWith(robot, Duration.ofMillis(200), 2);

        rig.demo.stopWebSocket();
        await().atMost(DesktopRig.WAIT).until(() -> shown().equals("Offline"));
        WaitForAsyncUtils.waitForFxEvents();
        Button retry = robot.lookup(".retry-button").queryAs(Button.class);
        assertThat(retry.isVisible()).isTrue();
        assertThat(retry.getText()).isEqualTo("Retry now");

        rig.demo.startWebSocket();
        robot.clickOn(retry);
        await().atMost(DesktopRig.WAIT).until(() -> shown().equals("Live"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(retry.isVisible()).isFalse();
    }
}
