package com.flowcrm.demo;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo Flow CRM backend: REST under {@code /api}, the authenticated WebSocket, seeded demo data and an optional
 * simulator of colleagues. One account: both demo users share the deals and contacts; notifications are per user.
 * Every change gets a seq in one change log; with a data directory the state, the log, the signing key, the sessions
 * and the idempotency records survive a restart (also {@code kill -9}).
 */
public final class DemoServer implements AutoCloseable {
    public static final String DEMO_EMAIL = DemoDataGenerator.DEMO_EMAIL;
    public static final String MANAGER_EMAIL = DemoDataGenerator.MANAGER_EMAIL;
    public static final String DEMO_PASSWORD = DemoDataGenerator.DEMO_PASSWORD;
    public static final String JWT_SECRET_ENV = "FLOW_DEMO_JWT_SECRET";
    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);

    /** How long the simulator's changes may wait to be committed together ("a few commits per second"). */
    static final Duration GROUP_COMMIT_DELAY = Duration.ofMillis(200);
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(30);

    private final DemoServerConfig config;
    private final Clock clock;
    private final DemoState state;
    private final DemoTokens tokens;
    private final DemoJournal journal;
    private final boolean loadedFromDisk;
    private final Object lifecycle = new Object();
    private DemoRestApi restApi;
    private volatile DemoWebSocketHub hub;
    private int wsPort;
    private ActivitySimulator simulator;
    private boolean closed;

    private DemoServer(DemoServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        long startNanos = System.nanoTime();
        DemoDatabase db = config.dataDir() == null ? DemoDatabase.inMemory() : DemoDatabase.open(config.dataDir());
        long openedNanos = System.nanoTime();
        DemoPersistence.Opened opened;
        Map<String, Long> lastVisible = new HashMap<>();
        try {
            opened = DemoPersistence.openOrGenerate(db, config, clock);
            LOG.info("Demo data {} in {} ms (database checked in {} ms)", opened.loaded() ? "loaded" : "generated",
                    (System.nanoTime() - openedNanos) / 1_000_000, (openedNanos - startNanos) / 1_000_000);
            for (String userId : opened.store().users.keySet()) {
                lastVisible.put(userId, db.lastVisibleSeq(userId).orElse(opened.prunedThrough()));
            }
        } catch (SQLException | RuntimeException e) {
            db.close();
            if (e instanceof DemoDataException data) {
                throw data;
            }
            throw new DemoDataException(DemoDataException.Reason.UNREADABLE, "cannot read the demo data in "
                    + config.dataDir() + ": " + e.getMessage(), e);
        }
        this.loadedFromDisk = opened.loaded();
        this.journal = new DemoJournal(db, clock, db.durable() ? GROUP_COMMIT_DELAY : Duration.ZERO, opened.head(),
                opened.prunedThrough());
        DemoState.Store store = opened.store();
        store.log = new ChangeLog(store, journal, clock, opened.head());
        this.state = new DemoState(store, true, clock);
        String secret = config.jwtSecret() != null ? config.jwtSecret() : System.getenv(JWT_SECRET_ENV);
        byte[] key = secret == null || secret.isBlank() ? opened.jwtKey() : DemoTokens.keyFor(secret);
        this.tokens = new DemoTokens(key, config.accessTokenTtl(), clock, write -> {
            synchronized (store) {
                store.log.write(write);
            }
        });
        tokens.restore(opened.refreshGrants(), opened.endedSessions());
        journal.setPublisher(new LiveFeed(() -> hub, lastVisible));
    }

    /**
     * Starts REST, WebSocket and (when configured) the simulator; fails with everything already started closed.
     *
     * @throws DemoDataException when the data directory is of a newer version, unreadable or in use (untouched)
     */
    public static DemoServer start(DemoServerConfig config) {
        DemoServer server = new DemoServer(config, Clock.systemUTC());
        try {
            server.restApi = DemoRestApi.start(config.host(), config.apiPort(), server.state, server.tokens,
                    server.journal, server.clock);
            server.wsPort = config.wsPort();
            server.startWebSocket();
            if (config.simulator() && config.eventsPerSecond() > 0) {
                server.simulator = new ActivitySimulator(server.state, config.seed(), server.clock);
                server.simulator.start(config.eventsPerSecond());
            }
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("demo server could not bind " + config.host() + ":" + config.apiPort(), e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("Demo server: REST {} WebSocket {} ({} deals, {} contacts, {}, change log at {})", server.apiUrl(),
                server.wsUrl(), server.state.dealCount(), server.state.contactIds().size(),
                config.dataDir() == null ? "in memory" : (server.loadedFromDisk ? "loaded from " : "new in ")
                        + config.dataDir(), server.journal.durableHead());
        return server;
    }

    /**
     * Starts on the configured ports, or on free ports when one of them is taken (another demo or app instance):
     * what the desktop does in demo mode. Read the chosen ports from {@link #apiUrl()} and {@link #wsUrl()}.
     */
    public static DemoServer startPreferringConfiguredPorts(DemoServerConfig config) {
        try {
            return start(config);
        } catch (RuntimeException e) {
            if (!causedByBindFailure(e) || config.apiPort() == 0 && config.wsPort() == 0) {
                throw e;
            }
            LOG.info("Port {} or {} is taken; the demo server uses free ports instead", config.apiPort(),
                    config.wsPort());
            return start(config.withPorts(0, 0));
        }
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends a frame outside the change log (no seq). It first waits until every change made before it has been
     * broadcast, so frames keep the order of the calls; when nothing is pending that is one comparison.
     */
    private void publish(String event, JsonElement data, String recipientUserId) {
        if (state.lastSeqSeen() > journal.durableHead()) {
            journal.awaitDurable(journal.ticket(), PUBLISH_WAIT);
        }
        DemoWebSocketHub current = hub;
        if (current != null) {
            current.broadcast(event, data, recipientUserId);
        }
    }

    public DemoServerConfig config() {
        return config;
    }

    public int apiPort() {
        return restApi.port();
    }

    /** The WebSocket port; stays the same across {@link #stopWebSocket()} and {@link #startWebSocket()}. */
    public int wsPort() {
        synchronized (lifecycle) {
            return wsPort;
        }
    }

    public String apiUrl() {
        return "http://" + hostForUrl() + ":" + apiPort() + DemoRestApi.BASE_PATH;
    }

    public String wsUrl() {
        return "ws://" + hostForUrl() + ":" + wsPort();
    }

    private String hostForUrl() {
        String host = config.host();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The data directory, or null when the state is in memory. */
    public Path dataDir() {
        return config.dataDir();
    }

    /** Whether the state was read from an existing data directory rather than generated. */
    public boolean loadedFromDisk() {
        return loadedFromDisk;
    }

    /**
     * The seq of the latest change saved and broadcast: the head of the change log. Changes made through
     * {@link #state()} are saved in the background; {@link #awaitChangesSaved()} waits for them.
     */
    public long changeLogHead() {
        return journal.durableHead();
    }

    /** Waits until every change made so far is saved and broadcast, and returns the head of the change log. */
    public long awaitChangesSaved() {
        journal.awaitDurable(journal.ticket(), PUBLISH_WAIT);
        return journal.durableHead();
    }

    /**
     * Pushes an arbitrary event to every connected client, as {@code {event, data}} without a seq: such frames are
     * no change of the server's data and are not in the change log (the benchmark's synthetic streams, test
     * markers). Changes go through {@link #state()}.
     */
    public void broadcast(String event, Object data) {
        publish(event, tree(data), null);
    }

    /** Pushes an arbitrary event to the connected clients of one user. */
    public void sendToUser(String userId, String event, Object data) {
        publish(event, tree(data), userId);
    }

    /** JSON goes out as it is: copying it into a new tree first slowed the benchmark's broadcast of 200,000 events. */
    private static JsonElement tree(Object data) {
        return data instanceof JsonElement json ? json : DemoJson.GSON.toJsonTree(data);
    }

    /** The server-side data; changes made through it are logged and broadcast ({@link DemoState#silent()}: logged only). */
    public DemoState state() {
        return state;
    }

    /** Stops only the WebSocket endpoint; clients see the connection close. */
    public void stopWebSocket() {
        synchronized (lifecycle) {
            DemoWebSocketHub current = hub;
            hub = null;
            if (current != null) {
                current.stopAndAwait();
            }
        }
    }

    /** Starts the WebSocket endpoint again on the same port (the first start may pick a free port). */
    public void startWebSocket() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("demo server is closed");
            }
            if (hub != null) {
                return;
            }
            DemoWebSocketHub next = new DemoWebSocketHub(config.host(), wsPort, tokens, clock);
            next.startAndAwait();
            wsPort = next.getPort();
            hub = next;
        }
    }

    /** Closes every client socket at once without a close handshake, like a network failure. */
    public void dropAllConnections() {
        DemoWebSocketHub current = hub;
        if (current != null) {
            current.dropAllConnections();
        }
    }

    /** Open WebSocket connections right now. */
    public int connectionCount() {
        DemoWebSocketHub current = hub;
        return current == null ? 0 : current.openConnections();
    }

    /** The channel subscriptions ({@code deal{"dealId":"..."}}) the open connections of one user hold. */
    public Set<String> subscriptionsOf(String userId) {
        DemoWebSocketHub current = hub;
        return current == null ? Set.of() : current.subscriptionsOf(userId);
    }

    /** Refuses every refresh token issued so far (tests of a session that can no longer be refreshed). */
    public void revokeRefreshTokens() {
        tokens.revokeRefreshTokens();
    }

    /**
     * Mints an access token for a demo user with the given issue time and lifetime, e.g. an already expired one.
     * It belongs to a fresh session without a refresh token.
     */
    public String issueAccessToken(String email, Instant issuedAt, Duration ttl) {
        String userId = state.userIdByEmail(email)
                .orElseThrow(() -> new IllegalArgumentException("no demo user " + email));
        return tokens.accessToken(userId, email, UUID.randomUUID().toString(), issuedAt, ttl);
    }

    /** Colleague changes applied by the simulator so far, timed or on demand. */
    public long simulatedEvents() {
        synchronized (lifecycle) {
            return simulator == null ? 0 : simulator.appliedCount();
        }
    }

    /**
     * Applies {@code count} simulated colleague changes right now on the calling thread, broadcast like any other;
     * with the timed simulator off this gives tests the simulator's events deterministically.
     */
    public void simulateActivity(int count) {
        ActivitySimulator current;
        synchronized (lifecycle) {
            if (simulator == null) {
                simulator = new ActivitySimulator(state, config.seed(), clock);
            }
            current = simulator;
        }
        for (int i = 0; i < count; i++) {
            current.step();
        }
    }

    /** Stops simulator, WebSocket and REST and waits for their threads; safe to call twice. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (simulator != null) {
                simulator.close();
            }
        }
        if (restApi != null) {
            restApi.close();
        }
        // saves and broadcasts what is still queued before the socket goes
        journal.close();
        stopWebSocket();
        LOG.info("Demo server stopped");
    }
}
