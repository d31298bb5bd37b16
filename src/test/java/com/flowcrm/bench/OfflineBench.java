package com.flowcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.RecordJson;
import com.flowcrm.local.ChangeLogSupport;
import com.flowcrm.local.ConfirmedRecord;
import com.flowcrm.local.FullReload;
import com.flowcrm.local.RecordType;
import com.flowcrm.local.Workspace;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.CredentialKey;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import com.flowcrm.model.User;
import com.flowcrm.model.UserPreferences;
import com.flowcrm.model.UserRole;
import com.flowcrm.realtime.RealtimeEventHandler;
import com.flowcrm.store.LiveUpdates;
import com.flowcrm.store.LocalStorage;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 through the app's own path: a local copy of 10,000 deals + 50,000 contacts opened by the session as at app
 * start with a kept session and no server (resumeStoredSession), timed from the call to the board laid out on the
 * app's views, and to every list in the stores; then, with the board shown and the copy open, a burst of 100,000 live
 * events: the FX thread's longest pulse while the stores apply it and the confirmed copy writes it in slices, and the
 * time until the last change is on disk (the session closed). Writes {@code target/bench/offline.json}. Run by
 * {@code mvn -B -Pbench verify} (alone: {@code -Dtest=OfflineBench}).
 */
@Tag("bench")
class OfflineBench {
    private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final String EMAIL = "demo@flow-crm.local";
    /** Nothing listens there: the session stays offline, as on a train. */
    private static final String API = "http://127.0.0.1:9/api";
    private static final String WS = "ws://127.0.0.1:9";
    private static final int BURST = 100_000;

    @TempDir
    Path home;

    @Test
    void measureAndReport() throws Exception {
        FxThread.start();
        List<ConfirmedRecord> records = new ArrayList<>();
        List<BenchDataset.Event> events;
        try (BenchDataset data = BenchDataset.start()) {
            add(records, RecordType.DEAL, data.dealsJson);
            add(records, RecordType.CONTACT, data.contactsJson);
            events = data.events(BURST, 12, "offline");
        }
        Workspaces workspaces = new Workspaces(home.resolve("workspaces"));
        User user = new User("u1", EMAIL, "Demo Rep", null, UserRole.SALES, new UserPreferences(null, true, "UTC"),
                null, null);
        try (Workspace workspace = workspaces.open(new WorkspaceId(API, EMAIL)).workspace()) {
            workspace.replaceAll(new FullReload(RecordJson.user(user), records, OptionalLong.empty(), Instant.now(),
                    ChangeLogSupport.UNKNOWN));
            workspace.flush().get(5, TimeUnit.MINUTES);
        }
        InMemoryCredentialStore credentials = new InMemoryCredentialStore();
        credentials.writeRefreshToken(CredentialKey.of(API, EMAIL), "kept-refresh-token");

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("records", records.size());
        List<Double> board = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            boolean last = round == ROUNDS;
            Launch launch = launch(workspaces, credentials, last ? events : null, results);
            if (round > 0 || ROUNDS == 0) {
                board.add(launch.boardMs);
                all.add(launch.allMs);
            }
        }
        results.put("launch_to_board_ms", BenchResults.median(board));
        results.put("launch_to_board_ms_each", board);
        results.put("launch_to_all_lists_ms", BenchResults.median(all));

        Files.createDirectories(OUT);
        StringBuilder json = new StringBuilder("{\n");
        results.forEach((k, v) -> json.append("  \"").append(k).append("\": ")
                .append(v instanceof Map<?, ?> m ? new com.google.gson.Gson().toJson(m) : v).append(",\n"));
        json.setLength(json.length() - 2);
        json.append("\n}\n");
        Files.writeString(OUT.resolve("offline.json"), json, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("Flow CRM offline benchmark (" + records.size() + " records from disk, a burst of " + BURST
                + " events)");
        results.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-34s %s%n", k, v));
        assertThat(board).allSatisfy(ms -> assertThat(ms).isPositive());
    }

    private record Launch(double boardMs, double allMs) {
    }

