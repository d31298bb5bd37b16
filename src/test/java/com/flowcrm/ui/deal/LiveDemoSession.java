package com.flowcrm.ui.deal;

import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerLight;
import com.flowcrm.app.AppConfig;
import com.flowcrm.app.AppContext;
import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.demo.DemoState;
import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.SessionState;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.NavigableView;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The views' end-to-end setting: the demo backend on free ports (simulator off) and a session signed in to it,
 * with the snapshot loaded and the live connection up. Start it off the FX thread.
 */
public final class LiveDemoSession implements AutoCloseable {
    /** Generous for a busy build machine; waits end as soon as the condition holds. */
    public static final Duration PATIENCE = Duration.ofSeconds(15);

    private final DemoServer demo;
    private final AppContext app;

    private LiveDemoSession(DemoServer demo, AppContext app) {
        this.demo = demo;
        this.app = app;
    }

    public static LiveDemoSession start() throws Exception {
        return start(DemoServerConfig.forTests(), PATIENCE);
    }

    /** With another data set, e.g. thousands of deals for the scale tests, and the time the sign-in may take. */
    public static LiveDemoSession start(DemoServerConfig config, Duration signInPatience) throws Exception {
        DemoServer demo = DemoServer.start(config);
        AppContext app = AppContext.create(AppConfig.forServer(demo.apiUrl(), demo.wsUrl()));
        LiveDemoSession live = new LiveDemoSession(demo, app);
        try {
            app.session().login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD)
                    .get(signInPatience.toSeconds(), TimeUnit.SECONDS);
            await().atMost(signInPatience).until(() -> onFx(() -> app.session().stateProperty().get() == SessionState.ACTIVE
                    && app.session().connectionProperty().get().phase() == ConnectionReport.Phase.LIVE));
        } catch (Exception | AssertionError e) {
            live.close();
            throw e;
        }
        return live;
    }

    /** Registers the FX toolkit with the light theme; once per test class. */
    public static void prepareToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    /** Builds the view on the FX thread and shows it in the test window, at the headless screen's 1280x800. */
    public static <V extends NavigableView> V show(Supplier<V> build) throws TimeoutException {
        AtomicReference<V> built = new AtomicReference<>();
        FxToolkit.setupStage(stage -> {
            V view = build.get();
            built.set(view);
            stage.setScene(new Scene((Parent) view.getNode(), 1280, 800));
            stage.show();
            stage.toFront();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return built.get();
    }

    public SessionStore session() {
        return app.session();
    }

    public DemoServer demo() {
        return demo;
    }

    /** The server's data; changes made through it are broadcast to the client like a colleague's. */
    public DemoState server() {
        return demo.state();
    }

    /** Runs on the FX thread and returns the result (models and views are read there only). */
    public static <T> T onFx(Callable<T> read) throws ExecutionException, InterruptedException, TimeoutException {
        return WaitForAsyncUtils.asyncFx(read).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        app.close();
        demo.close();
    }
}
