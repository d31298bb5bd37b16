package com.flowcrm.app;

import com.flowcrm.demo.DemoDataException;
import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.CredentialStore;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import com.flowcrm.local.credentials.OsCredentialStore;
import com.flowcrm.store.LocalStorage;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.UiPreferences;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the desktop window needs, wired once: the demo backend in demo mode, the stores and the session with its
 * local workspaces (in {@code <app home>/data/workspaces}) and the OS credential store. When the last user has a local
 * copy and a kept session, the session opens from it before the sign-in screen is needed. For the window
 * ({@link #forWindow}) the work that needs no window (the demo backend's start, SQLite, the credential store, the local
 * copy) waits until {@link #windowShown()}, and then runs on threads of its own.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppContext.class);
    /** {@code -Dflow.credentials=memory}: sessions are kept in memory only, never in the OS store (tests, kiosks). */
    public static final String CREDENTIALS_PROPERTY = "flow.credentials";

    private final CompletableFuture<DemoServer> demoServer;
    private final CompletableFuture<Void> backendReady;
    private final RootStore root;
    private final SessionStore session;
    private final CompletableFuture<Void> windowShown;

    private AppContext(CompletableFuture<DemoServer> demoServer, CompletableFuture<Void> backendReady, RootStore root,
            SessionStore session, CompletableFuture<Void> windowShown) {
        this.demoServer = demoServer;
        this.backendReady = backendReady;
        this.root = root;
        this.session = session;
        this.windowShown = windowShown;
    }

    /**
     * Wires the app with the JavaFX thread as UI executor; in demo mode the embedded demo backend starts in the
     * background (see {@link #backendReady()}).
     */
    public static AppContext create(AppConfig config) {
        return create(config, Platform::runLater);
    }

    public static AppContext create(AppConfig config, Executor uiExecutor) {
        return create(config, uiExecutor, localStorage(AppDirectories.forCurrentUser(), started()),
                UiPreferences.forCurrentUser());
    }

    /**
     * Wires the app for its window (JavaFX thread as UI executor): nothing but the stores and the session is made here;
     * the demo backend, SQLite, the credential store and the local copy start when {@link #windowShown()} is called.
     */
    static AppContext forWindow(AppConfig config) {
        CompletableFuture<Void> shown = new CompletableFuture<>();
        return create(config, Platform::runLater, localStorage(AppDirectories.forCurrentUser(), shown),
                UiPreferences.forCurrentUser(), shown);
    }

    /** The workspaces of this OS user, their credential store, SQLite's library folder. Nothing is opened here. */
    static LocalStorage localStorage(AppDirectories dirs, CompletableFuture<Void> opensAfter) {
        CredentialStore credentials = "memory".equals(System.getProperty(CREDENTIALS_PROPERTY))
                ? new InMemoryCredentialStore() : new OsCredentialStore();
        return new LocalStorage(new Workspaces(dirs.workspacesDir()), credentials, dirs.nativeLibraryDir(), opensAfter);
    }

    private static CompletableFuture<Void> started() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * @param storage     where the workspaces and the kept sessions are (null: live only)
     * @param preferences the last user and server, to open from their local copy at start
     */
    static AppContext create(AppConfig config, Executor uiExecutor, LocalStorage storage, UiPreferences preferences) {
        return create(config, uiExecutor, storage, preferences, started());
    }

    /**
     * @param windowShown completes when the window is on screen: the demo backend starts then (the storage's own
     *                    {@code opensAfter} holds the workspace thread likewise)
     */
    static AppContext create(AppConfig config, Executor uiExecutor, LocalStorage storage, UiPreferences preferences,
            CompletableFuture<Void> windowShown) {
        RootStore root = new RootStore(uiExecutor);
        if (!config.demoMode()) {
            SessionConfig sessionConfig = new SessionConfig(config.apiUrl(), config.wsUrl(), false, null, null,
                    config.realtimeSettings());
            SessionStore session = new SessionStore(sessionConfig, root, Clock.systemUTC(), null, storage);
            session.checkCredentialStore();
            CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
            AppContext context = new AppContext(CompletableFuture.completedFuture(null), ready, root, session,
                    windowShown);
            context.resumeLastSession(preferences, true);
            return context;
        }
        // The window does not wait for the demo backend (its data generated, its ports bound): the session starts on
        // the default demo address and moves to the one the server got once it is up, and sign-in waits for that.
        SessionStore session = new SessionStore(new SessionConfig(config.apiUrl(), config.wsUrl(), true,
                DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD, config.realtimeSettings()), root, Clock.systemUTC(),
                null, storage);
        session.checkCredentialStore();
        CompletableFuture<DemoServer> demo = new CompletableFuture<>();
        // Not a daemon: quitting while it starts lets it finish starting and then closes it (see close()). It starts
        // once the window shows: on two cores its data and its server would take the CPU the window's start needs.
        windowShown.thenRun(() -> Thread.ofPlatform().name("demo-server-start").start(() -> {
            try {
                demo.complete(startEmbeddedDemo(AppDirectories.forCurrentUser().demoServerDir()));
            } catch (RuntimeException | Error e) {
                log.error("The embedded demo backend did not start", e);
                demo.completeExceptionally(e);
            }
        }));
        CompletableFuture<Void> ready = demo.thenAcceptAsync(server -> {
            session.changeServer(server.apiUrl(), server.wsUrl());
            log.info("Demo mode: embedded backend at {} and {}", server.apiUrl(), server.wsUrl());
        }, uiExecutor);
        AppContext context = new AppContext(demo, ready, root, session, windowShown);
        ready.thenRunAsync(() -> context.resumeLastSession(preferences, false), uiExecutor);
        return context;
    }

    /**
     * Opens the last signed-in user's local copy when a session of theirs is kept (the board shows at once, then it
     * connects and catches up); otherwise the sign-in screen stays. The session follows the server remembered for the
     * configured one, as the sign-in screen would.
     */
    private void resumeLastSession(UiPreferences preferences, boolean rememberedServer) {
        Optional<String> email = preferences.lastEmail();
        if (email.isEmpty() || email.get().isBlank()) {
            return;
        }
        if (rememberedServer) {
            SessionConfig now = session.config();
            UiPreferences.ServerAddress server = preferences.serverFor(new UiPreferences.ServerAddress(now.apiUrl(),
                    now.wsUrl()));
            if (!server.apiUrl().equals(now.apiUrl()) || !server.wsUrl().equals(now.wsUrl())) {
                try {
                    session.changeServer(server.apiUrl(), server.wsUrl());
                } catch (IllegalArgumentException | IllegalStateException e) {
                    log.info("The remembered server is not usable ({}); staying on the configured one", e.getMessage());
                }
            }
        }
        if (!session.hasLocalCopy(email.get())) {
            return;
        }
        session.resumeStoredSession(email.get()).whenComplete((user, error) -> {
            if (error != null) {
                log.info("No kept session to open for {}: {}", email.get(), error.getMessage());
            } else {
                log.info("Opened the local copy of {}", email.get());
            }
        });
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

    /**
     * The window is on screen: what waited for it starts, on threads of its own (see {@link #forWindow}), and the
     * JDK's default TLS context is loaded in the background so that the first request (sign-in, on the UI thread)
     * does not read the trust store.
     */
    public void windowShown() {
        if (windowShown.complete(null)) {
            Thread.ofPlatform().daemon().name("flow-tls-warm-up").start(AppContext::loadDefaultTls);
        }
    }

    private static void loadDefaultTls() {
        try {
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            log.warn("No default TLS context: https servers cannot be reached ({})", e.getMessage());
        }
    }

    public RootStore root() {
        return root;
    }

    /**
     * Completes (on the UI executor) once the session can sign in: at once for a real server; in demo mode when the
     * embedded backend is up and the session points at it, or exceptionally when it could not start.
     */
    public CompletionStage<Void> backendReady() {
        return backendReady;
    }

    /** The embedded demo backend once it is up; null when connected to a real server or while it starts. */
    public DemoServer demoServer() {
        return demoServer.isDone() && !demoServer.isCompletedExceptionally() ? demoServer.join() : null;
    }

    @Override
    public void close() {
        // closed before the window showed: what waited for it never starts
        windowShown.cancel(false);
        session.close();
        // at once when it is up, else as soon as its start ends
        demoServer.thenAccept(server -> {
            if (server != null) {
                server.close();
            }
        });
    }
}
