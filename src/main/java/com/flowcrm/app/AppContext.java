package com.flowcrm.app;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything the desktop window needs, wired once: the demo backend in demo mode, the stores and the session. */
public final class AppContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppContext.class);

    private final DemoServer demoServer;
    private final RootStore root;
    private final SessionStore session;

    private AppContext(DemoServer demoServer, RootStore root, SessionStore session) {
        this.demoServer = demoServer;
        this.root = root;
        this.session = session;
    }

    /** Wires the app with the JavaFX thread as UI executor; in demo mode starts the embedded demo backend first. */
    public static AppContext create(AppConfig config) {
        return create(config, Platform::runLater);
    }

    public static AppContext create(AppConfig config, Executor uiExecutor) {
        DemoServer demo = null;
        SessionConfig sessionConfig;
        if (config.demoMode()) {
            demo = DemoServer.startPreferringConfiguredPorts(DemoServerConfig.defaults());
            sessionConfig = new SessionConfig(demo.apiUrl(), demo.wsUrl(), true, DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD,
                    config.realtimeSettings());
            log.info("Demo mode: embedded backend at {} and {}", demo.apiUrl(), demo.wsUrl());
        } else {
            sessionConfig = new SessionConfig(config.apiUrl(), config.wsUrl(), false, null, null, config.realtimeSettings());
        }
        RootStore root = new RootStore(uiExecutor);
        return new AppContext(demo, root, new SessionStore(sessionConfig, root));
    }

    public SessionStore session() {
        return session;
    }

    public RootStore root() {
        return root;
    }

    /** The embedded demo backend, or null when connected to a real server. */
    public DemoServer demoServer() {
        return demoServer;
    }

    @Override
    public void close() {
        session.close();
        if (demoServer != null) {
            demoServer.close();
        }
    }
}
