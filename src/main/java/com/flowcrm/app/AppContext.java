package com.flowcrm.app;

import com.flowcrm.demo.DemoDataException;
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
            demo = startEmbeddedDemo(AppDirectories.forCurrentUser().demoServerDir());
            sessionConfig = new SessionConfig(demo.apiUrl(), demo.wsUrl(), true, DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD,
                    config.realtimeSettings());
            log.info("Demo mode: embedded backend at {} and {}", demo.apiUrl(), demo.wsUrl());
        } else {
            sessionConfig = new SessionConfig(config.apiUrl(), config.wsUrl(), false, null, null, config.realtimeSettings());
        }
        RootStore root = new RootStore(uiExecutor);
        return new AppContext(demo, root, new SessionStore(sessionConfig, root));
    }

    /**
     * The demo backend on the usual ports with its state in the app's data folder. When that folder cannot be used
     * (a second window holds it, or it was written by a newer version or is damaged) the demo runs in memory and
     * the log says why; the folder itself is never touched, let alone reset.
     */
    static DemoServer startEmbeddedDemo(java.nio.file.Path dataDir) {
        DemoServerConfig config = DemoServerConfig.defaults();
        try {
            return DemoServer.startPreferringConfiguredPorts(config.withDataDir(dataDir));
        } catch (DemoDataException e) {
            if (e.reason() == DemoDataException.Reason.IN_USE) {
                log.warn("Demo data in {} is used by another Flow CRM window; this one runs its demo in memory", dataDir);
            } else {
                log.error("Demo data cannot be used, the demo runs in memory this time: {}", e.getMessage());
            }
            return DemoServer.startPreferringConfiguredPorts(config);
        }
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
