package com.flowcrm.bench;

import com.flowcrm.app.Main;
import com.flowcrm.demo.DemoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code signin_to_board_ms}: the demo backend in a JVM of its own ({@code demo-server --deals 10000 --contacts 50000
 * --events-per-second 50}, as the issue tried it), and per round a fresh JVM signing in through the app's form
 * ({@link SigninProbe}) with the launcher's memory options ({@link LauncherOptions}). No local workspace exists. One
 * warm-up round (the server's first answers warm its JIT), then the rounds; the median is the figure.
 */
final class SigninBench implements AutoCloseable {
    static final int EVENTS_PER_SECOND = 50;
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private final Process server;
    private final String apiUrl;
    private final String wsUrl;

    private SigninBench(Process server, String apiUrl, String wsUrl) {
        this.server = server;
        this.apiUrl = apiUrl;
        this.wsUrl = wsUrl;
    }

    /** Starts the demo backend as a child process and waits until it prints its URLs. */
    static SigninBench start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(recording("server"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo-server", "--deals", Integer.toString(BenchDataset.DEALS),
                "--contacts", Integer.toString(BenchDataset.CONTACTS), "--events-per-second",
                Integer.toString(EVENTS_PER_SECOND), "--api-port", "0", "--ws-port", "0", "--seed", "17"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String[]> urls = CompletableFuture.supplyAsync(() -> {
            String api = null;
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    String trimmed = line.strip();
                    if (trimmed.startsWith("FLOW_API_URL=")) {
                        api = trimmed.substring("FLOW_API_URL=".length());
                    } else if (trimmed.startsWith("FLOW_WS_URL=") && api != null) {
                        String[] both = {api, trimmed.substring("FLOW_WS_URL=".length())};
                        // keep draining its output so that it never blocks on a full pipe
                        Thread.ofPlatform().daemon().start(() -> drain(out));
                        return both;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("the demo server ended without its URLs");
        });
        try {
            String[] both = urls.get(3, TimeUnit.MINUTES);
            return new SigninBench(process, both[0], both[1]);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the demo server did not start", e);
        }
    }

    /**
     * {@code -Dbench.signinJfr=DIR}: each JVM of the run (the server, each probe) records a JFR profile into DIR, to see
     * where a sign-in's time goes on both sides; the figures of such a run carry the recording's own cost.
     */
    private static List<String> recording(String name) {
        String dir = System.getProperty("bench.signinJfr");
        if (dir == null || dir.isBlank()) {
            return List.of();
        }
        return List.of("-XX:StartFlightRecording=settings=profile,filename="
                + java.nio.file.Path.of(dir).toAbsolutePath().resolve(name + ".jfr"), "-XX:FlightRecorderOptions:stackdepth=256");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the server's log lines are not needed
            }
        } catch (IOException e) {
            // the server ended
        }
    }

    /** One sign-in in a fresh JVM: the milliseconds to the board, and the moments on the way. */
    record Round(double ms, double cpuMs, String threadsCpuMs, Map<String, Long> steps) {
    }

    Round round() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(LauncherOptions.memory());
        command.addAll(recording("probe-" + System.currentTimeMillis()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        for (String property : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text",
                "java.awt.headless", "testfx.headless", "headless.geometry")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(List.of(SigninProbe.class.getName(), apiUrl, wsUrl, DemoServer.MANAGER_EMAIL,
                DemoServer.DEMO_PASSWORD, Integer.toString(BenchDataset.DEALS), Integer.toString(BenchDataset.CONTACTS)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("sign-in probe failed: " + output);
        }
        String line = output.lines().filter(l -> l.startsWith(SigninProbe.PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException("sign-in probe printed no result: " + output));
        Map<String, Long> steps = new LinkedHashMap<>();
        output.lines().filter(l -> l.startsWith(SigninProbe.STEP_PREFIX)).forEach(l -> {
            String[] parts = l.substring(SigninProbe.STEP_PREFIX.length()).split("=");
            steps.put(parts[0], Long.parseLong(parts[1].strip()));
        });
        double cpuMs = output.lines().filter(l -> l.startsWith(SigninProbe.CPU_PREFIX)).findFirst()
                .map(l -> Double.parseDouble(l.substring(SigninProbe.CPU_PREFIX.length()).strip())).orElse(Double.NaN);
        String threads = output.lines().filter(l -> l.startsWith(SigninProbe.THREADS_PREFIX)).findFirst()
                .map(l -> l.substring(SigninProbe.THREADS_PREFIX.length()).strip()).orElse("");
        return new Round(Double.parseDouble(line.substring(SigninProbe.PREFIX.length()).strip()), cpuMs, threads, steps);
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }
}
