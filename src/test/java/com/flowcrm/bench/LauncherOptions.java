package com.flowcrm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The heap and GC options the app image's launcher passes ({@code packaging/launcher-memory.options}, which
 * BuildDist reads too), so that a benchmark JVM standing in for the app runs with the app's memory settings.
 * {@code -Dbench.appJavaOptions="-Xmx256m -XX:+UseSerialGC"} replaces them (here and in a run of the image), to
 * compare settings.
 */
final class LauncherOptions {
    static final Path FILE = Path.of("packaging", "launcher-memory.options");
    private static final List<String> MEMORY_PREFIXES = List.of("-Xmx", "-Xms", "-Xmn", "-XX:+Use", "-XX:-Use",
            "-XX:G1", "-XX:Z", "-XX:MaxHeapFreeRatio", "-XX:MinHeapFreeRatio", "-XX:SoftMaxHeapSize",
            "-XX:MaxRAM", "-XX:InitialRAM", "-XX:MinRAM", "-XX:NewRatio", "-XX:MaxNewSize", "-XX:NewSize",
            "-XX:MaxMetaspace", "-XX:ReservedCodeCacheSize", "-XX:TieredStopAtLevel", "-XX:CICompilerCount",
            "-XX:+AlwaysPreTouch", "-XX:TrimNativeHeapInterval", "-XX:ParallelGCThreads", "-XX:ConcGCThreads", "-XX:GCTimeRatio",
            "-XX:AdaptiveSizePolicy", "-XX:+Shrink", "-XX:-Shrink", "-XX:NativeMemoryTracking");

    private LauncherOptions() {
    }

    /** The options a stand-in for the app runs with: the override when given, else the launcher's. */
    static List<String> memory() {
        List<String> override = override();
        return override != null ? override : fromFile();
    }

    /** {@code -Dbench.appJavaOptions}, or null. */
    static List<String> override() {
        String override = System.getProperty("bench.appJavaOptions");
        if (override == null) {
            return null;
        }
        return override.isBlank() ? List.of() : List.of(override.strip().split("\\s+"));
    }

    static List<String> fromFile() {
        try {
            return Files.readAllLines(FILE).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the launcher's memory options " + FILE.toAbsolutePath(), e);
        }
    }

    /** Whether an option of the launcher is one of the heap, GC or JIT-size options an override replaces. */
    static boolean isMemoryOption(String option) {
        return MEMORY_PREFIXES.stream().anyMatch(option::startsWith);
    }
}
