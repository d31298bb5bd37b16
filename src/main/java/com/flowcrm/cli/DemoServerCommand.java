package com.flowcrm.cli;

import com.flowcrm.demo.DemoDataException;
import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo-server}: runs the demo backend alone until interrupted. */
@Command(name = "demo-server", mixinStandardHelpOptions = true,
        description = "Runs the Flow CRM demo backend (REST + WebSocket + activity simulator) until interrupted.")
public final class DemoServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoServerCommand.class);

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = DemoServerConfig.DEFAULT_HOST;

    @Option(names = "--api-port", description = "REST port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int apiPort = DemoServerConfig.DEFAULT_API_PORT;

    @Option(names = "--ws-port", description = "WebSocket port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int wsPort = DemoServerConfig.DEFAULT_WS_PORT;

    @Option(names = "--deals", description = "Number of generated deals, up to 100000 (default: ${DEFAULT-VALUE}).")
    int deals = DemoServerConfig.DEFAULT_DEALS;

    @Option(names = "--contacts", description = "Number of generated contacts, up to 100000 (default: ${DEFAULT-VALUE}).")
    int contacts = DemoServerConfig.DEFAULT_CONTACTS;

    @Option(names = "--events-per-second", description = "Simulated colleague changes per second (default: ${DEFAULT-VALUE}).")
    double eventsPerSecond = DemoServerConfig.DEFAULT_EVENTS_PER_SECOND;

    @Option(names = "--seed", description = "Seed of the generated data and the simulator (default: ${DEFAULT-VALUE}).")
    long seed = DemoServerConfig.DEFAULT_SEED;

    @Option(names = "--no-simulator", description = "Do not simulate colleagues' activity.")
    boolean noSimulator;

    @Option(names = "--data", paramLabel = "DIR", description = "Keep the data, the change log, the signing key and"
            + " the sessions in DIR (created when missing) so they survive a restart; without it everything is in"
            + " memory. --deals, --contacts and --seed only shape a new DIR.")
    Path dataDir;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile DemoServer server;

    @Override
    public Integer call() {
        DemoServerConfig config;
        try {
            config = DemoServerConfig.defaults()
                    .withHost(host)
                    .withPorts(apiPort, wsPort)
                    .withData(deals, contacts, seed)
                    .withSimulator(!noSimulator, eventsPerSecond)
                    .withDataDir(dataDir);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("demo-server: " + e.getMessage());
            return 2;
        }
        DemoServer running;
        try {
            running = DemoServer.start(config);
        } catch (DemoDataException e) {
            // a newer or damaged data directory is the caller's to sort out; it was not touched
            spec.commandLine().getErr().println("demo-server: " + e.getMessage());
            LOG.debug("Demo data refused", e);
            return e.reason() == DemoDataException.Reason.IN_USE ? 1 : 2;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("demo-server: could not start: " + e.getMessage());
            LOG.debug("Demo server start failed", e);
            return 1;
        }
        server = running;
        Thread shutdownHook = new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "demo-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        // standard output, not only the log: the person who started it needs the URLs and the sign-in
        PrintWriter out = spec.commandLine().getOut();
        out.println("Flow CRM demo backend running");
        out.println("  FLOW_API_URL=" + running.apiUrl());
        out.println("  FLOW_WS_URL=" + running.wsUrl());
        out.println("  Demo users: " + DemoServer.DEMO_EMAIL + " / " + DemoServer.DEMO_PASSWORD + " (sales), "
                + DemoServer.MANAGER_EMAIL + " / " + DemoServer.DEMO_PASSWORD + " (manager)");
        out.println("  Simulator: " + (config.simulator() ? config.eventsPerSecond() + " events/s" : "off"));
        out.println("  Data: " + dataLine(running));
        out.println("Press Ctrl+C to stop.");
        out.flush();
        LOG.info("Demo backend running: REST {} WebSocket {}", running.apiUrl(), running.wsUrl());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.close();
            server = null;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                LOG.debug("JVM is shutting down; the hook closes the server");
            }
        }
        return 0;
    }

    private String dataLine(DemoServer running) {
        String size = running.state().dealCount() + " deals, " + running.state().contactIds().size() + " contacts";
        if (running.dataDir() == null) {
            return "in memory (" + size + "), gone when it stops; --data DIR keeps it";
        }
        if (!running.loadedFromDisk()) {
            return "new in " + running.dataDir() + " (" + size + ")";
        }
        boolean shapeGiven = spec.commandLine().getParseResult().hasMatchedOption("--deals")
                || spec.commandLine().getParseResult().hasMatchedOption("--contacts")
                || spec.commandLine().getParseResult().hasMatchedOption("--seed");
        return "loaded from " + running.dataDir() + " (" + size + ", change " + running.changeLogHead() + ")"
                + (shapeGiven ? "; --deals, --contacts and --seed only shape a new directory" : "");
    }

    /** The server while {@link #call()} runs, so an embedding caller can find its ports. */
    public DemoServer runningServer() {
        return server;
    }
}
