package com.flowcrm.soak;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a client JVM wrote down during the run: its changes, its samples and its indicator's phases. */
record ClientFiles(String name, List<SoakChange> changes, List<ClientSampler.Sample> samples,
                   List<SoakClientMain.PhaseChange> phases, List<ClientSampler.ThreadNames> threadNames) {
    private static final Gson gson = new Gson();

    static ClientFiles read(String name, Path dir) throws IOException {
        Map<Long, SoakChange> byNumber = new LinkedHashMap<>();
        for (SoakChange change : lines(dir.resolve("changes.jsonl"), SoakChange.class)) {
            byNumber.put(change.n(), change);
        }
        List<SoakChange> changes = new ArrayList<>(byNumber.values());
        changes.sort(Comparator.comparingLong(SoakChange::n));
        return new ClientFiles(name, changes, lines(dir.resolve("samples.jsonl"), ClientSampler.Sample.class),
                lines(dir.resolve("phases.jsonl"), SoakClientMain.PhaseChange.class),
                lines(dir.resolve("threads.jsonl"), ClientSampler.ThreadNames.class));
    }

    private static <T> List<T> lines(Path file, Class<T> type) throws IOException {
        List<T> values = new ArrayList<>();
        if (!Files.exists(file)) {
            return values;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                values.add(gson.fromJson(line, type));
            }
        }
        return values;
    }

    /** The live threads by name as last written down at or before this moment (empty before the first minute). */
    Map<String, Integer> threadNamesAt(long millis) {
        Map<String, Integer> names = Map.of();
        for (ClientSampler.ThreadNames entry : threadNames) {
            if (entry.t() > millis) {
                break;
            }
            names = entry.names();
        }
        return names;
    }

    /** The phase the indicator showed at this moment (DISCONNECTED before the first change). */
    String phaseAt(long millis) {
        String phase = "DISCONNECTED";
        for (SoakClientMain.PhaseChange change : phases) {
            if (change.t() > millis) {
                break;
            }
            phase = change.phase();
        }
        return phase;
    }

    /** The first moment after {@code from} (up to {@code to}) the indicator left "Live", or -1. */
    long leftLiveBetween(long from, long to) {
        for (SoakClientMain.PhaseChange change : phases) {
            if (change.t() > from && change.t() <= to && !change.phase().equals("LIVE")) {
                return change.t();
            }
        }
        return -1;
    }
}
