package com.flowcrm.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo-server --data DIR} in a child JVM with this test's class path, so that it can be killed for real
 * ({@link #kill9()}: {@code Process.destroyForcibly()}, SIGKILL on Linux) and started again on the same files.
 */
final class ChildDemoServer implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();
    final String apiUrl;
    final String wsUrl;

    private ChildDemoServer(Process process, String apiUrl, String wsUrl, List<String> output) {
        this.process = process;
        this.apiUrl = apiUrl;
        this.wsUrl = wsUrl;
        this.output.addAll(output);
    }

    /** Starts it and waits (up to a minute) for the URLs it prints; extra arguments go to demo-server. */
    static ChildDemoServer start(Path dataDir, Path home, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m", "-Dflow.home=" + home, "-cp", System.getProperty("java.class.path"),
                "com.flowcrm.app.Main", "demo-server", "--data", dataDir.toString(), "--api-port", "0",
                "--ws-port", "0"));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<List<String>> started = CompletableFuture.supplyAsync(
                () -> DemoServerStartOutput.readUntilStarted(reader));
        List<String> lines;
        try {
            lines = started.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("child demo server did not start: " + e, e);
        }
        String api = DemoServerStartOutput.value(lines, "FLOW_API_URL=");
        String ws = DemoServerStartOutput.value(lines, "FLOW_WS_URL=");
        if (api == null || ws == null) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("child demo server did not start: " + String.join("\n", lines));
        }
        Thread drain = new Thread(() -> {
            try {
                while (reader.readLine() != null) {
                    // keep the pipe empty so the child never blocks on its output
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "child-demo-output");
        drain.setDaemon(true);
        drain.start();
        return new ChildDemoServer(process, api, ws, lines);
    }



    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    /** What it printed before it was up (the Data: line says whether it loaded or generated). */
    List<String> startOutput() {
        return output;
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
