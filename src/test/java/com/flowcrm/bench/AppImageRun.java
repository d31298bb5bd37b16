package com.flowcrm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The app image ({@code target/dist/FlowCRM}) running on an Xvfb display of its own, driven with xdotool as a user
 * would drive it, and its memory as the OS sees it ({@code /proc/PID/status}). Started with the command its Linux
 * launcher script runs (the runtime's java with the class path and options of {@code lib/app/FlowCRM.cfg}), so that
 * {@code -Dbench.appJavaOptions} can stand in for the heap and GC options of {@link LauncherOptions} to compare
 * settings; everything else is the image's. Each run has an empty HOME: no settings, no workspace.
 */
final class AppImageRun implements AutoCloseable {
    static final Path IMAGE = Path.of(System.getProperty("bench.image", "target/dist/FlowCRM"));
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Process xvfb;
    private final String display;
    private final Path home;
    private final Process app;

    private AppImageRun(Process xvfb, String display, Path home, Process app) {
        this.xvfb = xvfb;
        this.display = display;
        this.home = home;
        this.app = app;
    }

    /** Why the memory runs cannot happen here, or null when they can. */
    static String unavailable() {
        if (!Files.isRegularFile(IMAGE.resolve("lib/app/FlowCRM.cfg"))) {
            return "no app image at " + IMAGE.toAbsolutePath() + " (mvn -B -Pdist package -DskipTests builds it)";
        }
        for (String tool : List.of("Xvfb", "xdotool")) {
            if (Stream.of(System.getenv("PATH").split(":")).noneMatch(dir -> Files.isExecutable(Path.of(dir, tool)))) {
                return tool + " is not installed (apt-get install xvfb xdotool)";
            }
        }
        return null;
    }

    /** Starts a display and the image on it with these arguments ({@code --api URL --ws URL}, or none for the demo). */
    static AppImageRun start(List<String> args) throws IOException, InterruptedException {
        int number = 300 + (int) (ProcessHandle.current().pid() % 300) + (int) (System.nanoTime() % 50);
        String display = ":" + number;
        Process xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1440x900x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path home = Files.createTempDirectory("flow-memory-home");
        try {
            awaitCondition("the display " + display, () -> xdotool(display, "getdisplaygeometry").isPresent());
            List<String> command = command(args);
            // the JVM takes its home from the password database, not $HOME: settings, preferences, logs and the
            // embedded backend's data would land in the real home
            command.add(1, "-Duser.home=" + home);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("app.log").toFile());
            builder.environment().put("DISPLAY", display);
            builder.environment().put("HOME", home.toString());
            builder.environment().remove("XDG_DATA_HOME");
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().putAll(launcherEnvironment());
            Process app = builder.start();
            AppImageRun run = new AppImageRun(xvfb, display, home, app);
            run.waitFor("the sign-in window", () -> run.window("Flow CRM").isPresent());
            return run;
        } catch (IOException | InterruptedException | RuntimeException e) {
            xvfb.destroy();
            throw e;
        }
    }

    /**
     * The launcher script's command: the runtime's java, the .cfg's options, the class path; with
     * {@code -Dbench.appJavaOptions} the image's heap and GC options are replaced by those.
     */
    static List<String> command(List<String> args) throws IOException {
        Path appDir = IMAGE.resolve("lib/app").toAbsolutePath();
        List<String> classPath = new ArrayList<>();
        List<String> options = new ArrayList<>();
        String mainClass = null;
        List<String> override = LauncherOptions.override();
        for (String line : Files.readAllLines(appDir.resolve("FlowCRM.cfg"))) {
            String expanded = line.replace("$APPDIR", appDir.toString());
            if (expanded.startsWith("app.classpath=")) {
                classPath.add(expanded.substring("app.classpath=".length()));
            } else if (expanded.startsWith("app.mainclass=")) {
                mainClass = expanded.substring("app.mainclass=".length());
            } else if (expanded.startsWith("java-options=")) {
                String option = expanded.substring("java-options=".length());
                if (override == null || !LauncherOptions.isMemoryOption(option)) {
                    options.add(option);
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(IMAGE.resolve("lib/runtime/bin/java").toAbsolutePath().toString()));
        if (override != null) {
            command.addAll(override);
        }
        command.addAll(options);
        command.addAll(List.of("-cp", String.join(":", classPath), mainClass));
        command.addAll(args);
        return command;
    }

    /**
     * What the Linux launcher script exports ({@code export NAME='value'} lines, e.g. MALLOC_ARENA_MAX), its
     * conditional ones too: {@code GDK_GL} is exported when the machine has no GPU, as the benchmark's machines have not.
     */
    static Map<String, String> launcherEnvironment() throws IOException {
        return launcherEnvironment(IMAGE);
    }

    /** {@link #launcherEnvironment()} of the image in this directory. */
    static Map<String, String> launcherEnvironment(Path image) throws IOException {
        Path script = image.resolve("bin/FlowCRM");
        Map<String, String> environment = new LinkedHashMap<>();
        if (Files.isRegularFile(script) && Files.size(script) < 64 * 1024) {
            for (String line : Files.readAllLines(script)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^export ([A-Za-z_][A-Za-z0-9_]*)='?([^']*)'?$")
                        .matcher(line.strip());
                if (m.matches()) {
                    environment.put(m.group(1), m.group(2));
                }
            }
        }
        return environment;
    }

    /** The id of a visible window whose title contains the text. */
    java.util.Optional<String> window(String title) {
        return xdotool(display, "search", "--onlyvisible", "--name", title)
                .flatMap(out -> out.lines().filter(l -> !l.isBlank()).findFirst());
    }

    /** Focuses the window and types, as a user at the keyboard (XTEST events; Xvfb has no window manager). */
    void type(String window, String text) {
        xdotool(display, "windowfocus", "--sync", window);
        xdotool(display, "type", "--delay", "15", text);
    }

    void key(String window, String... keys) {
        xdotool(display, "windowfocus", "--sync", window);
        List<String> args = new ArrayList<>(List.of("key", "--delay", "30"));
        args.addAll(List.of(keys));
        xdotool(display, args.toArray(String[]::new));
    }

    long pid() {
        return app.pid();
    }

    boolean alive() {
        return app.isAlive();
    }

    /** VmRSS and its parts (anonymous, file-backed, shared memory) in MB, from /proc/PID/status. */
    Map<String, Double> memory() throws IOException {
        Map<String, Double> mb = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            for (String key : List.of("VmRSS", "RssAnon", "RssFile", "RssShmem", "VmHWM")) {
                if (line.startsWith(key + ":")) {
                    mb.put(key, Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
                }
            }
        }
        return mb;
    }

    double rssMb() throws IOException {
        return memory().get("VmRSS");
    }

    /** CPU seconds (user + system) the app has used. */
    double cpuSeconds() throws IOException {
        String[] fields = Files.readString(Path.of("/proc", Long.toString(pid()), "stat")).replaceFirst("^.*\\) ", "")
                .split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** Waits until the app used less than {@code share} of a core over a few seconds, at most {@code limit}. */
    void awaitQuiet(double share, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        double before = cpuSeconds();
        while (System.nanoTime() < end) {
            Thread.sleep(3000);
            double now = cpuSeconds();
            if ((now - before) / 3.0 < share) {
                return;
            }
            before = now;
        }
    }

    /** The display as it is now, for a run that went wrong. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            ProcessBuilder builder = new ProcessBuilder("import", "-window", "root", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DISPLAY", display);
            builder.start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no screenshot: the failure's message still says what was missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the app wrote to stdout and stderr (its WARN lines and the JVM's warnings). */
    String log() throws IOException {
        return Files.readString(home.resolve("app.log"));
    }

    void waitFor(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end || (app != null && !app.isAlive())) {
                screenshot(BenchResults.OUT.resolve("memory-run-failed.png"));
                String log;
                try {
                    log = app == null ? "" : log();
                } catch (IOException e) {
                    log = e.toString();
                }
                throw new IllegalStateException("no " + what + " within " + WAIT.toSeconds() + " s; the app said: " + log);
            }
            Thread.sleep(200);
        }
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("no " + what + " within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static java.util.Optional<String> xdotool(String display, String... args) {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DISPLAY", display);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return java.util.Optional.empty();
            }
            return process.exitValue() == 0 ? java.util.Optional.of(out) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
            app.destroyForcibly();
            app.waitFor(10, TimeUnit.SECONDS);
        }
        xvfb.destroy();
        xvfb.waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
