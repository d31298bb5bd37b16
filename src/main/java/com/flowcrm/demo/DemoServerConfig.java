package com.flowcrm.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the demo backend. Ports 0 pick free ports; a null {@code jwtSecret} falls back to
 * {@code FLOW_DEMO_JWT_SECRET}, then to the key kept in the data directory, then to a random secret per run.
 * A null {@code dataDir} keeps everything in memory; with one, the state lives in {@code dataDir/demo.db} and
 * {@code deals}, {@code contacts} and {@code seed} only shape the data of a new directory.
 */
public record DemoServerConfig(String host, int apiPort, int wsPort, int deals, int contacts, long seed,
        double eventsPerSecond, boolean simulator, Duration accessTokenTtl, String jwtSecret, Path dataDir) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_API_PORT = 4000;
    public static final int DEFAULT_WS_PORT = 4545;
    public static final int DEFAULT_DEALS = 40;
    public static final int DEFAULT_CONTACTS = 60;
    public static final long DEFAULT_SEED = 42;
    /** "Every few seconds a plausible change" when a person watches the demo. */
    public static final double DEFAULT_EVENTS_PER_SECOND = 0.3;
    public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    public static final double MAX_EVENTS_PER_SECOND = 100_000;

    public DemoServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        checkPort("apiPort", apiPort);
        checkPort("wsPort", wsPort);
        if (deals < 0 || deals > DemoDataGenerator.MAX_RECORDS) {
            throw new IllegalArgumentException("deals must be between 0 and " + DemoDataGenerator.MAX_RECORDS);
        }
        if (contacts < 0 || contacts > DemoDataGenerator.MAX_RECORDS) {
            throw new IllegalArgumentException("contacts must be between 0 and " + DemoDataGenerator.MAX_RECORDS);
        }
        if (!(eventsPerSecond >= 0 && eventsPerSecond <= MAX_EVENTS_PER_SECOND)) {
            throw new IllegalArgumentException("eventsPerSecond must be between 0 and " + MAX_EVENTS_PER_SECOND);
        }
        if (accessTokenTtl == null || accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("accessTokenTtl must be positive");
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
    }

    /** 127.0.0.1, free ports, 40 deals, 60 contacts, simulator off. */
    public static DemoServerConfig forTests() {
        return new DemoServerConfig(DEFAULT_HOST, 0, 0, DEFAULT_DEALS, DEFAULT_CONTACTS, DEFAULT_SEED,
                DEFAULT_EVENTS_PER_SECOND, false, DEFAULT_ACCESS_TOKEN_TTL, null, null);
    }

    /** 127.0.0.1, ports 4000/4545, 40 deals, 60 contacts, simulator on. */
    public static DemoServerConfig defaults() {
        return new DemoServerConfig(DEFAULT_HOST, DEFAULT_API_PORT, DEFAULT_WS_PORT, DEFAULT_DEALS, DEFAULT_CONTACTS,
                DEFAULT_SEED, DEFAULT_EVENTS_PER_SECOND, true, DEFAULT_ACCESS_TOKEN_TTL, null, null);
    }

    public DemoServerConfig withHost(String newHost) {
        return new DemoServerConfig(newHost, apiPort, wsPort, deals, contacts, seed, eventsPerSecond, simulator,
                accessTokenTtl, jwtSecret, dataDir);
    }

    public DemoServerConfig withPorts(int newApiPort, int newWsPort) {
        return new DemoServerConfig(host, newApiPort, newWsPort, deals, contacts, seed, eventsPerSecond, simulator,
                accessTokenTtl, jwtSecret, dataDir);
    }

    public DemoServerConfig withData(int newDeals, int newContacts, long newSeed) {
        return new DemoServerConfig(host, apiPort, wsPort, newDeals, newContacts, newSeed, eventsPerSecond, simulator,
                accessTokenTtl, jwtSecret, dataDir);
    }

    public DemoServerConfig withSimulator(boolean on, double newEventsPerSecond) {
        return new DemoServerConfig(host, apiPort, wsPort, deals, contacts, seed, newEventsPerSecond, on,
                accessTokenTtl, jwtSecret, dataDir);
    }

    public DemoServerConfig withAccessTokenTtl(Duration ttl) {
        return new DemoServerConfig(host, apiPort, wsPort, deals, contacts, seed, eventsPerSecond, simulator, ttl,
                jwtSecret, dataDir);
    }

    public DemoServerConfig withJwtSecret(String secret) {
        return new DemoServerConfig(host, apiPort, wsPort, deals, contacts, seed, eventsPerSecond, simulator,
                accessTokenTtl, secret, dataDir);
    }

    /** Keeps the state in {@code dir} (created when missing); null keeps it in memory. */
    public DemoServerConfig withDataDir(Path dir) {
        return new DemoServerConfig(host, apiPort, wsPort, deals, contacts, seed, eventsPerSecond, simulator,
                accessTokenTtl, jwtSecret, dir);
    }
}
