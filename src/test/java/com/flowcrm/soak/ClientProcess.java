package com.flowcrm.soak;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The soak's handle on one client JVM ({@link SoakClientMain}): starts it, sends it commands and waits for their
 * answers, and follows the phase its connection indicator shows (so a stall starts only while both are live).
 */
final class ClientProcess implements AutoCloseable {
    private final String name;
    private final Path dir;
    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<JsonObject> replies = new LinkedBlockingQueue<>();
    private volatile String phase = "DISCONNECTED";
    private volatile boolean ready;
    private volatile String error;

    private ClientProcess(String name, Path dir, Process process) {
        this.name = name;
        this.dir = dir;
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "soak-client-" + name + "-answers");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the client; it signs in through the proxy's URLs. */
    static ClientProcess start(String name, int index, String email, String password, String apiUrl, String wsUrl,
            Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        Process process = ChildJvms.start(SoakClientMain.class.getName(),
                List.of("-Xmx1g", "-XX:-UseDynamicNumberOfCompilerThreads", "-Dflow.home=" + dir.resolve("home"),
                        "-Dsoak.log=" + dir.resolve("client.log"),
                        "-Dlogback.configurationFile=com/flowcrm/soak/soak-logback.xml"),
                List.of(name, email, password, apiUrl, wsUrl, dir.toString(), String.valueOf(index), String.valueOf(seed)),
                dir.resolve("client.stderr"));
        return new ClientProcess(name, dir, process);
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonObject message;
                try {
                    message = JsonParser.parseString(line).getAsJsonObject();
                } catch (RuntimeException e) {
                    continue; // not ours (a library writing to standard output)
                }
                if (message.has("reply")) {
                    replies.add(message);
                } else if (message.has("event")) {
                    switch (message.get("event").getAsString()) {
                        case "ready" -> ready = true;
                        case "phase" -> phase = message.get("phase").getAsString();
                        case "error" -> error = message.get("message").getAsString();
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            error = error == null ? "the client's output ended: " + e : error;
        }
    }

    /** Waits until the client signed in and loaded its stores. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!ready) {
            if (error != null || !process.isAlive()) {
                throw new IllegalStateException(name + " did not start: " + (error != null ? error : "it exited")
                        + " (see " + dir.resolve("client.log") + ")");
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(name + " did not sign in within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Sends a command and waits for its answer; fails with what the client said when it failed. */
    JsonObject call(JsonObject command, Duration timeout) throws InterruptedException {
        String cmd = command.get("cmd").getAsString();
        commands.println(command);
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            JsonObject reply = replies.poll(200, TimeUnit.MILLISECONDS);
            if (reply != null && reply.get("reply").getAsString().equals(cmd)) {
                if (reply.has("error")) {
                    throw new IllegalStateException(name + " could not " + cmd + ": " + reply.get("error").getAsString());
                }
                return reply;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while asked to " + cmd + " (see "
                        + dir.resolve("client.log") + ")");
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(name + " did not answer " + cmd + " within " + timeout.toSeconds() + " s");
            }
        }
    }

    JsonObject call(String cmd, Duration timeout) throws InterruptedException {
        JsonObject command = new JsonObject();
        command.addProperty("cmd", cmd);
        return call(command, timeout);
    }

    /** The phase the client's connection indicator shows now. */
    String phase() {
        return phase;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the client to exit after "finish"; kills it when it does not. */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            ChildJvms.kill(process);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            ChildJvms.kill(process);
        }
    }
}
