package com.flowcrm.ui.offline;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.ModalPane;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Theme;
import com.flowcrm.model.User;
import com.flowcrm.model.UserPreferences;
import com.flowcrm.model.UserRole;
import com.flowcrm.store.PendingFixture;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionException;
import com.flowcrm.store.SessionMode;
import com.flowcrm.store.SignOutChoice;
import com.flowcrm.store.SignOutResult;
import com.flowcrm.ui.MutableClock;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The session's dialogs over a window: sign in again (email fixed), the sign-out choices, removing the local copy. */
class SessionDialogsTest {
    private static final Instant SYNCED = Instant.parse("2026-12-04T14:32:00Z");
    private final FxRobot robot = new FxRobot();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T16:00:00Z"));
    private final SimpleObjectProperty<SessionMode> mode = new SimpleObjectProperty<>(
            new SessionMode(SessionMode.Kind.LIVE, null, "rep@acme.example", true));
    private final List<String> passwords = new CopyOnWriteArrayList<>();
    private final List<SignOutChoice> choices = new CopyOnWriteArrayList<>();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private SessionDialogs dialogs;
    private ReadOnlyBanner banner;
    private SignInAgainModel signIn;
    private SignOutModel signOut;
    private PendingFixture outbox;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void lightAgain() throws Exception {
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(ThemeSwitcher.stylesheetOf(Theme.LIGHT)));
    }

    private void show(Theme theme) throws Exception {
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(ThemeSwitcher.stylesheetOf(theme)));
        FxToolkit.setupStage(stage -> {
            RootStore root = new RootStore(Runnable::run);
            Deal deal = new Deal("d1");
            deal.setTitle("Acme renewal");
            root.deals().loadSnapshot(List.of(deal));
            outbox = new PendingFixture(root);
            banner = new ReadOnlyBanner(mode, outbox.pending().waitingCountProperty(),
                    outbox.pending().attentionCountProperty(), clock);
            signIn = new SignInAgainModel(banner::email, password -> {
                passwords.add(password);
                return "right".equals(password)
                        ? CompletableFuture.completedFuture(new User("u1", "rep@acme.example", "Rita Rep", null,
                                UserRole.SALES, new UserPreferences(null, true, "UTC"), null, null))
                        : CompletableFuture.failedFuture(new SessionException(SessionException.Kind.BAD_CREDENTIALS,
                                "Wrong email or password."));
            });
            signOut = new SignOutModel(outbox.pending(), mode::get, choice -> {
                choices.add(choice);
                return CompletableFuture.completedFuture(new SignOutResult(0, 1, 0, false));
            }, told::add);
            ModalPane modal = new ModalPane();
            dialogs = new SessionDialogs(modal);
            StackPane window = new StackPane(new BorderPane(new Label("the board")), modal);
            ThemeSwitcher.style(window);
            window.getStylesheets().add(SessionDialogsTest.class.getResource("/com/flowcrm/ui/offline.css")
                    .toExternalForm());
            stage.setScene(new Scene(window, 1000, 640));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void signingInAgainKeepsTheEmailSaysAWrongPasswordAndClosesWhenLive() throws Exception {
        show(Theme.LIGHT);
        robot.interact(() -> {
            outbox.stageMove("d1", "prospect", "proposal");
            mode.set(new SessionMode(SessionMode.Kind.READ_ONLY, SYNCED, "rep@acme.example", true));
            dialogs.signInAgain(signIn, banner);
        });
        TextField email = robot.lookup("#reSignInEmail").queryAs(TextField.class);
        assertThat(email.getText()).isEqualTo("rep@acme.example");
        assertThat(email.isEditable()).isFalse();
        assertThat(robot.lookup("#reSignIn").queryAs(Button.class).isDisabled()).isTrue();

        robot.write("wrong").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#reSignInError").queryAs(Label.class).getText()).isEqualTo("Wrong email or password.");
        assertThat(dialogs.isShowing()).isTrue();
        Shots.take(robot, "sign-in-again-light");

        robot.interact(() -> signIn.passwordProperty().set("right"));
        robot.clickOn("#reSignIn");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(passwords).containsExactly("wrong", "right");
        assertThat(dialogs.isShowing()).isFalse();
        assertThat(banner.askingProperty().get()).as("closed: the banner stops asking").isFalse();
    }

    @Test
    void notNowClosesTheDialogAndTheBannerCanOpenItAgain() throws Exception {
        show(Theme.DARK);
        robot.interact(() -> {
            mode.set(new SessionMode(SessionMode.Kind.READ_ONLY, SYNCED, "rep@acme.example", true));
            dialogs.signInAgain(signIn, banner);
        });
        Shots.take(robot, "sign-in-again-dark");
        assertThat(banner.askingProperty().get()).isTrue();

        robot.clickOn("#reSignInLater");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.isShowing()).isFalse();
        assertThat(banner.askingProperty().get()).isFalse();
        assertThat(banner.shownProperty().get()).as("the data stays read-only").isTrue();
        assertThat(passwords).isEmpty();
    }

    @Test
    void signOutOffersSendNowOnlyWhenTheServerAnswersAndKeepSignsOutWithThatChoice() throws Exception {
        show(Theme.LIGHT);
        robot.interact(() -> {
            outbox.stageMove("d1", "prospect", "proposal");
            mode.set(new SessionMode(SessionMode.Kind.OFFLINE, SYNCED, "rep@acme.example", true));
            dialogs.signOut(signOut);
        });
        assertThat(robot.lookup("#signOutQuestion").queryAs(Label.class).getText())
                .isEqualTo("1 change you made is not on the server yet. What should happen to it?");
        assertThat(robot.lookup("#signOutSendNow").queryAs(Button.class).isDisabled()).isTrue();
        Shots.take(robot, "sign-out-choice-offline-light");

        robot.clickOn("#signOutKeep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(choices).containsExactly(SignOutChoice.KEEP_FOR_NEXT_TIME);
        assertThat(told).hasSize(1);
    }

    @Test
    void removingTheLocalCopySaysWhatIsLostAndCancelKeepsIt() throws Exception {
        show(Theme.DARK);
        AtomicReference<String> warning = new AtomicReference<>();
        robot.interact(() -> {
            outbox.stageMove("d1", "prospect", "proposal");
            dialogs.removeLocalData(signOut);
            warning.set(signOut.removalWarning());
        });
        assertThat(robot.lookup("#removeLocalWarning").queryAs(Label.class).getText()).isEqualTo(warning.get())
                .contains("1 change that is not on the server yet and will be lost");
        Shots.take(robot, "remove-local-data-dark");

        robot.clickOn("#removeLocalCancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(choices).isEmpty();
        assertThat(dialogs.isShowing()).isFalse();

        robot.interact(() -> dialogs.removeLocalData(signOut));
        robot.clickOn("#removeLocalConfirm");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(choices).containsExactly(SignOutChoice.REMOVE_LOCAL_DATA);
    }
}
