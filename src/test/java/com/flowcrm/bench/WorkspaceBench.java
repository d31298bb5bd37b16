package com.flowcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.local.ChangeLogSupport;
import com.flowcrm.local.ConfirmedRecord;
import com.flowcrm.local.FieldChange;
import com.flowcrm.local.FullReload;
import com.flowcrm.local.Outbox;
import com.flowcrm.local.OutboxKind;
import com.flowcrm.local.OutboxTarget;
import com.flowcrm.local.RecordType;
import com.flowcrm.local.Workspace;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.WorkspaceStats;
import com.flowcrm.local.Workspaces;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline workspace on the benchmark's data (10,000 deals + 50,000 contacts, the demo server's REST JSON):
 * a full reload written, live batches with and without outbox work (synchronous NORMAL against FULL), a burst of
 * 100,000 writes as the caller sees it, and a cold launch in a JVM of its own (native library, open, read all).
 * Prints a table and writes {@code target/bench/workspace.json}. Run by {@code mvn -B -Pbench verify}.
 */
@Tag("bench")
class WorkspaceBench {
    private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));
    private static final WorkspaceId ID = new WorkspaceId("http://127.0.0.1:4000/api", "demo@flow-crm.local");
    private static final int ROUNDS = 3;

    @TempDir
    Path home;

    @Test
    void measureAndReport() throws Exception {
        List<ConfirmedRecord> records = new ArrayList<>();
        long chars;
        try (BenchDataset data = BenchDataset.start()) {
            add(records, RecordType.DEAL, data.dealsJson);
            add(records, RecordType.CONTACT, data.contactsJson);
            chars = data.dealsJson.length() + (long) data.contactsJson.length();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("records", records.size());
        results.put("json_mb", round(chars / 1e6));
        Workspaces workspaces = new Workspaces(home.resolve("workspaces"));
        try (Workspace workspace = workspaces.open(ID).workspace()) {
            List<Double> reload = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                workspace.replaceAll(new FullReload("{\"id\":\"u1\"}", records, OptionalLong.of(round), Instant.now(),
                        ChangeLogSupport.SUPPORTED));
                workspace.flush().get(5, TimeUnit.MINUTES);
                reload.add(ms(System.nanoTime() - t0));
            }
            results.put("replace_all_ms", BenchResults.median(reload));
            results.put("live_batch_normal_ms", liveBatches(workspace, records, false));
            results.put("live_batch_with_outbox_full_ms", liveBatches(workspace, records, true));
            burst(workspace, records, results);
        }
        List<Double> open = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        List<Double> parallel = new ArrayList<>();
        List<Double> nativeLoad = new ArrayList<>();
        List<Double> readCpu = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String[] probe = probe("one-snapshot");
            nativeLoad.add(Double.parseDouble(probe[0]));
            readCpu.add(Double.parseDouble(probe[5]));
            open.add(Double.parseDouble(probe[1]));
            read.add(Double.parseDouble(probe[2]));
            assertThat(Long.parseLong(probe[3])).isEqualTo(records.size());
            String[] twoThreads = probe("parallel");
            parallel.add(Double.parseDouble(twoThreads[2]));
            assertThat(Long.parseLong(twoThreads[3])).isEqualTo(records.size());
        }
        results.put("cold_native_load_ms", BenchResults.median(nativeLoad));
        results.put("cold_open_ms", BenchResults.median(open));
        results.put("cold_read_all_ms", BenchResults.median(read));
        results.put("cold_read_all_ms_each", read);
        results.put("cold_read_all_cpu_ms", BenchResults.median(readCpu));
        results.put("cold_read_all_two_threads_ms", BenchResults.median(parallel));
        results.put("load_average_at_end", loadAverage());

        Files.createDirectories(OUT);
        StringBuilder json = new StringBuilder("{\n");
        results.forEach((k, v) -> json.append("  \"").append(k).append("\": ").append(v).append(",\n"));
        json.setLength(json.length() - 2);
        json.append("\n}\n");
        Files.writeString(OUT.resolve("workspace.json"), json, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("Flow CRM workspace benchmark (" + records.size() + " records, " + results.get("json_mb") + " MB of JSON)");
        results.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-34s %s%n", k, v));
    }

    private static void add(List<ConfirmedRecord> records, RecordType type, String arrayJson) {
        for (JsonElement e : JsonParser.parseString(arrayJson).getAsJsonArray()) {
            records.add(new ConfirmedRecord(type, e.getAsJsonObject().get("id").getAsString(), e.toString()));
        }
    }

    /** 500 batches of 100 deal updates, each its own transaction; with outbox work in each when asked (FULL). */
    private static double liveBatches(Workspace workspace, List<ConfirmedRecord> records, boolean withOutbox)
            throws Exception {
        Outbox outbox = workspace.outbox();
        long t0 = System.nanoTime();
        long before = workspace.stats().transactions();
        for (int batch = 0; batch < 500; batch++) {
            for (int i = 0; i < 100; i++) {
                ConfirmedRecord r = records.get((batch * 100 + i) % 10_000);
                workspace.upsert(r.type(), r.id(), r.json());
            }
            if (withOutbox) {
                outbox.append(outbox.newEntry(OutboxKind.STAGE_MOVE, OutboxTarget.deal(records.get(batch).id()),
                        List.of(FieldChange.of("stage", "\"prospect\"", "\"qualified\"")), null));
            }
            workspace.flush().get(1, TimeUnit.MINUTES);
        }
        long transactions = workspace.stats().transactions() - before;
        return round(ms(System.nanoTime() - t0) / transactions);
    }

    /** 100,000 writes of 10,000 ids: what the caller spends, and what the writer makes of it. */
    private static void burst(Workspace workspace, List<ConfirmedRecord> records, Map<String, Object> results)
            throws Exception {
        WorkspaceStats before = workspace.stats();
        long t0 = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            ConfirmedRecord r = records.get(i % 10_000);
            workspace.upsert(r.type(), r.id(), r.json());
        }
        long t1 = System.nanoTime();
        workspace.flush().get(5, TimeUnit.MINUTES);
        long t2 = System.nanoTime();
        WorkspaceStats after = workspace.stats();
        results.put("burst_100k_caller_ms", round(ms(t1 - t0)));
        results.put("burst_100k_on_disk_ms", round(ms(t2 - t0)));
        results.put("burst_100k_transactions", after.transactions() - before.transactions());
        results.put("burst_100k_records_written", after.recordsWritten() - before.recordsWritten());
    }

    private static String loadAverage() {
        try {
            return "\"" + Files.readString(Path.of("/proc/loadavg")).strip() + "\"";
        } catch (IOException e) {
            return "\"unknown\"";
        }
    }

    private String[] probe(String mode) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx2g", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), WorkspaceReadProbe.class.getName(), home.toString(), ID.apiUrl(),
                ID.email(), mode).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String line = output.lines().filter(l -> l.startsWith(WorkspaceReadProbe.PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException("probe printed no result: " + output));
        return line.substring(WorkspaceReadProbe.PREFIX.length()).split(" ");
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
