package com.flowcrm.bench;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.store.RootStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javax.management.ObjectName;

/**
 * Used heap with the stores loaded, measured in a JVM of its own (the benchmark's JVM also holds the demo server,
 * its data and the event streams): the FX toolkit started, the REST text of deals and contacts mapped into a
 * RootStore on the FX thread, the text dropped, then GC. Prints {@code heap_bytes=<before> <after>}.
 */
public final class HeapProbe {
    static final String PREFIX = "heap_bytes=";
    static final String HISTOGRAM_PREFIX = "histogram=";
    private static final int TOP_CLASSES = 15;

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        FxThread.start();
        long before = usedAfterGc();
        RootStore root = load(Path.of(args[0]), Path.of(args[1]));
        long after = usedAfterGc();
        if (root.deals().size() == 0 || root.contacts().size() == 0) {
            throw new IllegalStateException("nothing loaded");
        }
        System.out.println(PREFIX + before + " " + after);
        // what the heap holds, so that the report can say where the megabytes go
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        histogram.lines().skip(2).limit(TOP_CLASSES).forEach(line -> System.out.println(HISTOGRAM_PREFIX + line));
        java.lang.ref.Reference.reachabilityFence(root);
        Platform.exit();
    }

    private static RootStore load(Path dealsFile, Path contactsFile) throws IOException, InterruptedException {
        JsonMapper mapper = JsonMapper.create();
        // streamed, as the app reads the REST lists
        List<Deal> deals;
        try (var text = Files.newBufferedReader(dealsFile)) {
            deals = mapper.streamDeals(text).values();
        }
        List<Contact> contacts;
        try (var text = Files.newBufferedReader(contactsFile)) {
            contacts = mapper.streamContacts(text).values();
        }
        RootStore root = new RootStore(Platform::runLater);
        CountDownLatch loaded = new CountDownLatch(1);
        root.loadSnapshot(deals, contacts, List.of());
        root.dispatcher().submit(loaded::countDown);
        if (!loaded.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("not loaded within a minute");
        }
        return root;
    }

    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** What the probe measured: used bytes before and after loading, and the classes holding the most. */
    record Result(long before, long after, List<String> topClasses) {
    }

    /** Runs this probe in a fresh JVM with the same class path and toolkit properties. */
    static Result inFreshJvm(String dealsJson, String contactsJson, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path deals = Files.writeString(dir.resolve("probe-deals.json"), dealsJson);
        Path contacts = Files.writeString(dir.resolve("probe-contacts.json"), contactsJson);
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "-cp", System.getProperty("java.class.path")));
            // e.g. -Dbench.heapProbeOptions=-XX:+UseStringDeduplication to see what a JVM flag of the launcher would save
            String extra = System.getProperty("bench.heapProbeOptions", "").strip();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            for (String property : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text",
                    "java.awt.headless", "testfx.headless")) {
                String value = System.getProperty(property);
                if (value != null) {
                    command.add("-D" + property + "=" + value);
                }
            }
            command.addAll(List.of(HeapProbe.class.getName(), deals.toString(), contacts.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("heap probe failed: " + output);
            }
            String line = output.lines().filter(l -> l.startsWith(PREFIX)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("heap probe printed no result: " + output));
            String[] parts = line.substring(PREFIX.length()).split(" ");
            List<String> top = output.lines().filter(l -> l.startsWith(HISTOGRAM_PREFIX))
                    .map(l -> l.substring(HISTOGRAM_PREFIX.length()).strip().replaceAll("\\s+", " ")).toList();
            return new Result(Long.parseLong(parts[0]), Long.parseLong(parts[1]), top);
        } finally {
            Files.deleteIfExists(deals);
            Files.deleteIfExists(contacts);
        }
    }
}