    /** One app start from the local copy; with {@code events}, the burst follows while the board shows. */
    private Launch launch(Workspaces workspaces, InMemoryCredentialStore credentials, List<BenchDataset.Event> events,
            Map<String, Object> results) throws Exception {
        StoreApplyBench.gc();
        RootStore root = new RootStore(Platform::runLater);
        SessionStore session = new SessionStore(SessionConfig.of(API, WS), root, Clock.systemUTC(), null,
                new LocalStorage(workspaces, credentials));
        BenchViews views = FxThread.call(() -> BenchViews.showOurs(root, API, WS));
        FxThread.settle(java.time.Duration.ofMillis(300));
        AtomicBoolean watch = new AtomicBoolean();
        CountDownLatch laidOut = new CountDownLatch(1);
        Runnable afterLayout = () -> {
            if (watch.get()) {
                laidOut.countDown();
            }
        };
        Scene scene = FxThread.call(views::scene);
        FxThread.run(() -> scene.addPostLayoutPulseListener(afterLayout));
        try {
            long start = System.nanoTime();
            session.resumeStoredSession(EMAIL).get(2, TimeUnit.MINUTES);
            // the deals are in the stores and the main window would show: the next layout puts the board on screen
            FxThread.run(() -> {
                watch.set(true);
                Platform.requestNextPulse();
            });
            assertThat(laidOut.await(2, TimeUnit.MINUTES)).isTrue();
            double boardMs = (System.nanoTime() - start) / 1e6;
            while (FxThread.call(() -> root.contacts().getContacts().size()) < 50_000) {
                Thread.sleep(2);
            }
            double allMs = (System.nanoTime() - start) / 1e6;
            assertThat(FxThread.call(() -> root.deals().getDeals().size())).isEqualTo(10_000);
            BenchResults.log("launch from the local copy: board %.0f ms, all lists %.0f ms", boardMs, allMs);
            if (events != null) {
                burst(root, session, scene, events, workspaces, results);
            }
            return new Launch(boardMs, allMs);
        } finally {
            FxThread.run(() -> scene.removePostLayoutPulseListener(afterLayout));
            if (events == null) {
                session.close();
            }
            FxThread.run(views::close);
        }
    }

    private static void burst(RootStore root, SessionStore session, Scene scene, List<BenchDataset.Event> events,
            Workspaces workspaces, Map<String, Object> results) throws Exception {
        FxThread.settle(java.time.Duration.ofMillis(500));
        PulseMeter meter = FxThread.call(() -> PulseMeter.start(scene));
        CountDownLatch done = new CountDownLatch(1);
        boolean[] lastApplied = new boolean[1];
        root.dispatcher().addBatchEndListener(() -> {
            if (lastApplied[0]) {
                done.countDown();
            }
        });
        long start = System.nanoTime();
        RealtimeEventHandler toStore = LiveUpdates.eventHandler(root);
        Thread producer = new Thread(() -> {
            for (BenchDataset.Event e : events) {
                toStore.onEvent(e.name(), e.data(), 0L);
            }
            root.dispatcher().submit(() -> lastApplied[0] = true);
        }, "bench-offline-burst");
        producer.start();
        assertThat(done.await(3, TimeUnit.MINUTES)).isTrue();
        long applied = System.nanoTime();
        FxThread.settle(java.time.Duration.ofMillis(500));
        Map<String, Object> pulses = FxThread.call(() -> {
            meter.stop();
            return meter.summary();
        });
        // the last deal:updated of the burst: its value must be what the copy on disk has after the close
        String lastDeal = null;
        for (int i = events.size() - 1; i >= 0 && lastDeal == null; i--) {
            if (events.get(i).name().equals("deal:updated")) {
                lastDeal = events.get(i).data().get("id").getAsString();
            }
        }
        String id = lastDeal;
        double shown = FxThread.call(() -> root.deals().byId(id).getValue());
        long closeStart = System.nanoTime();
        // the session's close hands what is still noted to the writer and waits for it to commit
        session.close();
        long saved = System.nanoTime();
        try (Workspace workspace = workspaces.open(new WorkspaceId(API, EMAIL)).workspace()) {
            double onDisk = JsonParser.parseString(workspace.readRecord(RecordType.DEAL, id).orElseThrow())
                    .getAsJsonObject().get("value").getAsDouble();
            assertThat(onDisk).as("the copy on disk has the burst's last value of %s", id).isEqualTo(shown);
        }
        results.put("burst_events", events.size());
        results.put("burst_applied_ms", round((applied - start) / 1e6));
        results.put("burst_on_disk_ms", round((saved - start) / 1e6));
        results.put("burst_close_ms", round((saved - closeStart) / 1e6));
        results.put("burst_fx_pulses", pulses);
        BenchResults.log("burst of %,d events with the copy open: applied in %.0f ms, on disk after %.0f ms; pulses %s",
                events.size(), (applied - start) / 1e6, (saved - start) / 1e6, pulses);
    }

    private static void add(List<ConfirmedRecord> records, RecordType type, String arrayJson) {
        for (JsonElement e : JsonParser.parseString(arrayJson).getAsJsonArray()) {
            records.add(new ConfirmedRecord(type, e.getAsJsonObject().get("id").getAsString(), e.toString()));
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
