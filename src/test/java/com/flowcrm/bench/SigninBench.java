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
    /**
     * {@code -Dbench.signinWarm=N}: after each round's first sign-in, N more in the same JVM (signed out in between);
     * the last one is {@code signin_to_board_warm_ms}, what the sign-in costs without a cold JVM. 0 skips them.
     */
    static final int WARM_SIGNINS = Integer.getInteger("bench.signinWarm", 2);
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private final Process server;
    private final String apiUrl;
    private final String wsUrl;
    private final SigninImage image;

    private SigninBench(Process server, String apiUrl, String wsUrl, SigninImage image) {
        this.server = server;
        this.apiUrl = apiUrl;
        this.wsUrl = wsUrl;
        this.image = image;
    }

    /** The image run's setting for the report ("the image DIR with its AOT cache ..."), or null without one. */
    String imageSetup() {
        return image == null ? null : image.describe();
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
            return new SigninBench(process, both[0], both[1], SigninImage.fromProperties());
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

    /**
     * One sign-in in a fresh JVM: the milliseconds to the board, and the moments on the way; then the sign-ins again
     * in the same JVM ({@code warm}: the last of them, or null when none was asked for).
     */
    record Round(double ms, double cpuMs, String threadsCpuMs, Map<String, Long> steps, Warm warm,
            double serverCpuMsPerSignin) {
    }

    /** A sign-in after signing out, in the JVM that signed in before: its time, CPU and CPU by thread. */
    record Warm(double ms, double cpuMs, String threadsCpuMs, List<String> all) {
    }

    Round round() throws IOException, InterruptedException {
        return round(List.of());
    }

    /** The warm-up round (with {@code -Dbench.signinAot=train}, the AOT cache's training run). */
    Round warmUpRound() throws IOException, InterruptedException {
        if (image == null) {
            return round();
        }
        Round round = round(image.warmUpOptions());
        long size = image.afterWarmUp();
        if (size >= 0) {
            BenchResults.log("sign-in: AOT cache trained through a sign-in: %,d bytes", size);
        }
        return round;
    }

    /**
     * A round; {@code extraOptions} go to the probe's JVM after the others (a training run's
     * {@code -XX:AOTCacheOutput}). In {@link SigninImage} mode the probe runs on the app image's runtime.
     */
    Round round(List<String> extraOptions) throws IOException, InterruptedException {
        List<String> command;
        ProcessBuilder builder;
        if (image != null) {
            command = image.command(extraOptions);
            builder = new ProcessBuilder(command);
            image.environment(builder.environment());
        } else {
            command = new ArrayList<>(List.of(JAVA));
            command.addAll(LauncherOptions.memory());
            command.addAll(recording("probe-" + System.currentTimeMillis()));
            command.addAll(extraOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path")));
            for (String property : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text",
                    "java.awt.headless", "testfx.headless", "headless.geometry")) {
                String value = System.getProperty(property);
                if (value != null) {
                    command.add("-D" + property + "=" + value);
                }
            }
            builder = new ProcessBuilder(command);
        }
        command.addAll(List.of(SigninProbe.class.getName(), apiUrl, wsUrl, DemoServer.MANAGER_EMAIL,
                DemoServer.DEMO_PASSWORD, Integer.toString(BenchDataset.DEALS), Integer.toString(BenchDataset.CONTACTS),
                Integer.toString(WARM_SIGNINS)));
        double serverCpuBefore = serverCpuMs();
        Process process = builder.redirectErrorStream(true).start();
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
        List<String> warm = output.lines().filter(l -> l.startsWith(SigninProbe.WARM_PREFIX)).toList();
        Warm last = null;
        if (!warm.isEmpty()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("=(\\d+) cpu=(\\d+) threads=(.*)$")
                    .matcher(warm.get(warm.size() - 1));
            if (m.find()) {
                last = new Warm(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), m.group(3).strip(), warm);
            }
        }
        // a JVM warning (an AOT cache that does not match the class path or options, say) belongs in the log
        output.lines().filter(l -> l.contains("[warning]") || l.startsWith("Error:"))
                .forEach(l -> BenchResults.log("sign-in probe's JVM: %s", l));
        // the server's CPU over the probe's sign-ins (its 50 events/s too), per sign-in: its share of the 2 cores
        double serverCpu = (serverCpuMs() - serverCpuBefore) / (1 + warm.size());
        return new Round(Double.parseDouble(line.substring(SigninProbe.PREFIX.length()).strip()), cpuMs, threads, steps,
                last, serverCpu);
    }

    /** The demo server's CPU so far (user + system, from /proc), in ms; NaN where /proc is not. */
    private double serverCpuMs() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(server.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (image != null) {
            image.close();
        }
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }
}
