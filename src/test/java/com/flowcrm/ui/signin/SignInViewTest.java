package com.flowcrm.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.store.SessionState;
import com.flowcrm.ui.DesktopRig;
import com.flowcrm.ui.DesktopUiTest;
import com.flowcrm.ui.StubBackend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

class SignInViewTest extends DesktopUiTest {
    private String errorText(FxRobot robot) {
        return robot.lookup("#signInError").queryAs(Label.class).getText();
    }

    private void awaitError(FxRobot robot) {
        await().atMost(DesktopRig.WAIT).until(() -> robot.lookup("#signInError").query().isVisible()
                && !rig.shell.signInModel().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void signsInWithEnterAndShowsTheMainWindowWithTheUsersName(FxRobot robot) {
        assertThat(stage.getTitle()).isEqualTo("Flow CRM");
        rig.signInWithKeyboard(robot, DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD);

        await().atMost(DesktopRig.WAIT).until(() -> rig.shell.mainWindow() != null);
        WaitForAsyncUtils.waitForFxEvents();
        String name = rig.session.getCurrentUser().name();
        assertThat(stage.getTitle()).isEqualTo("Flow CRM - " + name);
        assertThat(robot.lookup("#userName").queryAs(Label.class).getText()).isEqualTo(name);
        assertThat(robot.lookup("#demoBadge").query().isVisible()).isFalse();
        assertThat(rig.preferences.lastEmail()).contains(DemoServer.DEMO_EMAIL);
        assertThat(robot.lookup("#pipelineView").tryQuery()).isPresent();
    }

    @Test
    void theLastEmailAndServerComeBackButNeverThePassword(FxRobot robot) {
        rig.signIn(robot);
        robot.clickOn("#accountMenu");
        DesktopRig.clickMenuEntry(robot, "Sign out");
        await().atMost(DesktopRig.WAIT).until(() -> robot.lookup("#signIn").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(rig.shell.signInModel().emailProperty().get()).isEqualTo(DemoServer.DEMO_EMAIL);
        assertThat(rig.shell.signInModel().passwordProperty().get()).isEmpty();
        assertThat(rig.shell.signInModel().apiUrlProperty().get()).isEqualTo(rig.demo.apiUrl());
        assertThat(robot.lookup("#password").query().isFocused()).isTrue();
    }

    @Test
    void wrongPasswordSaysSoAndStaysOnTheForm(FxRobot robot) {
        robot.interact(() -> rig.shell.signInModel().emailProperty().set(DemoServer.DEMO_EMAIL));
        robot.clickOn("#password").write("not-the-password");
        robot.clickOn("#signIn");

        awaitError(robot);
        assertThat(errorText(robot)).isEqualTo("Wrong email or password.");
        assertThat(rig.session.getState()).isEqualTo(SessionState.SIGNED_OUT);
        assertThat(robot.lookup("#signIn").query().isDisabled()).isFalse();
    }

    @Test
    void unreachableServerNamesTheAddress(FxRobot robot) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String api = "http://127.0.0.1:" + closedPort + "/api";
        robot.interact(() -> {
            rig.shell.signInModel().apiUrlProperty().set(api);
            rig.shell.signInModel().emailProperty().set(DemoServer.DEMO_EMAIL);
            rig.shell.signInModel().passwordProperty().set(DemoServer.DEMO_PASSWORD);
        });
        robot.clickOn("#signIn");

        awaitError(robot);
        assertThat(errorText(robot)).contains("127.0.0.1:" + closedPort);
        assertThat(rig.session.getState()).isEqualTo(SessionState.SIGNED_OUT);
    }

    @Test
    void serverErrorIsReportedInWords(FxRobot robot) throws IOException {
        try (StubBackend failing = StubBackend.failingWith(500)) {
            robot.interact(() -> {
                rig.shell.signInModel().apiUrlProperty().set(failing.apiUrl());
                rig.shell.signInModel().emailProperty().set(DemoServer.DEMO_EMAIL);
                rig.shell.signInModel().passwordProperty().set(DemoServer.DEMO_PASSWORD);
            });
            robot.clickOn("#signIn");
            awaitError(robot);
        }
        assertThat(errorText(robot)).isNotBlank().doesNotContain("Wrong email");
        assertThat(errorText(robot).toLowerCase()).contains("server");
        assertThat(rig.session.getState()).isEqualTo(SessionState.SIGNED_OUT);
    }

    @Test
    void invalidWebSocketAddressIsRejectedBeforeSigningIn(FxRobot robot) {
        robot.interact(() -> {
            rig.shell.signInModel().wsUrlProperty().set("http://not-a-websocket");
            rig.shell.signInModel().emailProperty().set(DemoServer.DEMO_EMAIL);
            rig.shell.signInModel().passwordProperty().set(DemoServer.DEMO_PASSWORD);
        });
        robot.clickOn("#signIn");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(errorText(robot)).contains("ws://");
        assertThat(rig.session.getState()).isEqualTo(SessionState.SIGNED_OUT);
    }

    @Test
    void theServerFieldsAreMadeWhenTheSectionFirstOpensAndEditTheFormsAddresses(FxRobot robot) {
        // not styled and laid out with the first window: they do not exist until the section opens
        assertThat(robot.lookup("#apiUrl").tryQuery()).isEmpty();

        robot.clickOn("Server");
        WaitForAsyncUtils.waitForFxEvents();
        TextField api = robot.lookup("#apiUrl").queryAs(TextField.class);
        assertThat(api.getText()).isEqualTo(rig.demo.apiUrl());
        assertThat(robot.lookup("#wsUrl").queryAs(TextField.class).getText()).isEqualTo(rig.demo.wsUrl());

        robot.interact(() -> api.setText("http://127.0.0.1:1/api"));
        assertThat(rig.shell.signInModel().apiUrlProperty().get()).isEqualTo("http://127.0.0.1:1/api");
        // closed and opened again: the same fields, not a second set
        robot.clickOn("Server");
        robot.clickOn("Server");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#apiUrl").queryAll()).hasSize(1);
    }

    @Test
    void serverSectionIsCollapsedAndPrefilledFromConfiguration(FxRobot robot) {
        Node section = robot.lookup("#serverSection").query();
        assertThat(((javafx.scene.control.TitledPane) section).isExpanded()).isFalse();
        assertThat(rig.shell.signInModel().apiUrlProperty().get()).isEqualTo(rig.demo.apiUrl());
        assertThat(rig.shell.signInModel().wsUrlProperty().get()).isEqualTo(rig.demo.wsUrl());
        assertThat(robot.lookup("#demoHint").query().isVisible()).isFalse();
    }
}
