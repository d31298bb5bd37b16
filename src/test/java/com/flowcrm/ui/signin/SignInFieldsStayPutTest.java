package com.flowcrm.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import com.flowcrm.model.Theme;
import com.flowcrm.store.LocalStorage;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.DesktopRig;
import com.flowcrm.ui.RecordingView;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.shell.DesktopShell;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Without a usable OS credential store (headless Linux) the sign-in screen learns it after the form shows (the check
 * runs behind the window) and says so: the email and password fields must not move under the rep's cursor then.
 */
@ExtendWith(ApplicationExtension.class)
class SignInFieldsStayPutTest {
    @TempDir
    Path temp;
    private Stage stage;
    private SessionStore session;
    private DesktopShell shell;
    private Preferences node;

    @BeforeEach
    void stage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        node = Preferences.userRoot().node("/com/flowcrm/test/" + UUID.randomUUID());
    }

    @AfterEach
    void close() throws Exception {
        DesktopRig.onFx(() -> {
            stage.hide();
            shell.close();
            return null;
        });
        session.close();
        node.removeNode();
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void theNoticeThatNoCredentialStoreIsUsableAppearsWithoutMovingTheFields(Theme theme, FxRobot robot)
            throws Exception {
        UiPreferences preferences = new UiPreferences(node);
        preferences.saveTheme(theme);
        // nothing listens on port 9: the form only has to show
        session = new SessionStore(SessionConfig.of("http://127.0.0.1:9/api", "ws://127.0.0.1:9"),
                new RootStore(Platform::runLater), Clock.systemUTC(), null,
                new LocalStorage(new Workspaces(temp.resolve("workspaces")),
                        InMemoryCredentialStore.unusable("no Secret Service is running (no D-Bus session)")));
        FxToolkit.setupFixture(() -> {
            shell = new DesktopShell(stage, session, new DesktopShell.Options(preferences, new ThemeSwitcher(),
                    nav -> new RecordingView("Pipeline"), nav -> new RecordingView("Contacts"),
                    nav -> new RecordingView("Insights"), () -> { }, Clock.systemDefaultZone()));
            shell.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Label notice = robot.lookup("#signInNotice").queryAs(Label.class);
        assertThat(notice.isVisible()).isFalse();
        Bounds email = screenBounds(robot, "#email");
        Bounds password = screenBounds(robot, "#password");
        Bounds signIn = screenBounds(robot, "#signIn");

        session.checkCredentialStore().get(5, TimeUnit.SECONDS);
        await().atMost(DesktopRig.WAIT).until(() -> DesktopRig.onFx(notice::isVisible));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(notice.getText()).contains("cannot keep you signed in");
        assertThat(DesktopRig.onFx(() -> notice.getHeight())).isGreaterThan(0);
        assertThat(screenBounds(robot, "#email")).isEqualTo(email);
        assertThat(screenBounds(robot, "#password")).isEqualTo(password);
        assertThat(screenBounds(robot, "#signIn")).isEqualTo(signIn);
    }

    private static Bounds screenBounds(FxRobot robot, String query) {
        return DesktopRig.onFx(() -> {
            var node = robot.lookup(query).query();
            return node.localToScreen(node.getBoundsInLocal());
        });
    }
}
