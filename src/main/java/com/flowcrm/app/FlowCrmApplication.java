package com.flowcrm.app;

import com.flowcrm.model.Theme;
import com.flowcrm.store.SessionStore;
import com.flowcrm.store.insights.InsightSettings;
import com.flowcrm.store.insights.RottingLimits;
import com.flowcrm.ui.NavigableView;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.contacts.ContactsView;
import com.flowcrm.ui.insights.InsightsView;
import com.flowcrm.ui.pipeline.PipelineView;
import com.flowcrm.ui.shell.DesktopShell;
import com.flowcrm.ui.shell.LogFolderOpener;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javafx.application.Application;
import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: wires the session (and the demo backend in demo mode) and shows the desktop shell. */
public class FlowCrmApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(FlowCrmApplication.class);
    private static final String[] ICONS = {"flow-crm-32.png", "flow-crm-64.png", "flow-crm-256.png"};
    private static volatile AppConfig launchConfig;

    private AppContext context;
    private UiPreferences preferences;
    private ThemeSwitcher themes;
    private CompletableFuture<List<Image>> icons;

    /** Starts the JavaFX toolkit with this configuration and blocks until the last window closes. */
    public static void launchWith(AppConfig config) {
        launchConfig = Objects.requireNonNull(config, "config");
        Application.launch(FlowCrmApplication.class);
    }

    static AppConfig config() {
        AppConfig config = launchConfig;
        return config != null ? config : AppConfig.resolve(null, null, System.getenv());
    }

    /**
     * Wires the session; what the window does not need (the demo backend, SQLite, the credential store, the local
     * copy) starts once it shows, so the window never waits.
     */
    @Override
    public void init() {
        preferences = UiPreferences.forCurrentUser();
        themes = new ThemeSwitcher();
        // Off the FX thread this only queues the theme for it: the FX thread, idle until start(), loads the theme's
        // 1,072 rules while this thread wires the session. The window icons load on a thread of their own.
        themes.apply(preferences.theme().orElse(Theme.LIGHT));
        icons = CompletableFuture.supplyAsync(FlowCrmApplication::loadIcons,
                runnable -> Thread.ofPlatform().daemon().name("flow-icons").start(runnable));
        context = AppContext.forWindow(config());
    }

    @Override
    public void start(Stage stage) {
        keepRottingLimits(context.root().deals().rottingLimitsProperty(), InsightSettings.forCurrentUser());
        showDesktop(stage, context.session(), context.backendReady(), preferences, themes, getHostServices(),
                AppDirectories.forCurrentUser().logDir());
        // after this start returns: the window's first frame is laid out before the rest takes the CPU
        Platform.runLater(context::windowShown);
        icons.thenAcceptAsync(stage.getIcons()::setAll, Platform::runLater);
    }

    /**
     * Shows the sign-in screen (and the main window once signed in) for a wired session, sign-in enabled once
     * {@code backendReady} completes; the one place that names the concrete pipeline, contacts and Insights views.
     */
    static DesktopShell showDesktop(Stage stage, SessionStore session, CompletionStage<Void> backendReady,
            UiPreferences preferences, HostServices hostServices, Path logDir) {
        stage.getIcons().setAll(loadIcons());
        return showDesktop(stage, session, backendReady, preferences, new ThemeSwitcher(), hostServices, logDir);
    }

    /** As above with the theme switcher the application made (and applied the saved theme with) in init(). */
    private static DesktopShell showDesktop(Stage stage, SessionStore session, CompletionStage<Void> backendReady,
            UiPreferences preferences, ThemeSwitcher themes, HostServices hostServices, Path logDir) {
        Function<Navigator, NavigableView> pipeline = navigator -> new PipelineView(session, navigator);
        Function<Navigator, NavigableView> contacts = navigator -> new ContactsView(session, navigator);
        Function<Navigator, NavigableView> insights = navigator -> new InsightsView(session, navigator);
        LogFolderOpener logs = new LogFolderOpener(logDir, hostServices,
                message -> Platform.runLater(() -> explain(stage, message)));
        DesktopShell shell = new DesktopShell(stage, session, new DesktopShell.Options(preferences, themes,
                pipeline, contacts, insights, logs, Clock.systemDefaultZone(), backendReady));
        shell.show();
        return shell;
    }

    /** The rep's rotting limits from the last run, saved again whenever they change (the `report` command reads them too). */
    static void keepRottingLimits(ObjectProperty<RottingLimits> limits, InsightSettings settings) {
        limits.set(settings.rottingLimits());
        limits.addListener((obs, old, now) -> settings.saveRottingLimits(now));
    }

    private static void explain(Stage owner, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message);
        alert.initOwner(owner);
        alert.setHeaderText("Logs");
        alert.show();
    }

    /** The window icons, decoded (any thread: an Image loads synchronously where it is made). */
    static List<Image> loadIcons() {
        List<Image> images = new ArrayList<>();
        for (String name : ICONS) {
            var url = FlowCrmApplication.class.getResource("/com/flowcrm/ui/icons/" + name);
            if (url != null) {
                images.add(new Image(url.toExternalForm()));
            }
        }
        return images;
    }

    @Override
    public void stop() {
        if (context != null) {
            LOG.debug("Closing the session");
            context.close();
        }
    }
}
