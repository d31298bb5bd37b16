package com.flowcrm.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.ui.DesktopRig;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Demo mode: the embedded backend's user is filled in and the main window says "Demo data". */
@ExtendWith(ApplicationExtension.class)
class DemoModeSignInTest {
    private DesktopRig rig;

    @Start
    void start(Stage stage) {
        rig = DesktopRig.start(RealtimeSettings.defaults(), true);
        rig.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void prefillsTheDemoUserAndShowsTheBadge(FxRobot robot) {
        assertThat(rig.shell.signInModel().emailProperty().get()).isEqualTo(DemoServer.DEMO_EMAIL);
        assertThat(rig.shell.signInModel().passwordProperty().get()).isEqualTo(DemoServer.DEMO_PASSWORD);
        assertThat(robot.lookup("#demoHint").query().isVisible()).isTrue();

        robot.clickOn("#signIn");
        await().atMost(DesktopRig.WAIT).until(() -> rig.shell.mainWindow() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Label badge = robot.lookup("#demoBadge").queryAs(Label.class);
        assertThat(badge.isVisible()).isTrue();
        assertThat(badge.getText()).isEqualTo("Demo data");
    }
}
