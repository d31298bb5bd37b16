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
    static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));

    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, Object> details = new LinkedHashMap<>();
    // NaN: not measured in this run (-Dbench.only), left out of results.json and the table
    double storeApplyBatched = Double.NaN;
    double storeApplyNaive = Double.NaN;
    double storeApplyViewsBatched = Double.NaN;
    double storeApplyViewsNaive = Double.NaN;
    double endToEnd = Double.NaN;
    double wireLimit = Double.NaN;
    double heapMbLoaded = Double.NaN;
    double initialLoadMs = Double.NaN;
    double signinToBoardMs = Double.NaN;
    /** The same sign-in again in the JVM that did it before (signed out in between): the work without a cold JVM. */
    double signinToBoardWarmMs = Double.NaN;
    double rssMb10k = Double.NaN;
    double rssMbDemo = Double.NaN;
    double rssBurstEndMb = Double.NaN;
    double rssAfterBurstMb = Double.NaN;
    /** Issue 13: bytes to catch up after 100 changed deals over the bytes of a full reload; reconnect to caught up. */
    double resumeBytesRatio = Double.NaN;
    double resumeMs = Double.NaN;
    Boolean restartKeepsSession;
    /** At 5,000 events/s (the stress profile) and at 100 events/s (a busy team). */
    LatencyBench.Result latency;
    LatencyBench.Result latency100;
    /** What the run logged: a clean run has no exception and no CSS warning. */
    LogWatch.Report log;

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
        if (log != null) {
            json.put("exceptions", log.exceptions());
            json.put("css_warnings", log.cssWarnings());
        }
        if (!Double.isNaN(storeApplyBatched)) {
            json.put("store_apply_eps", pair(storeApplyBatched, storeApplyNaive));
            json.put("store_apply_views_eps", pair(storeApplyViewsBatched, storeApplyViewsNaive));
        }
        if (!Double.isNaN(endToEnd)) {
            json.put("end_to_end_eps", Math.round(endToEnd));
            json.put("wire_limit_eps", Math.round(wireLimit));
        }
        if (latency != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("rate_eps", latency.profile().rate());
            l.putAll(latency.applied().json());
            l.put("fx_pulse_max_ms", round2(latency.fxPulseMaxMs()));
            l.put("laid_out", latency.laidOut().json());
            json.put("latency_ms", l);
        }
        if (latency100 != null) {
            Map<String, Object> l = new LinkedHashMap<>(latency100.applied().json());
            l.put("laid_out", latency100.laidOut().json());
            json.put("latency_100eps_ms", l);
            json.put("fx_pulse_max_100eps_ms", round2(latency100.fxPulseMaxMs()));
        }
        if (!Double.isNaN(heapMbLoaded)) {
            json.put("heap_mb_loaded", round2(heapMbLoaded));
        }
        if (!Double.isNaN(initialLoadMs)) {
            json.put("initial_load_ms", round2(initialLoadMs));
        }
        if (!Double.isNaN(signinToBoardMs)) {
            json.put("signin_to_board_ms", Math.round(signinToBoardMs));
        }
        if (!Double.isNaN(signinToBoardWarmMs)) {
            json.put("signin_to_board_warm_ms", Math.round(signinToBoardWarmMs));
        }
        if (!Double.isNaN(rssMb10k)) {
            json.put("rss_mb_10k", round2(rssMb10k));
            json.put("rss_mb_demo", round2(rssMbDemo));
            Map<String, Object> burst = new LinkedHashMap<>();
            burst.put("before", round2(rssMb10k));
            burst.put("burst_end", round2(rssBurstEndMb));
            burst.put("two_minutes_after", round2(rssAfterBurstMb));
            json.put("rss_burst_mb", burst);
        }
        if (!Double.isNaN(resumeBytesRatio)) {
            json.put("resume_bytes_ratio", Math.round(resumeBytesRatio * 1e6) / 1e6);
            json.put("resume_ms", round2(resumeMs));
        }
        if (restartKeepsSession != null) {
            json.put("restart_keeps_session", restartKeepsSession);
        }
        return json;
    }

    private static Map<String, Object> pair(double batched, double naive) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batched", Math.round(batched));
        m.put("naive", Math.round(naive));
        return m;
    }

    static double round2(double v) {
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
        if (log != null) {
            row(t, "clean run: exceptions / CSS warnings", log.exceptions() + " / " + log.cssWarnings(), "0 / 0",
                    mark(log.clean()));
        }
        if (!Double.isNaN(storeApplyBatched)) {
            row(t, "store_apply_eps batched / naive", eps(storeApplyBatched) + " / " + eps(storeApplyNaive)
                    + String.format(Locale.ROOT, " (x%.1f)", storeApplyBatched / storeApplyNaive), "", "");
            double viewsRatio = storeApplyViewsBatched / storeApplyViewsNaive;
            row(t, "store_apply_views_eps batched / naive", eps(storeApplyViewsBatched) + " / "
                    + eps(storeApplyViewsNaive) + String.format(Locale.ROOT, " (x%.1f)", viewsRatio), ">= x10",
                    mark(viewsRatio >= 10));
        }
        if (!Double.isNaN(endToEnd)) {
            row(t, "end_to_end_eps", eps(endToEnd), ">= 100,000", mark(endToEnd >= 100_000));
            row(t, "wire_limit_eps", eps(wireLimit) + String.format(Locale.ROOT, " (end-to-end = %.2f x wire)",
                    endToEnd / wireLimit), "end-to-end >= 0.8 x wire", mark(endToEnd >= 0.8 * wireLimit));
        }
        if (latency100 != null) {
            latencyRows(t, latency100);
            row(t, "longest FX pulse at 100 ev/s (fx_pulse_max_100eps_ms)",
                    String.format(Locale.ROOT, "%.2f ms", latency100.fxPulseMaxMs()), "<= 16 ms",
                    mark(latency100.fxPulseMaxMs() <= 16));
        }
        if (latency != null) {
            latencyRows(t, latency);
            row(t, "longest FX pulse at " + eps(latency.profile().rate()) + " ev/s",
                    String.format(Locale.ROOT, "%.2f ms", latency.fxPulseMaxMs()), "", "");
        }
        if (!Double.isNaN(heapMbLoaded)) {
            row(t, "heap_mb_loaded", String.format(Locale.ROOT, "%.1f MB", heapMbLoaded), "<= 120 MB",
                    mark(heapMbLoaded <= 120));
        }
        if (!Double.isNaN(initialLoadMs)) {
            row(t, "initial_load_ms", String.format(Locale.ROOT, "%.0f ms", initialLoadMs), "<= 1,000 ms",
                    mark(initialLoadMs <= 1000));
        }
        if (!Double.isNaN(signinToBoardMs)) {
            row(t, "signin_to_board_ms", String.format(Locale.ROOT, "%,.0f ms", signinToBoardMs), "<= 3,000 ms",
                    mark(signinToBoardMs <= 3000));
        }
        if (!Double.isNaN(signinToBoardWarmMs)) {
            row(t, "signin_to_board_warm_ms (again in the same JVM)", String.format(Locale.ROOT, "%,.0f ms",
                    signinToBoardWarmMs), "", "");
        }
        if (!Double.isNaN(rssMb10k)) {
            row(t, "rss_mb_10k", String.format(Locale.ROOT, "%.0f MB", rssMb10k), "<= 450 MB", mark(rssMb10k <= 450));
            row(t, "rss_mb_demo", String.format(Locale.ROOT, "%.0f MB", rssMbDemo), "<= 250 MB", mark(rssMbDemo <= 250));
            row(t, "RSS before / at the end of / 2 min after a 200,000-event burst",
                    String.format(Locale.ROOT, "%.0f / %.0f / %.0f MB", rssMb10k, rssBurstEndMb, rssAfterBurstMb),
                    "2 min after within 20% of before", mark(rssAfterBurstMb <= 1.2 * rssMb10k));
        }
        if (!Double.isNaN(resumeBytesRatio)) {
            row(t, "resume_bytes_ratio (100 changed deals, against a full reload)",
                    String.format(Locale.ROOT, "%.5f", resumeBytesRatio), "<= 0.01", mark(resumeBytesRatio <= 0.01));
            row(t, "resume_ms (reconnect to caught up)", String.format(Locale.ROOT, "%.1f ms", resumeMs), "<= 200 ms",
                    mark(resumeMs <= 200));
        }
        if (restartKeepsSession != null) {
            row(t, "restart_keeps_session (demo server on --data restarted)", String.valueOf(restartKeepsSession),
                    "true", mark(restartKeepsSession));
        }
        return t.toString();
    }

    private static void latencyRows(StringBuilder t, LatencyBench.Result r) {
        LatencyBench.Percentiles a = r.applied();
        LatencyBench.Percentiles l = r.laidOut();
        String rate = eps(r.profile().rate());
        row(t, "latency p50 / p99 / max at " + rate + " ev/s, to applied",
                String.format(Locale.ROOT, "%.2f / %.2f / %.2f ms", a.p50(), a.p99(), a.max()), "p99 <= 16 ms",
                mark(a.p99() <= 16));
        row(t, "... to laid out (next pulse's layout done)",
                String.format(Locale.ROOT, "%.2f / %.2f / %.2f ms", l.p50(), l.p99(), l.max()), "", "");
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
