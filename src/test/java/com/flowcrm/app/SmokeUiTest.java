package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.api.FxAssert.verifyThat;
import static org.testfx.matcher.base.NodeMatchers.isVisible;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.shell.DesktopShell;
import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The application's window comes up on the sign-in screen, wired to a session. */
@ExtendWith(ApplicationExtension.class)
class SmokeUiTest {
    @TempDir
    static Path logs;

    private DemoServer demo;
    private AppContext context;
    private Preferences node;
    private Stage stage;
    private DesktopShell shell;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        demo = DemoServer.start(DemoServerConfig.forTests());
        context = AppContext.create(AppConfig.forServer(demo.apiUrl(), demo.wsUrl()));
        node = Preferences.userRoot().node("/com/flowcrm/test/" + UUID.randomUUID());
        shell = FlowCrmApplication.showDesktop(stage, context.session(), context.backendReady(),
                new UiPreferences(node), null, logs);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            stage.hide();
            shell.close();
        }).get();
        context.close();
        demo.close();
        node.removeNode();
    }

    @Test
    void opensOnTheSignInScreen() {
        assertThat(stage.getTitle()).isEqualTo("Flow CRM");
        verifyThat("#signIn", isVisible());
        assertThat(stage.getIcons()).isNotEmpty();
    }
}
