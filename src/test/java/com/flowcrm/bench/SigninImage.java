package com.flowcrm.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * {@code -Dbench.signinImage=DIR}: the sign-in probe runs as a user's JVM does, on the app image's runtime with the
 * options of its launcher ({@code lib/app/FlowCRM.cfg}: heap, GC, and its AOT cache), its class path with the probe's
 * classes appended as a jar (an AOT cache accepts entries appended to the class path it was made with, and no
 * directory), the environment of {@code bin/FlowCRM}, on an Xvfb display of its own (GTK, as on a desktop; not
 * Monocle, which the image's runtime does not hold). {@code -Dbench.signinAot=} {@code image} (the default: the
 * launcher's cache), {@code off} (no cache: the launcher's option left out) or {@code train} (the warm-up round is
 * the cache's training run, through a sign-in to the board at 10,000 / 50,000, written to
 * {@code target/bench/signin-trained.aot}; the measured rounds map it instead of the image's) or {@code train-classes}
 * (the same without the JIT's method profiles, as the image's own training run records it).
 */
final class SigninImage implements AutoCloseable {
    private final Path image;
    private final String aot;
    private final Path trained = BenchResults.OUT.resolve("signin-trained.aot").toAbsolutePath();
    private final Path probeJar;
    private final Process xvfb;
    private final String display;
    private boolean training;

    private SigninImage(Path image, String aot, Path probeJar, Process xvfb, String display) {
        this.image = image;
        this.aot = aot;
        this.probeJar = probeJar;
        this.xvfb = xvfb;
        this.display = display;
    }

    /** From {@code -Dbench.signinImage} and {@code -Dbench.signinAot}; null when the probe runs in the test's JVM. */
    static SigninImage fromProperties() throws IOException, InterruptedException {
        String dir = System.getProperty("bench.signinImage");
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path image = Path.of(dir).toAbsolutePath();
        if (!Files.isRegularFile(image.resolve("lib/app/FlowCRM.cfg"))) {
            throw new IllegalStateException("no app image at " + image + " (mvn -B -Pdist package -DskipTests builds it)");
        }
        String aot = System.getProperty("bench.signinAot", "image");
        if (!List.of("image", "off", "train", "train-classes").contains(aot)) {
            throw new IllegalStateException("-Dbench.signinAot is image, off, train or train-classes, not " + aot);
        }
        Path jar = probeJar();
        int number = 600 + (int) (ProcessHandle.current().pid() % 200);
        String display = ":" + number;
        Process xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(1500);
        if (!xvfb.isAlive()) {
            throw new IllegalStateException("Xvfb " + display + " did not start (is the display taken?)");
        }
        return new SigninImage(image, aot, jar, xvfb, display);
    }

    /** The probe's classes (this package) as a jar: an AOT cache's class path may not hold a directory. */
    private static Path probeJar() throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path jar = Files.createDirectories(BenchResults.OUT).resolve("signin-probe.jar").toAbsolutePath();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> all = Files.walk(classes.resolve("com/flowcrm/bench"))) {
            for (Path path : all.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The options of the warm-up round: with {@code train}, the run that writes the cache. */
    List<String> warmUpOptions() throws IOException {
        if (!aot.startsWith("train")) {
            return List.of();
        }
        Files.deleteIfExists(trained);
        training = true;
        if (aot.equals("train-classes")) {
            // as the image's own training run: classes loaded and linked, no method profiles
            return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining", "-XX:AOTCacheOutput=" + trained);
        }
        return List.of("-XX:AOTCacheOutput=" + trained);
    }

    /** After the warm-up round: the trained cache's size (bytes), which the image would carry; -1 when none. */
    long afterWarmUp() throws IOException {
        training = false;
        if (!aot.startsWith("train")) {
            return -1;
        }
        if (!Files.isRegularFile(trained)) {
            throw new IllegalStateException("the training run wrote no AOT cache at " + trained);
        }
        return Files.size(trained);
    }

    /** The launcher's command with the probe as its main class (its arguments follow). */
    List<String> command(List<String> extraOptions) throws IOException {
        Path appDir = image.resolve("lib/app");
        List<String> classPath = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> override = LauncherOptions.override();
        for (String line : Files.readAllLines(appDir.resolve("FlowCRM.cfg"))) {
            String expanded = line.replace("$APPDIR", appDir.toString());
            if (expanded.startsWith("app.classpath=")) {
                classPath.add(expanded.substring("app.classpath=".length()));
            } else if (expanded.startsWith("java-options=")) {
                String option = expanded.substring("java-options=".length());
                if (option.startsWith("-XX:AOTCache=")) {
                    if (aot.equals("image")) {
                        options.add(option);
                    } else if (aot.startsWith("train") && !training) {
                        options.add("-XX:AOTCache=" + trained);
                    }
                } else if (override == null || !LauncherOptions.isMemoryOption(option)) {
                    options.add(option);
                }
            }
        }
        classPath.add(probeJar.toString());
        List<String> command = new ArrayList<>(List.of(image.resolve("lib/runtime/bin/java").toString()));
        if (override != null) {
            command.addAll(override);
        }
        command.addAll(options);
        command.addAll(extraOptions);
        command.addAll(List.of("-cp", String.join(":", classPath)));
        return command;
    }

    /** The launcher script's environment and the display. */
    void environment(Map<String, String> environment) throws IOException {
        environment.putAll(AppImageRun.launcherEnvironment(image));
        environment.put("DISPLAY", display);
        environment.remove("JAVA_TOOL_OPTIONS");
    }

    String describe() {
        return "the app image " + image + "'s runtime, launcher options and environment, AOT cache: " + switch (aot) {
            case "image" -> "the image's";
            case "off" -> "none";
            case "train" -> "trained through the warm-up round's sign-in (" + trained + ")";
            default -> "trained through the warm-up round's sign-in without method profiles (" + trained + ")";
        } + "; GTK on Xvfb " + display;
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        xvfb.waitFor(10, TimeUnit.SECONDS);
    }
}
