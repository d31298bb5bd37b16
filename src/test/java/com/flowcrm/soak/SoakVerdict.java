package com.flowcrm.soak;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checks of a finished run, written to {@code report.json}: nothing lost, nothing applied twice, stores equal to
 * the server, stalls noticed in time, heap, threads and file descriptors flat; with the counts of what happened.
 * {@link #failures()} lists every check that does not hold.
 */
final class SoakVerdict {
    static final double MAX_STALL_DETECT_S = 30;
    static final double MAX_HEAP_SLOPE_MB_PER_MIN = 0.5;
    static final double MAX_DRIFT = 0.10;
    /**
     * Heap slope, threads and descriptors are judged on runs at least this long: over the 90-second run a slope is
     * fitted on three minutes' worth of nothing (a few samples, each up or down by a reload's worth) and "after the
     * first minute" is half a minute before the end, so those numbers are reported there but cannot fail it.
     */
    static final double RESOURCE_MINUTES = 10;
    private static final int EXAMPLES = 20;

    private final SoakRun.Outcome outcome;
    private final List<ClientFiles> files;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    SoakVerdict(SoakRun.Outcome outcome, List<ClientFiles> files) {
        this.outcome = outcome;
        this.files = files;
        judge();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    void write(Path file) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().create();
        Files.writeString(file, gson.toJson(report), StandardCharsets.UTF_8);
    }

    private void judge() {
        SoakPlan plan = outcome.plan();
        List<SoakRun.FaultRecord> faults = outcome.faults();
        report.put("passed", null);
        report.put("minutes", round(plan.minutes(), 2));
        report.put("server_restarts", count(faults, "restart"));
        report.put("drops", count(faults, "drop"));
        report.put("stalls", count(faults, "stall"));
        report.put("latency_spikes", outcome.spikes().size());
        long applied = 0;
        long made = 0;
        for (SoakRun.ClientResult client : outcome.clients()) {
            applied += client.summary().get("eventsApplied").getAsLong();
            made += client.summary().get("made").getAsLong();
        }
        report.put("events_applied", applied);
        report.put("changes_made", made);
        // conflicts the clients were shown: those they resolved "keep mine" at the end, and any left unresolved
        long resolved = outcome.clients().stream().mapToLong(c -> c.resolved().size()).sum();
        report.put("conflicts", resolved + files.stream().mapToLong(f -> f.changes().stream()
                .filter(c -> c.outcome() == SoakChange.Outcome.CONFLICT).count()).sum());
        report.put("conflicts_resolved_keep_mine", resolved);

        judgeFinalSync();
        judgeLost();
        judgeDuplicates();
        judgeDiffFields();
        judgeStalls();
        judgeResources();
        report.put("driver", outcome.clients().getFirst().summary().get("driver").getAsString());
        report.put("plan", planSummary(plan));
        report.put("faults", faultList());
        report.put("clients", clientDetails());
        report.put("auditor", Map.of("changes_read", outcome.auditor().changesRead(),
                "events", outcome.auditor().eventsByName(), "deals_deleted_by_colleague", outcome.auditor().deleted(),
                "failed_reads_while_server_down", outcome.auditor().failedReads()));
        if (outcome.auditor().trouble() != null) {
            failures.add("auditor: " + outcome.auditor().trouble());
        }
        report.put("failed_checks", failures);
        report.put("passed", failures.isEmpty());
    }

    /** Both clients were live and brought up to date after the last restart. */
    private void judgeFinalSync() {
        List<String> unsynced = new ArrayList<>();
        for (SoakRun.ClientResult client : outcome.clients()) {
            if (client.syncError() != null) {
                unsynced.add(client.syncError());
            }
        }
        report.put("final_sync_failures", unsynced);
        check("final_sync", unsynced, "[]", unsynced.isEmpty());
    }

    /** Changes neither on the server nor shown to their client as a conflict or a failure with a reason. */
    private void judgeLost() {
        ServerAuditor auditor = outcome.auditor();
        List<String> examples = new ArrayList<>();
        long lost = 0;
        long pendingAtEnd = 0;
        for (ClientFiles client : files) {
            for (SoakChange change : client.changes()) {
                boolean shown = (change.outcome() == SoakChange.Outcome.FAILED
                        || change.outcome() == SoakChange.Outcome.CONFLICT)
                        && change.reason() != null && !change.reason().isBlank();
                if (change.outcome() == SoakChange.Outcome.WAITING) {
                    pendingAtEnd++;
                }
                if (shown) {
                    continue;
                }
                long until = change.endedAt() > 0 ? change.endedAt() : outcome.end();
                boolean onServer = switch (change.kind()) {
                    case ACTIVITY -> auditor.activityApplied(change.dealId(), change.value()) > 0;
                    case VALUE_EDIT -> auditor.editApplied(change.dealId(), "value", change.value()) > 0;
                    case DESCRIPTION_EDIT -> auditor.editApplied(change.dealId(), "description", change.value()) > 0;
                    case STAGE_MOVE -> auditor.stageHeld(change.dealId(), change.value(), change.startedAt(), until);
                };
                if (!onServer) {
                    lost++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(client.name() + " #" + change.n() + " " + change.kind() + " " + change.dealId() + " "
                                + change.value() + " (" + change.outcome() + ")");
                    }
                }
            }
        }
        report.put("lost", lost);
        report.put("lost_examples", examples);
        report.put("pending_at_end", pendingAtEnd);
        check("lost", lost, 0, lost == 0);
        check("pending_at_end", pendingAtEnd, 0, pendingAtEnd == 0);
        report.put("later_resolver_not_on_server", outcome.laterResolverNotOnServer());
        check("later_resolver_not_on_server", outcome.laterResolverNotOnServer().size(), 0,
                outcome.laterResolverNotOnServer().isEmpty());
    }

    /**
     * Changes the server applied more than once: every activity text and every edited value is unique to one change
     * (its client and number are in it), so the auditor's count of it in the change log is how often it was applied.
     * Stage moves carry nothing unique (moving to a stage twice looks like two moves): they are counted by their
     * Idempotency-Key, in the server's own record of the keyed requests it executed.
     */
    private void judgeDuplicates() {
        ServerAuditor auditor = outcome.auditor();
        List<String> twice = new ArrayList<>();
        for (ClientFiles client : files) {
            for (SoakChange change : client.changes()) {
                int applied = switch (change.kind()) {
                    case ACTIVITY -> auditor.activityApplied(change.dealId(), change.value());
                    case VALUE_EDIT -> auditor.editApplied(change.dealId(), "value", change.value());
                    case DESCRIPTION_EDIT -> auditor.editApplied(change.dealId(), "description", change.value());
                    case STAGE_MOVE -> 0;
                };
                if (applied > 1) {
                    twice.add(client.name() + " #" + change.n() + " " + change.kind() + " " + change.dealId() + " "
                            + change.value() + " applied " + applied + " times");
                }
            }
        }
        // and by Idempotency-Key, which also covers the stage moves: how often the server executed each key
        AppliedKeys keys;
        try {
            keys = AppliedKeys.read(outcome.plan().out().resolve(SoakRun.SERVER_DATA));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the demo server's record of applied requests cannot be read", e);
        }
        report.put("duplicates_by_text", twice.size());
        report.put("duplicates_by_key", keys.twice().size());
        report.put("keyed_requests_applied", keys.applications());
        List<String> all = new ArrayList<>(twice);
        all.addAll(keys.twice());
        report.put("duplicates", all.size());
        report.put("duplicate_examples", all.subList(0, Math.min(EXAMPLES, all.size())));
        check("duplicates", all.size(), 0, all.isEmpty());
        // an empty record would make the check by key say nothing
        check("keyed_requests_applied", keys.applications(), "> 0", keys.applications() > 0);
    }

    private void judgeDiffFields() {
        long diff = 0;
        Map<String, Object> perClient = new LinkedHashMap<>();
        for (SoakRun.ClientResult client : outcome.clients()) {
            JsonObject comparison = client.comparison();
            diff += comparison.get("diffFields").getAsLong();
            perClient.put(client.name(), comparison);
        }
        report.put("diff_fields", diff);
        report.put("comparison", perClient);
        check("diff_fields", diff, 0, diff == 0);
    }

    /** From each stall's start to the moment each client's indicator left "Live". */
    private void judgeStalls() {
        double worst = 0;
        boolean measured = true;
        List<Map<String, Object>> stalls = new ArrayList<>();
        for (SoakRun.FaultRecord stall : outcome.faults()) {
            if (!stall.kind().equals("stall")) {
                continue;
            }
            for (ClientFiles client : files) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("client", client.name());
                row.put("at_s", round((stall.from() - outcome.t0()) / 1000.0, 1));
                String before = client.phaseAt(stall.from());
                long left = client.leftLiveBetween(stall.from(), stall.to());
                if (!before.equals("LIVE")) {
                    row.put("detect_s", null);
                    row.put("note", "not live when the stall started (" + before + ")");
                    measured = false;
                } else if (left < 0) {
                    double length = (stall.to() - stall.from()) / 1000.0;
                    row.put("detect_s", round(length, 2));
                    row.put("note", "still \"Live\" when the stall ended");
                    worst = Math.max(worst, length);
                    measured = false;
                } else {
                    double seconds = (left - stall.from()) / 1000.0;
                    row.put("detect_s", round(seconds, 2));
                    worst = Math.max(worst, seconds);
                }
                stalls.add(row);
            }
        }
        report.put("max_stall_detect_s", round(worst, 2));
        report.put("stall_detection", stalls);
        check("max_stall_detect_s", round(worst, 2), MAX_STALL_DETECT_S,
                measured && !stalls.isEmpty() && worst <= MAX_STALL_DETECT_S);
    }

    /** Heap slope after GC over the second half of the chaos; threads and descriptors at the end vs after a minute. */
    private void judgeResources() {
        boolean judged = outcome.plan().minutes() >= RESOURCE_MINUTES;
        report.put("resources_judged", judged);
        if (!judged) {
            report.put("resources_note", "reported, not judged: runs shorter than " + (int) RESOURCE_MINUTES
                    + " minutes are too short for a heap slope or a thread and descriptor level");
        }
        Map<String, Object> slopes = new LinkedHashMap<>();
        Map<String, Object> threads = new LinkedHashMap<>();
        Map<String, Object> fds = new LinkedHashMap<>();
        long half = outcome.t0() + (outcome.chaosEnd() - outcome.t0()) / 2;
        long minute = outcome.t0() + 60_000;
        long lastMinute = outcome.chaosEnd() - 60_000;
        for (ClientFiles client : files) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> threadsAfterMinute = new ArrayList<>();
            List<Double> fdsAfterMinute = new ArrayList<>();
            List<Double> threadsAtEnd = new ArrayList<>();
            List<Double> fdsAtEnd = new ArrayList<>();
            for (ClientSampler.Sample sample : client.samples()) {
                if (sample.heapAfterGcMb() != null && sample.t() >= half && sample.t() <= outcome.chaosEnd()) {
                    x.add((sample.t() - outcome.t0()) / 60_000.0);
                    y.add(sample.heapAfterGcMb());
                }
                if (sample.t() >= minute && sample.t() < minute + 60_000) {
                    threadsAfterMinute.add((double) sample.threads());
                    fdsAfterMinute.add((double) sample.fds());
                }
                if (sample.t() >= lastMinute && sample.t() <= outcome.chaosEnd()) {
                    threadsAtEnd.add((double) sample.threads());
                    fdsAtEnd.add((double) sample.fds());
                }
            }
            double slope = Fits.theilSen(x, y);
            slopes.put(client.name(), round(slope, 3));
            check("heap_slope_mb_per_min." + client.name(), round(slope, 3), MAX_HEAP_SLOPE_MB_PER_MIN,
                    !judged || (!Double.isNaN(slope) && slope <= MAX_HEAP_SLOPE_MB_PER_MIN));
            threads.put(client.name(), drift("threads." + client.name(), judged, Fits.median(threadsAfterMinute),
                    Fits.median(threadsAtEnd)));
            fds.put(client.name(), drift("fds." + client.name(), judged, Fits.median(fdsAfterMinute),
                    Fits.median(fdsAtEnd)));
        }
        report.put("heap_slope_mb_per_min", slopes);
        report.put("threads", threads);
        report.put("fds", fds);
    }

    /**
     * Threads or descriptors at the end against their level after the first minute: the medians of the second minute
     * and of the last minute of the chaos (the same work in both, and a minute is long enough to even out the HTTP
     * client's pool, whose idle threads live for 60 s). A leak grows: at most 10% above the level; fewer is fine.
     */
    private Map<String, Object> drift(String name, boolean judged, double afterMinute, double atEnd) {
        boolean ok = !Double.isNaN(afterMinute) && !Double.isNaN(atEnd) && atEnd <= (1 + MAX_DRIFT) * afterMinute;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("after_first_minute", afterMinute);
        row.put("at_end", atEnd);
        row.put("ratio", round(atEnd / afterMinute, 3));
        row.put("ok", ok);
        check(name, atEnd, "<= " + afterMinute + " + " + (int) (MAX_DRIFT * 100) + "%", !judged || ok);
        return row;
    }

    private Map<String, Object> planSummary(SoakPlan plan) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", plan.name());
        summary.put("deals", plan.dataset().deals());
        summary.put("contacts", plan.dataset().contacts());
        summary.put("simulator_events_per_second", plan.dataset().eventsPerSecond());
        summary.put("restart_every_s", plan.restartEvery().toSeconds());
        summary.put("drop_every_s", plan.dropMean().toSeconds() + " +- " + plan.dropJitter().toSeconds());
        summary.put("stall", plan.stallFor().toSeconds() + " s every " + plan.stallEvery().toSeconds() + " s, first at "
                + plan.firstStallAt().toSeconds() + " s");
        summary.put("latency_spikes_ms", "0-" + plan.maxLatencyMs());
        summary.put("changes_per_second_per_client", plan.changesPerSecond());
        summary.put("shared_share", plan.sharedShare());
        summary.put("seed", plan.seed());
        summary.put("final_phase_s", round((outcome.end() - outcome.chaosEnd()) / 1000.0, 1));
        return summary;
    }

    private List<Map<String, Object>> faultList() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SoakRun.FaultRecord fault : outcome.faults()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", fault.kind());
            row.put("at_s", round((fault.from() - outcome.t0()) / 1000.0, 1));
            row.put("until_s", round((fault.to() - outcome.t0()) / 1000.0, 1));
            row.put("note", fault.note());
            list.add(row);
        }
        return list;
    }

    private Map<String, Object> clientDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            ClientFiles client = files.get(i);
            SoakRun.ClientResult result = outcome.clients().get(i);
            Map<String, Long> byOutcome = new TreeMap<>();
            Map<String, Long> byKind = new TreeMap<>();
            Map<String, Long> reasons = new TreeMap<>();
            for (SoakChange change : client.changes()) {
                byOutcome.merge(change.outcome().name(), 1L, Long::sum);
                byKind.merge(change.kind().name(), 1L, Long::sum);
                if (change.reason() != null) {
                    reasons.merge(change.reason().replaceAll("\\d+", "#"), 1L, Long::sum);
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("changes_by_outcome", byOutcome);
            row.put("changes_by_kind", byKind);
            row.put("failure_reasons", reasons);
            row.put("live_share_during_chaos", round(liveShare(client), 3));
            row.put("threads_by_name_after_two_minutes", client.threadNamesAt(outcome.t0() + 120_000));
            row.put("threads_by_name_at_end_of_chaos", client.threadNamesAt(outcome.chaosEnd()));
            row.put("final_sync_wait_ms", result.syncWaitMs());
            row.put("summary", result.summary());
            details.put(client.name(), row);
        }
        return details;
    }

    /** The share of the chaos phase the client's indicator showed "Live". */
    private double liveShare(ClientFiles client) {
        long live = 0;
        String phase = client.phaseAt(outcome.t0());
        long since = outcome.t0();
        for (SoakClientMain.PhaseChange change : client.phases()) {
            if (change.t() <= outcome.t0() || change.t() > outcome.chaosEnd()) {
                continue;
            }
            if (phase.equals("LIVE")) {
                live += change.t() - since;
            }
            since = change.t();
            phase = change.phase();
        }
        if (phase.equals("LIVE")) {
            live += outcome.chaosEnd() - since;
        }
        return live / (double) Math.max(1, outcome.chaosEnd() - outcome.t0());
    }

    private void check(String name, Object value, Object limit, boolean ok) {
        if (!ok) {
            failures.add(name + " = " + value + " (limit " + limit + ")");
        }
    }

    private static long count(List<SoakRun.FaultRecord> faults, String kind) {
        return faults.stream().filter(f -> f.kind().equals(kind)).count();
    }

    private static double round(double value, int digits) {
        if (Double.isNaN(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
