package com.flowcrm.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a bench run measured: results.json with the keys, details beside it, and the printed table. */
final class BenchResults {
    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, Object> details = new LinkedHashMap<>();
    double storeApplyBatched;
    double storeApplyNaive;
    double storeApplyViewsBatched;
    double storeApplyViewsNaive;
    double endToEnd;
    double wireLimit;
    double latencyRate;
    double latencyP50;
    double latencyP99;
    double latencyMax;
    double fxPulseMax;
    double heapMbLoaded;
    double initialLoadMs;

    /** Progress on the console (the test logging config shows only warnings). */
    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "%tT bench: " + format + "%n", prepend(System.currentTimeMillis(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("deals", BenchDataset.DEALS);
        dataset.put("contacts", BenchDataset.CONTACTS);
        dataset.put("events", BenchDataset.EVENTS);
        json.put("dataset", dataset);
        json.put("store_apply_eps", pair(storeApplyBatched, storeApplyNaive));
        json.put("store_apply_views_eps", pair(storeApplyViewsBatched, storeApplyViewsNaive));
        json.put("end_to_end_eps", Math.round(endToEnd));
        json.put("wire_limit_eps", Math.round(wireLimit));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("rate_eps", Math.round(latencyRate));
        latency.put("p50", round2(latencyP50));
        latency.put("p99", round2(latencyP99));
        latency.put("max", round2(latencyMax));
        latency.put("fx_pulse_max_ms", round2(fxPulseMax));
        json.put("latency_ms", latency);
        json.put("heap_mb_loaded", round2(heapMbLoaded));
        json.put("initial_load_ms", round2(initialLoadMs));
        return json;
    }

    private static Map<String, Object> pair(double batched, double naive) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batched", Math.round(batched));
        m.put("naive", Math.round(naive));
        return m;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        var gson = new GsonBuilder().setPrettyPrinting().create();
        Files.writeString(dir.resolve("results.json"), gson.toJson(asJson()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("details.json"), gson.toJson(details) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.md"), table(), StandardCharsets.UTF_8);
    }

    /** The README's table. */
    String table() {
        StringBuilder t = new StringBuilder();
        t.append("| measure | result | target | |\n|---|---|---|---|\n");
        row(t, "store_apply_eps batched / naive", eps(storeApplyBatched) + " / " + eps(storeApplyNaive)
                + String.format(Locale.ROOT, " (x%.1f)", storeApplyBatched / storeApplyNaive), "", "");
        double viewsRatio = storeApplyViewsBatched / storeApplyViewsNaive;
        row(t, "store_apply_views_eps batched / naive", eps(storeApplyViewsBatched) + " / " + eps(storeApplyViewsNaive)
                + String.format(Locale.ROOT, " (x%.1f)", viewsRatio), ">= x10", mark(viewsRatio >= 10));
        row(t, "end_to_end_eps", eps(endToEnd), ">= 100,000", mark(endToEnd >= 100_000));
        row(t, "wire_limit_eps", eps(wireLimit) + String.format(Locale.ROOT, " (end-to-end = %.2f x wire)",
                endToEnd / wireLimit), "end-to-end >= 0.8 x wire", mark(endToEnd >= 0.8 * wireLimit));
        row(t, "latency p50 / p99 / max at " + eps(latencyRate) + " ev/s",
                String.format(Locale.ROOT, "%.2f / %.2f / %.2f ms", latencyP50, latencyP99, latencyMax),
                "p99 <= 16 ms", mark(latencyP99 <= 16));
        row(t, "longest FX pulse meanwhile", String.format(Locale.ROOT, "%.2f ms", fxPulseMax), "", "");
        row(t, "heap_mb_loaded", String.format(Locale.ROOT, "%.1f MB", heapMbLoaded), "<= 150 MB",
                mark(heapMbLoaded <= 150));
        row(t, "initial_load_ms", String.format(Locale.ROOT, "%.0f ms", initialLoadMs), "<= 1,000 ms",
                mark(initialLoadMs <= 1000));
        return t.toString();
    }

    private static void row(StringBuilder t, String name, String value, String target, String met) {
        t.append("| ").append(name).append(" | ").append(value).append(" | ").append(target).append(" | ")
                .append(met).append(" |\n");
    }

    private static String mark(boolean met) {
        return met ? "met" : "missed";
    }

    private static String eps(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }
}
