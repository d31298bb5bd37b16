package com.flowcrm.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Theme;
import com.flowcrm.store.SessionState;
import com.flowcrm.ui.DesktopRig;
import com.flowcrm.ui.DesktopUiTest;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.time.Duration;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

class MainWindowTest extends DesktopUiTest {
    @Test
    void signOutClearsEveryStoreAndReturnsToSignIn(FxRobot robot) {
        rig.signIn(robot);
        assertThat(rig.root.deals().getDeals()).isNotEmpty();
        assertThat(rig.root.contacts().getContacts()).isNotEmpty();
        assertThat(rig.root.notifications().getNotifications()).isNotEmpty();

        robot.clickOn("#accountMenu");
        DesktopRig.clickMenuEntry(robot, "Sign out");

        await().atMost(DesktopRig.WAIT).until(() -> rig.session.getState() == SessionState.SIGNED_OUT
                && robot.lookup("#signIn").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rig.root.deals().getDeals()).isEmpty();
        assertThat(rig.root.contacts().getContacts()).isEmpty();
        assertThat(rig.root.notifications().getNotifications()).isEmpty();
        assertThat(rig.root.notifications().getUnreadCount()).isZero();
        assertThat(stage.getTitle()).isEqualTo("Flow CRM");
        assertThat(rig.shell.mainWindow()).isNull();
    }

    @Test
    void expiredSessionReturnsToSignInWithTheReason(FxRobot robot) {
        rig.signIn(robot);
        int apiPort = rig.demo.apiPort();
        int wsPort = rig.demo.wsPort();
        rig.demo.close();
        // A new server on the same ports signs with another secret: the old token and refresh token are worthless.
        try (DemoServer replacement = DemoServer.start(DemoServerConfig.forTests().withPorts(apiPort, wsPort))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rig.session.getState() == SessionState.EXPIRED
                    && robot.lookup("#signIn").tryQuery().isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            String shown = robot.lookup("#signInError").queryAs(Label.class).getText();
            assertThat(shown).contains("sign in again");
            assertThat(stage.getTitle()).isEqualTo("Flow CRM");
            assertThat(rig.root.deals().getDeals()).isEmpty();
        }
    }

    @Test
    void ctrlKSearchesDealsAndRevealsThePickedOne(FxRobot robot) {
        rig.signIn(robot);
        Deal deal = rig.root.deals().getDeals().get(0);

        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        TextField search = robot.lookup("#globalSearch").queryAs(TextField.class);
        assertThat(search.isFocused()).isTrue();
        robot.write(deal.getTitle());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#searchResults").tryQuery()).isPresent();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(rig.pipeline.revealed()).containsExactly(deal.getId());
        assertThat(robot.lookup("#navPipeline").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(search.getText()).isEmpty();
    }

    @Test
    void searchFindsContactsAndShowsThemInTheContactsView(FxRobot robot) {
        rig.signIn(robot);
        String name = rig.root.contacts().getContacts().get(3).getName();
        String id = rig.root.contacts().getContacts().get(3).getId();
        robot.clickOn("#globalSearch").write(name);
        WaitForAsyncUtils.waitForFxEvents();
        int contactRow = DesktopRig.onFx(() -> {
            var hits = rig.shell.mainWindow().searchHits();
            for (int i = 0; i < hits.size(); i++) {
                if (hits.get(i).id().equals(id)) {
                    return i;
                }
            }
            return -1;
        });
        assertThat(contactRow).isNotNegative();
        for (int i = 0; i < contactRow; i++) {
            robot.type(KeyCode.DOWN);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rig.contacts.revealed()).containsExactly(id);
        assertThat(robot.lookup("#navContacts").queryAs(ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void themeStartsFromTheUsersPreferenceAndTheMenuSwitchesIt(FxRobot robot) {
        rig.signIn(robot);
        Theme preferred = rig.session.getCurrentUser().preferences().theme();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ThemeSwitcher.stylesheetOf(preferred));

        Theme other = preferred == Theme.DARK ? Theme.LIGHT : Theme.DARK;
        // The submenu closes when the pointer crosses other entries on its way; choose the entry as the menu does.
        MenuButton menu = robot.lookup("#accountMenu").queryAs(MenuButton.class);
        Menu themeMenu = (Menu) menu.getItems().stream().filter(i -> "Theme".equals(i.getText())).findFirst().orElseThrow();
        MenuItem choice = themeMenu.getItems().stream()
                .filter(i -> i.getText().equals(other == Theme.DARK ? "Dark" : "Light")).findFirst().orElseThrow();
        robot.interact(choice::fire);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ThemeSwitcher.stylesheetOf(other));
        assertThat(rig.themes.getTheme()).isEqualTo(other);
        assertThat(rig.preferences.theme()).contains(other);
    }

    @Test
    void aThemeChosenInTheAppWinsOverTheAccountsSettingAtTheNextSignIn(FxRobot robot) {
        // the demo user's account says light
        Theme chosen = Theme.DARK;
        rig.preferences.saveTheme(chosen);

        rig.signIn(robot);

        assertThat(rig.session.getCurrentUser().preferences().theme()).isEqualTo(Theme.LIGHT);
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ThemeSwitcher.stylesheetOf(chosen));
        assertThat(rig.themes.getTheme()).isEqualTo(chosen);
    }

    @Test
    void navigationByKeyboardIsRememberedAsTheLastView(FxRobot robot) {
        rig.signIn(robot);
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT2).release(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#contactsView").tryQuery()).isPresent();
        assertThat(rig.preferences.lastView()).contains("CONTACTS");

        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT3).release(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#notificationList").tryQuery()).isPresent();
        assertThat(rig.preferences.lastView()).contains("NOTIFICATIONS");
    }

    @Test
    void arrowKeysMoveThroughTheNavigation(FxRobot robot) {
        rig.signIn(robot);
        robot.clickOn("#navPipeline").type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#contactsView").tryQuery()).isPresent();
        assertThat(robot.lookup("#navContacts").queryAs(ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void showLogsIsInTheMenu(FxRobot robot) {
        rig.signIn(robot);
        robot.clickOn("#accountMenu");
        DesktopRig.clickMenuEntry(robot, "Show logs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rig.logFolderOpens.get()).isEqualTo(1);
    }

    @Test
    void windowBoundsAreSavedWhenTheWindowCloses(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1111);
            stage.setHeight(777);
            stage.hide();
        });
        assertThat(rig.preferences.windowBounds()).hasValueSatisfying(bounds -> {
            assertThat(bounds.width()).isEqualTo(1111);
            assertThat(bounds.height()).isEqualTo(777);
        });
    }
}
