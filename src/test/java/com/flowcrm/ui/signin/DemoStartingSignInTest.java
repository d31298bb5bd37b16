package com.flowcrm.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.DesktopRig;
import com.flowcrm.ui.RecordingView;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.shell.DesktopShell;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Demo mode shows the sign-in window while the embedded backend still starts: the button says so and waits, then
 * signs in against the address the backend got; a backend that cannot start is explained and leaves "Server" usable.
 */
@ExtendWith(ApplicationExtension.class)
class DemoStartingSignInTest {
    private final CompletableFuture<Void> backendReady = new CompletableFuture<>();
    private final Preferences node = Preferences.userRoot().node("/com/flowcrm/test/" + UUID.randomUUID());
    private DemoServer demo;
    private SessionStore session;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws IOException {
        // the address the session starts on before the backend is up: nothing listens there
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        session = new SessionStore(new SessionConfig("http://127.0.0.1:" + closedPort + "/api",
                "ws://127.0.0.1:" + closedPort, true, DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD,
                RealtimeSettings.defaults()), new RootStore(Platform::runLater));
        shell = new DesktopShell(stage, session, new DesktopShell.Options(new UiPreferences(node), new ThemeSwitcher(),
                nav -> new RecordingView("Pipeline"), nav -> new RecordingView("Contacts"),
                nav -> new RecordingView("Insights"), () -> { },
                Clock.systemDefaultZone(), backendReady));
        shell.show();
    }

    @AfterEach
    void stop() throws Exception {
        DesktopRig.onFx(() -> {
            shell.close();
            return null;
        });
        session.close();
        if (demo != null) {
            demo.close();
        }
        node.removeNode();
    }

    @Test
    void waitsForTheDemoServerThenSignsInAtItsAddress(FxRobot robot) {
        Button signIn = robot.lookup("#signIn").queryButton();
        assertThat(signIn.getText()).isEqualTo("Starting the demo server...");
        assertThat(signIn.isDisabled()).isTrue();
        assertThat(shell.signInModel().startingProperty().get()).isTrue();
        assertThat(robot.lookup("#demoHint").query().isVisible()).isTrue();

        demo = DemoServer.start(DemoServerConfig.forTests());
        // what AppContext does once the backend is up: the session moves to its address, then sign-in may go
        robot.interact(() -> {
            session.changeServer(demo.apiUrl(), demo.wsUrl());
            backendReady.complete(null);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(signIn.getText()).isEqualTo("Sign in");
        assertThat(signIn.isDisabled()).isFalse();
        assertThat(shell.signInModel().apiUrlProperty().get()).isEqualTo(demo.apiUrl());
        assertThat(shell.signInModel().wsUrlProperty().get()).isEqualTo(demo.wsUrl());

        robot.clickOn("#signIn");
        await().atMost(DesktopRig.WAIT).until(() -> shell.mainWindow() != null);
        assertThat(session.config().apiUrl()).isEqualTo(demo.apiUrl());
    }

    @Test
    void aDemoServerThatCannotStartIsExplainedAndSignInIsFreeAgain(FxRobot robot) {
        backendReady.completeExceptionally(new UncheckedIOException("demo server could not bind 127.0.0.1:4000",
                new java.net.BindException("Address already in use")));
        await().atMost(DesktopRig.WAIT).until(() -> robot.lookup("#signInError").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#signInError").queryAs(Label.class).getText())
                .startsWith("The demo server could not start (demo server could not bind 127.0.0.1:4000)")
                .contains("\"Server\"");
        Button signIn = robot.lookup("#signIn").queryButton();
        assertThat(signIn.getText()).isEqualTo("Sign in");
        assertThat(signIn.isDisabled()).isFalse();
        assertThat(shell.signInModel().startingProperty().get()).isFalse();
    }
}
