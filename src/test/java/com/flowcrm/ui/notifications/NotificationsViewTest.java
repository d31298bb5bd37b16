package com.flowcrm.ui.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import com.flowcrm.ui.DesktopRig;
import com.flowcrm.ui.DesktopUiTest;
import com.google.gson.JsonObject;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

class NotificationsViewTest extends DesktopUiTest {
    private String badge(FxRobot robot) {
        return robot.lookup("#unreadBadge").queryAs(Label.class).getText();
    }

    private JsonObject dealUpdate(String title, String dealId) {
        JsonObject body = new JsonObject();
        body.addProperty("type", "deal_update");
        body.addProperty("title", title);
        body.addProperty("message", "Moved to negotiation by a colleague");
        body.addProperty("priority", "high");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("dealId", dealId);
        body.add("metadata", metadata);
        return body;
    }

    @Test
    void pushedNotificationToastsAndBumpsTheUnreadBadge(FxRobot robot) {
        rig.signIn(robot);
        int unread = rig.root.notifications().getUnreadCount();
        Deal deal = rig.root.deals().getDeals().get(0);

        rig.demo.state().addNotification(rig.demoUserId(), dealUpdate("Contract signed at Initech", deal.getId()));

        await().atMost(DesktopRig.WAIT).until(() -> rig.shell.mainWindow().toasts().shownProperty().get() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(badge(robot)).isEqualTo(Integer.toString(unread + 1));
        assertThat(robot.lookup(".notification-bar").lookup((Node n) -> n instanceof Label l
                && "Contract signed at Initech".equals(l.getText())).tryQuery()).isPresent();
        Notification newest = rig.root.notifications().getNotifications().get(0);
        assertThat(newest.getTitle()).isEqualTo("Contract signed at Initech");
    }

    @Test
    void clickingANotificationMarksItReadOnTheServerAndOpensItsDeal(FxRobot robot) {
        rig.signIn(robot);
        Deal deal = rig.root.deals().getDeals().get(1);
        rig.demo.state().addNotification(rig.demoUserId(), dealUpdate("Initech wants a call", deal.getId()));
        await().atMost(DesktopRig.WAIT).until(() -> "Initech wants a call"
                .equals(rig.root.notifications().getNotifications().get(0).getTitle()));
        int serverUnread = rig.demo.state().unreadCount(rig.demoUserId());

        robot.clickOn("#navNotifications");
        WaitForAsyncUtils.waitForFxEvents();
        Label title = robot.lookup("#notificationList .notification-title").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo("Initech wants a call");
        assertThat(title.getFont().getStyle()).containsIgnoringCase("bold");

        robot.clickOn(title);

        await().atMost(DesktopRig.WAIT).until(() -> rig.demo.state().unreadCount(rig.demoUserId()) == serverUnread - 1);
        assertThat(rig.pipeline.revealed()).containsExactly(deal.getId());
        assertThat(rig.root.notifications().getNotifications().get(0).isRead()).isTrue();
    }

    @Test
    void markAllReadClearsTheBadgeAndTheServersCount(FxRobot robot) {
        rig.signIn(robot);
        assertThat(rig.demo.state().unreadCount(rig.demoUserId())).isPositive();
        robot.clickOn("#navNotifications").clickOn("#markAllRead");

        await().atMost(DesktopRig.WAIT).until(() -> rig.demo.state().unreadCount(rig.demoUserId()) == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#unreadBadge").query().isVisible()).isFalse();
        assertThat(robot.lookup("#unreadSummary").queryAs(Label.class).getText()).isEqualTo("All caught up");
    }

    @Test
    void keyboardMarksReadWithSpaceAndOpensWithEnter(FxRobot robot) {
        rig.signIn(robot);
        Deal deal = rig.root.deals().getDeals().get(2);
        rig.demo.state().addNotification(rig.demoUserId(), dealUpdate("Second", deal.getId()));
        rig.demo.state().addNotification(rig.demoUserId(), dealUpdate("First", deal.getId()));
        await().atMost(DesktopRig.WAIT).until(() -> "First".equals(rig.root.notifications().getNotifications().get(0).getTitle()));
        int serverUnread = rig.demo.state().unreadCount(rig.demoUserId());

        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT3).release(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.SPACE);
        await().atMost(DesktopRig.WAIT).until(() -> rig.demo.state().unreadCount(rig.demoUserId()) == serverUnread - 1);
        assertThat(rig.pipeline.revealed()).isEmpty();

        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await().atMost(DesktopRig.WAIT).until(() -> rig.demo.state().unreadCount(rig.demoUserId()) == serverUnread - 2);
        assertThat(rig.pipeline.revealed()).containsExactly(deal.getId());
    }

    @Test
    void newestFirst(FxRobot robot) {
        rig.signIn(robot);
        robot.clickOn("#navNotifications");
        @SuppressWarnings("unchecked")
        ListView<Notification> list = robot.lookup("#notificationList").queryAs(ListView.class);
        for (int i = 1; i < list.getItems().size(); i++) {
            assertThat(list.getItems().get(i - 1).getCreatedAt()).isAfterOrEqualTo(list.getItems().get(i).getCreatedAt());
        }
        assertThat(list.getItems()).isNotEmpty();
    }
}
