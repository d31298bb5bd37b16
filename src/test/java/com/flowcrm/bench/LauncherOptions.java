package com.flowcrm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The heap and GC options the app image's launcher passes ({@code packaging/launcher-memory.options}, which
 * BuildDist reads too), so that a benchmark JVM standing in for the app runs with the app's memory settings.
 * {@code -Dbench.appJavaOptions="-Xmx256m -XX:+UseSerialGC"} replaces them, to compare settings.
 */
final class LauncherOptions {
    static final Path FILE = Path.of("packaging", "launcher-memory.options");

    private LauncherOptions() {
    }

    static List<String> memory() {
        String override = System.getProperty("bench.appJavaOptions");
        if (override != null) {
            return override.isBlank() ? List.of() : List.of(override.strip().split("\\s+"));
        }
        try {
            return Files.readAllLines(FILE).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the launcher's memory options " + FILE.toAbsolutePath(), e);
        }
    }
}
