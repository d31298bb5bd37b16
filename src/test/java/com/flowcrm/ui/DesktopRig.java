package com.flowcrm.ui;

import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionState;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.shell.DesktopShell;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop shell against a real demo backend on free ports, with preferences under a throw-away node and
 * recording stand-ins for the pipeline and contacts views.
 */
public final class DesktopRig implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(15);

    public final DemoServer demo;
    public final RootStore root;
    public final SessionStore session;
    public final Preferences preferencesNode;
    public final UiPreferences preferences;
    public final ThemeSwitcher themes = new ThemeSwitcher();
    public final RecordingView pipeline = new RecordingView("Pipeline");
    public final RecordingView contacts = new RecordingView("Contacts");
    public final RecordingView insights = new RecordingView("Insights");
    public final AtomicInteger logFolderOpens = new AtomicInteger();
    public DesktopShell shell;
    private Stage stage;

    private DesktopRig(DemoServer demo, SessionConfig config) {
        this.demo = demo;
        this.root = new RootStore(Platform::runLater);
        this.session = new SessionStore(config, root);
        this.preferencesNode = Preferences.userRoot().node("/com/flowcrm/test/" + UUID.randomUUID());
        this.preferences = new UiPreferences(preferencesNode);
    }

    /** A demo backend and a session that is not in demo mode (like a real server). */
    public static DesktopRig start() {
        return start(RealtimeSettings.defaults(), false);
    }

    public static DesktopRig start(RealtimeSettings realtime, boolean demoMode) {
        DemoServer demo = DemoServer.start(DemoServerConfig.forTests());
        SessionConfig config = new SessionConfig(demo.apiUrl(), demo.wsUrl(), demoMode,
                demoMode ? DemoServer.DEMO_EMAIL : null, demoMode ? DemoServer.DEMO_PASSWORD : null, realtime);
        return new DesktopRig(demo, config);
    }

    /** A session against another backend (a stub), still with a demo server around for nothing else. */
    public static DesktopRig against(String apiUrl, String wsUrl) {
        return new DesktopRig(null, SessionConfig.of(apiUrl, wsUrl));
    }

    public void show(Stage stage) {
        this.stage = stage;
        shell = new DesktopShell(stage, session, new DesktopShell.Options(preferences, themes, nav -> pipeline,
                nav -> contacts, nav -> insights, logFolderOpens::incrementAndGet, Clock.systemDefaultZone()));
        shell.show();
    }

    /** Fills the form and presses Enter, like a user. */
    public void signInWithKeyboard(FxRobot robot, String email, String password) {
        robot.clickOn("#email").eraseText(emailLength());
        robot.write(email);
        robot.clickOn("#password").write(password);
        robot.type(javafx.scene.input.KeyCode.ENTER);
    }

    private int emailLength() {
        return onFx(() -> shell.signInModel().emailProperty().get().length());
    }

    /** Reads a value on the FX thread and waits for it. */
    public static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX read failed", e);
        }
    }

    /** Signs in as the demo sales rep through the form and waits for the main window. */
    public void signIn(FxRobot robot) {
        signIn(robot, DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD);
    }

    public void signIn(FxRobot robot, String email, String password) {
        robot.interact(() -> {
            shell.signInModel().emailProperty().set(email);
            shell.signInModel().passwordProperty().set(password);
        });
        robot.clickOn("#signIn");
        await().atMost(WAIT).until(() -> session.getState() == SessionState.ACTIVE && shell.mainWindow() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks the visible menu entry with this text (menus live in popup windows; stale ones have no scene). */
    public static void clickMenuEntry(FxRobot robot, String text) {
        javafx.scene.Node entry = robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Label label
                && text.equals(label.getText()) && label.getScene() != null && label.getScene().getWindow() != null
                && label.getScene().getWindow().isShowing() && label.isVisible()).query();
        robot.clickOn(entry);
    }

    public String demoUserId() {
        return demo.state().userIdByEmail(DemoServer.DEMO_EMAIL).orElseThrow();
    }

    @Override
    public void close() throws BackingStoreException {
        if (stage != null) {
            // Hide first: hiding saves the window bounds, which needs the preferences node.
            onFx(() -> {
                stage.hide();
                shell.close();
                return null;
            });
        }
        session.close();
        if (demo != null) {
            demo.close();
        }
        preferencesNode.removeNode();
    }
}
