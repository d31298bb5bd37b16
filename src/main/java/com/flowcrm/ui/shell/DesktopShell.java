package com.flowcrm.ui.shell;

import com.flowcrm.model.Theme;
import com.flowcrm.model.User;
import com.flowcrm.store.SessionMode;
import com.flowcrm.store.SessionState;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.NavigableView;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.UiPreferences.ServerAddress;
import com.flowcrm.ui.UiPreferences.WindowBounds;
import com.flowcrm.ui.signin.SignInView;
import com.flowcrm.ui.signin.SignInViewModel;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the application window: shows the sign-in screen or the main window as the session state says, keeps the
 * title ("Flow CRM - name"), the theme and the remembered window bounds. With a local copy it opens straight to the
 * main window from the kept session of the last user (no sign-in screen), and keeps the main window, read-only, when
 * the server refuses the session (the window asks for the password over it).
 */
public final class DesktopShell implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopShell.class);
    private static final double DEFAULT_WIDTH = 1280;
    private static final double DEFAULT_HEIGHT = 820;

    /**
     * What the shell needs besides the session; the pipeline, contacts and Insights views come as factories.
     * {@code backendReady} completes when the session can sign in (in demo mode once the embedded backend is up).
     */
    public record Options(UiPreferences preferences, ThemeSwitcher themes,
            Function<Navigator, NavigableView> pipeline, Function<Navigator, NavigableView> contacts,
            Function<Navigator, NavigableView> insights, Runnable showLogs, Clock clock,
            CompletionStage<Void> backendReady) {
        public Options {
            Objects.requireNonNull(preferences, "preferences");
            Objects.requireNonNull(themes, "themes");
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(contacts, "contacts");
            Objects.requireNonNull(insights, "insights");
            Objects.requireNonNull(showLogs, "showLogs");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(backendReady, "backendReady");
        }

        /** With a backend that is ready from the start (a real server). */
        public Options(UiPreferences preferences, ThemeSwitcher themes, Function<Navigator, NavigableView> pipeline,
                Function<Navigator, NavigableView> contacts, Function<Navigator, NavigableView> insights,
                Runnable showLogs, Clock clock) {
            this(preferences, themes, pipeline, contacts, insights, showLogs, clock, CompletableFuture.completedFuture(null));
        }
    }

    private final Stage stage;
    private final SessionStore session;
    private final Options options;
    private Scene scene;
    private MainWindow mainWindow;
    private SignInView signInView;
    private SignInViewModel signInModel;
    private OpeningView opening;
    private String signOutNotice;
    private final ServerAddress launchServer;
    private WindowBounds normalBounds;
    private final ChangeListener<SessionState> stateListener = (obs, old, now) -> follow(now);

    public DesktopShell(Stage stage, SessionStore session, Options options) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.session = Objects.requireNonNull(session, "session");
        this.options = Objects.requireNonNull(options, "options");
        this.launchServer = new ServerAddress(session.config().apiUrl(), session.config().wsUrl());
    }

    /** Restores the window and shows the screen that fits the session's state. */
    public void show() {
        options.themes().apply(options.preferences().theme().orElse(Theme.LIGHT));
        scene = new Scene(new javafx.scene.layout.StackPane());
        // On the scene too, so that popups (menus, search results, toasts) inherit the same rules.
        scene.getStylesheets().add(ThemeSwitcher.APP_STYLESHEET);
        stage.setScene(scene);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setMinWidth(Math.min(960, screen.getWidth()));
        stage.setMinHeight(Math.min(600, screen.getHeight()));
        stage.titleProperty().bind(Bindings.createStringBinding(this::title, session.stateProperty(),
                session.currentUserProperty(), session.modeProperty()));
        restoreBounds();
        session.stateProperty().addListener(stateListener);
        stage.setOnHidden(e -> rememberBounds());
        follow(session.stateProperty().get());
        stage.show();
    }

    /**
     * The app resumes the last user's kept session from the local copy at start (AppContext): while it reads the copy
     * this shows "Opening your workspace" instead of a sign-in form the rep did not ask for; a session that cannot be
     * resumed ends signed out and the sign-in screen shows.
     */
    private void showOpening() {
        String email = session.getCurrentUser() != null ? session.getCurrentUser().email()
                : options.preferences().lastEmail().orElse("");
        opening = new OpeningView(email);
        signInView = null;
        signInModel = null;
        setRoot(opening.getNode());
        LOG.info("Opening the local copy of {}", email);
    }

    /** Whether the session signs in without the sign-in form: the kept session resumed at start. */
    private boolean resumingWithoutForm() {
        return mainWindow == null && opening == null && (signInModel == null || !signInModel.busyProperty().get());
    }

    /** The main window while signed in, else null. */
    public MainWindow mainWindow() {
        return mainWindow;
    }

    /** The sign-in screen's model while it is shown, else null. */
    public SignInViewModel signInModel() {
        return signInModel;
    }

    private String title() {
        User user = session.currentUserProperty().get();
        boolean shown = session.stateProperty().get() == SessionState.ACTIVE
                || session.modeProperty().get().kind() == SessionMode.Kind.READ_ONLY;
        return shown && user != null ? "Flow CRM - " + user.name() : "Flow CRM";
    }

    private void follow(SessionState state) {
        if (state == null) {
            return;
        }
        if (keepsMainWindow(state)) {
            // read-only from the local copy: the data and the changes stay on screen; the window asks for the password
            return;
        }
        switch (state) {
            case ACTIVE -> {
                opening = null;
                if (mainWindow == null) {
                    showMain();
                }
            }
            case SIGNING_IN -> {
                if (resumingWithoutForm()) {
                    showOpening();
                } else if (signInView == null && opening == null) {
                    showSignIn(null);
                }
            }
            // A failed sign-in also ends in SIGNED_OUT: the form that shows its error stays.
            case SIGNED_OUT -> {
                if (signInView == null || opening != null) {
                    opening = null;
                    showSignIn(null);
                }
            }
            case EXPIRED -> {
                if (signInView == null) {
                    showSignIn(session.endReasonProperty().get());
                } else {
                    signInModel.showReason(session.endReasonProperty().get());
                }
            }
        }
    }

    /** The server refused the session (or the rep is signing in again) while the local copy stays on screen. */
    private boolean keepsMainWindow(SessionState state) {
        return mainWindow != null && state != SessionState.ACTIVE && state != SessionState.SIGNED_OUT
                && session.modeProperty().get().kind() == SessionMode.Kind.READ_ONLY;
    }

    private void showSignIn(String reason) {
        closeMain();
        signInModel = new SignInViewModel(session, options.preferences(), launchServer, options.backendReady());
        signInModel.showReason(reason);
        signInModel.showNotice(signOutNotice);
        signOutNotice = null;
        signInView = new SignInView(signInModel);
        setRoot(signInView.getNode());
        signInView.focusFirstEmptyField();
        LOG.debug("Showing sign-in{}", reason == null ? "" : " (" + reason + ")");
    }

    private void showMain() {
        closeMain();
        User user = session.currentUserProperty().get();
        // a theme the rep chose in this app wins over the account's setting, which the app never writes back: without
        // this, every sign-in (and an offline one, from the local copy's user) undid the rep's choice
        options.preferences().theme()
                .or(() -> Optional.ofNullable(user).map(u -> u.preferences().theme()))
                .ifPresent(options.themes()::apply);
        MainWindowViewModel model = new MainWindowViewModel(session, options.preferences(), options.themes(),
                options.clock(), this::signedOut);
        mainWindow = new MainWindow(model, options.pipeline(), options.contacts(), options.insights(), options.showLogs(),
                options.clock());
        signInView = null;
        signInModel = null;
        setRoot(mainWindow.getNode());
        MainWindow shown = mainWindow;
        Platform.runLater(() -> {
            if (mainWindow == shown) {
                shown.focusContent();
            }
        });
    }

    /** What signing out did with the rep's changes, for the sign-in screen (which may already show). */
    private void signedOut(String message) {
        if (signInModel != null) {
            signInModel.showNotice(message);
        } else {
            signOutNotice = message;
        }
    }

    private void closeMain() {
        if (mainWindow != null) {
            mainWindow.close();
            mainWindow = null;
        }
    }

    private void setRoot(Parent root) {
        scene.setRoot(root);
    }

    private void restoreBounds() {
        WindowBounds saved = options.preferences().windowBounds().orElse(null);
        if (saved != null && visibleOnSomeScreen(saved)) {
            stage.setX(saved.x());
            stage.setY(saved.y());
            stage.setWidth(saved.width());
            stage.setHeight(saved.height());
            stage.setMaximized(saved.maximized());
            normalBounds = saved;
        } else {
            // Never larger than the screen: a small laptop gets a window that fits, with room for the task bar.
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.min(DEFAULT_WIDTH, screen.getWidth() * 0.92));
            stage.setHeight(Math.min(DEFAULT_HEIGHT, screen.getHeight() * 0.92));
            stage.centerOnScreen();
        }
        // While maximized the stage reports the screen's size; remember the size it had before.
        Runnable track = () -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0) {
                normalBounds = new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
            }
        };
        stage.xProperty().addListener(o -> track.run());
        stage.yProperty().addListener(o -> track.run());
        stage.widthProperty().addListener(o -> track.run());
        stage.heightProperty().addListener(o -> track.run());
    }

    private static boolean visibleOnSomeScreen(WindowBounds bounds) {
        Rectangle2D titleBar = new Rectangle2D(bounds.x(), bounds.y(), Math.max(bounds.width(), 1), 40);
        return !Screen.getScreensForRectangle(titleBar).isEmpty();
    }

    /** Lets go of the stage and the session (tests reuse one stage for many shells). */
    @Override
    public void close() {
        session.stateProperty().removeListener(stateListener);
        stage.titleProperty().unbind();
        stage.setOnHidden(null);
        closeMain();
    }

    /** Saves the window's normal bounds, its maximized flag and the view on screen. */
    public void rememberBounds() {
        WindowBounds bounds = normalBounds != null ? normalBounds
                : new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        options.preferences().saveWindowBounds(new WindowBounds(bounds.x(), bounds.y(), bounds.width(), bounds.height(),
                stage.isMaximized()));
        options.preferences().flush();
    }
}
