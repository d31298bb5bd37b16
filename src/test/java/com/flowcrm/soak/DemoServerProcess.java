package com.flowcrm.soak;

import com.flowcrm.demo.DemoServerStartOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo-server --data DIR} as its own process, started again on the same directory after each kill: the real
 * command with free ports (the fault proxy in front of it follows the new ports, so the clients never notice the
 * port change, only the restart).
 */
final class DemoServerProcess implements AutoCloseable {
    /** Where one started server listens. */
    record Endpoints(String apiUrl, String wsUrl) {
        InetSocketAddress api() {
            URI uri = URI.create(apiUrl);
            return new InetSocketAddress(uri.getHost(), uri.getPort());
        }

        InetSocketAddress ws() {
            URI uri = URI.create(wsUrl);
            return new InetSocketAddress(uri.getHost(), uri.getPort());
        }
    }

    private final Path dataDir;
    private final Path home;
    private final Path log;
    private final Path printed;
    private final SoakPlan.Dataset dataset;
    private volatile Process process;
    private volatile Endpoints endpoints;

    DemoServerProcess(Path dataDir, Path home, Path log, SoakPlan.Dataset dataset) {
        this.dataDir = dataDir;
        this.home = home;
        this.log = log;
        this.printed = log.resolveSibling(log.getFileName() + ".out");
        this.dataset = dataset;
    }

    /**
     * Starts the server (generating the data set on the first start, loading it afterwards) and waits until it
     * printed its URLs; the simulator runs at the data set's rate unless {@code simulator} is false.
     */
    Endpoints start(boolean simulator, Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the demo server is running");
        }
        List<String> arguments = new ArrayList<>(List.of("demo-server", "--data", dataDir.toString(),
                "--host", "127.0.0.1", "--api-port", "0", "--ws-port", "0",
                "--deals", String.valueOf(dataset.deals()), "--contacts", String.valueOf(dataset.contacts()),
                "--events-per-second", String.valueOf(dataset.eventsPerSecond())));
        if (!simulator) {
            arguments.add("--no-simulator");
        }
        Process started = ChildJvms.start(SoakServerMain.class.getName(),
                List.of("-Xmx1g", "-Dflow.home=" + home, "-Dsoak.log=" + log,
                        "-Dlogback.configurationFile=com/flowcrm/soak/soak-logback.xml"),
                arguments, log.resolveSibling(log.getFileName() + ".stderr"));
        process = started;
        BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<List<String>> printed = CompletableFuture.supplyAsync(
                () -> DemoServerStartOutput.readUntilStarted(out));
        List<String> lines;
        try {
            lines = printed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            ChildJvms.kill(started);
            throw new IllegalStateException("the demo server did not start within " + timeout.toSeconds() + " s", e);
        }
        appendToLog(lines);
        String api = DemoServerStartOutput.value(lines, "FLOW_API_URL=");
        String ws = DemoServerStartOutput.value(lines, "FLOW_WS_URL=");
        if (api == null || ws == null) {
            ChildJvms.kill(started);
            throw new IllegalStateException("the demo server did not start: " + String.join(" | ", lines));
        }
        drain(out);
        endpoints = new Endpoints(api, ws);
        return endpoints;
    }

    /** The last started server's URLs. */
    Endpoints endpoints() {
        return endpoints;
    }

    /** {@code kill -9}: no shutdown hook, no flush, no close. */
    void kill9() {
        Process running = process;
        if (running != null) {
            ChildJvms.kill(running);
        }
    }

    /** A normal stop (SIGTERM: the server closes its sockets and its database). */
    void stop() {
        Process running = process;
        if (running != null) {
            ChildJvms.stop(running, 30);
        }
    }

    boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    @Override
    public void close() {
        stop();
    }


    private void drain(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    appendToLog(List.of(line));
                }
            } catch (IOException ignored) {
                // the server is gone
            }
        }, "soak-server-output");
        drain.setDaemon(true);
        drain.start();
    }

    private synchronized void appendToLog(List<String> lines) {
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(printed, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            lines.forEach(writer::println);
        } catch (IOException e) {
            // the log is for people; the run goes on without it
        }
    }
}
