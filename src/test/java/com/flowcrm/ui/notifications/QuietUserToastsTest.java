package com.flowcrm.ui.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.store.LiveUpdates;
import com.flowcrm.ui.DesktopRig;
import com.flowcrm.ui.StubBackend;
import com.google.gson.JsonParser;
import java.io.IOException;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A user whose preferences turn notifications off still gets them in the list, but no toast. */
@ExtendWith(ApplicationExtension.class)
class QuietUserToastsTest {
    private StubBackend backend;
    private DesktopRig rig;

    @Start
    void start(Stage stage) throws IOException {
        backend = StubBackend.quietUser();
        rig = DesktopRig.against(backend.apiUrl(), "ws://127.0.0.1:9");
        rig.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
        backend.close();
    }

    @Test
    void noToastWhenTheUserTurnedNotificationsOff(FxRobot robot) {
        rig.signIn(robot, "quiet@acme.example", "secret");
        assertThat(rig.session.getCurrentUser().preferences().notifications()).isFalse();

        LiveUpdates.eventHandler(rig.root).onEvent("notification:new", JsonParser.parseString("""
                {"id":"n-quiet-1","userId":"u-quiet","type":"task_due","title":"Send the proposal","message":"Due today",
                 "priority":"medium","read":false,"createdAt":"2026-03-01T09:00:00Z"}"""), System.nanoTime());

        await().atMost(DesktopRig.WAIT).until(() -> rig.root.notifications().getUnreadCount() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rig.shell.mainWindow().toasts().shownProperty().get()).isZero();
        assertThat(robot.lookup(".notification-bar").tryQuery()).isEmpty();
    }
}
