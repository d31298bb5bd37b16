package com.flowcrm.soak;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts the soak's child JVMs (the demo server, the two clients) with this test's class path and makes sure none
 * outlives the run: every child is registered, a shutdown hook kills what is still alive (with its descendants),
 * and each child also exits by itself when its standard input closes, so even a parent killed with SIGKILL leaves
 * nothing behind.
 */
final class ChildJvms {
    private static final Set<Process> alive = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvms::killAll, "soak-children-reaper"));
    }

    private ChildJvms() {
    }

    /**
     * Starts {@code mainClass} in a new JVM; its standard error (logs of last resort) goes to {@code stderrFile}, its
     * standard output stays readable by the caller, its standard input is the parent's lifeline.
     */
    static Process start(String mainClass, List<String> jvmOptions, List<String> arguments, Path stderrFile)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrFile.toFile()))
                .start();
        alive.add(process);
        process.onExit().thenRun(() -> alive.remove(process));
        return process;
    }

    /** SIGKILL for the child and whatever it started; waits up to 30 s for it to be gone. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (its shutdown hooks run), then SIGKILL after the grace period. */
    static void stop(Process process, long graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
        }
    }

    /** Kills every child still running (the run failed or the JVM exits). */
    static void killAll() {
        for (Process process : List.copyOf(alive)) {
            kill(process);
        }
    }

    /** How many children are running (0 after a clean run). */
    static int running() {
        return (int) alive.stream().filter(Process::isAlive).count();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
