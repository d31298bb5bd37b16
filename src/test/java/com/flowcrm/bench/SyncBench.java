package com.flowcrm.bench;

import com.flowcrm.api.FlowApiClient;
import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionState;
import com.flowcrm.store.SessionStore;
import com.flowcrm.store.SyncStatus;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javafx.application.Platform;

/**
 * Issue 13's measures: a session of the app signed in to the benchmark's demo server (10,000 deals, 50,000 contacts)
 * through {@link CountingProxy}s loses its network, 100 deals are changed on the server meanwhile, and the network
 * comes back. {@code resume_bytes_ratio}: the bytes the client receives from the reconnect until it is caught up (the
 * WebSocket handshake, {@code /sync/changes}, the frames), divided by the bytes it receives for a full reload (the
 * three lists, read by the app's own REST client through the same proxy). {@code resume_ms}: from the reconnect (the
 * socket open that starts the catch-up) to the stores holding every change. {@code restart_keeps_session}: a demo
 * server on {@code --data} restarted under a signed-in session, which reconnects and catches up without a sign-in.
 * The app's defaults throughout (realtime settings, the FX thread as the UI executor).
 */
final class SyncBench {
    static final int CHANGED_DEALS = 100;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    /** What the sync measures came to. */
    record Result(double resumeBytesRatio, double resumeMs, boolean restartKeepsSession, Map<String, Object> details) {
    }

    private SyncBench() {
    }

    static Result measure(BenchDataset data, int rounds) throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        double ratio;
        double resumeMs;
        try (CountingProxy api = new CountingProxy(data.server.apiPort());
                CountingProxy ws = new CountingProxy(data.server.wsPort());
                SessionStore session = new SessionStore(SessionConfig.of(
                        "http://127.0.0.1:" + api.port() + "/api", "ws://127.0.0.1:" + ws.port()),
                        new RootStore(Platform::runLater), Clock.systemUTC())) {
            long signIn = System.nanoTime();
            session.login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            waitFor("the session is live", () -> live(session));
            details.put("sign_in_ms", (System.nanoTime() - signIn) / 1e6);
            details.put("sign_in_bytes_received", api.takeToClient() + ws.takeToClient());
            SyncStatus status = session.syncStatus();
            if (status.mode() != SyncStatus.Mode.RESUME) {
                throw new IllegalStateException("the demo server should keep a change log: " + status);
            }

            long reloadBytes = fullReloadBytes(data, api);
            details.put("full_reload_bytes", reloadBytes);

            List<Double> bytes = new ArrayList<>();
            List<Double> millis = new ArrayList<>();
            List<Double> wallMillis = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                Resume resume = dropChangeAndResume(data, session, api, ws, round);
                if (round > 0) { // the first is a warm-up
                    bytes.add((double) resume.bytes());
                    millis.add(resume.catchUp().took().toNanos() / 1e6);
                    wallMillis.add(resume.wallMs());
                }
                details.put("resume_round_" + round, Map.of("bytes", resume.bytes(), "changes_read",
                        resume.catchUp().changes(), "pages", resume.catchUp().pages(),
                        "resume_ms", resume.catchUp().took().toNanos() / 1e6, "network_back_to_caught_up_ms", resume.wallMs()));
            }
            double medianBytes = BenchResults.median(bytes);
            ratio = medianBytes / reloadBytes;
            resumeMs = BenchResults.median(millis);
            details.put("resume_bytes_median", medianBytes);
            details.put("resume_ms_rounds", millis);
            details.put("network_back_to_caught_up_ms_rounds", wallMillis);
            BenchResults.log("resume after %d changed deals: %.0f bytes against %d for a full reload (ratio %.5f), "
                    + "%.1f ms from the reconnect to caught up", CHANGED_DEALS, medianBytes, reloadBytes, ratio, resumeMs);
        }
        boolean keeps = restartKeepsSession(details);
        BenchResults.log("restart_keeps_session: %s", keeps);
        return new Result(ratio, resumeMs, keeps, details);
    }

    /** What a full reload costs on the wire: the three lists, as the app's REST client reads them. */
    private static long fullReloadBytes(BenchDataset data, CountingProxy api) throws Exception {
        FlowApiClient client = new FlowApiClient("http://127.0.0.1:" + api.port() + "/api", null);
        client.login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD).get(1, TimeUnit.MINUTES);
        api.takeToClient();
        client.deals().get(1, TimeUnit.MINUTES);
        client.contacts().get(1, TimeUnit.MINUTES);
        client.notifications().get(1, TimeUnit.MINUTES);
        return api.takeToClient();
    }

    private record Resume(long bytes, SyncStatus.LastCatchUp catchUp, double wallMs) {
    }

    private static Resume dropChangeAndResume(BenchDataset data, SessionStore session, CountingProxy api,
            CountingProxy ws, int round) throws Exception {
        long resyncs = session.connectionSummary().resyncs();
        SyncStatus.LastCatchUp before = session.syncStatus().lastCatchUp();
        api.drop();
        ws.drop();
        waitFor("the connection is lost", () -> !session.connectionSummary().state().equals("CONNECTED"));

        List<String> changed = new ArrayList<>();
        for (int i = 0; i < CHANGED_DEALS; i++) {
            String id = data.dealIds.get((round * CHANGED_DEALS + i * 97) % data.dealIds.size());
            JsonObject partial = new JsonObject();
            partial.addProperty("value", 10_000 + round * 1_000 + i);
            partial.addProperty("title", "Changed while away " + round + "-" + i);
            data.server.state().updateDeal(id, partial);
            changed.add(id);
        }
        data.server.awaitChangesSaved();
        api.takeToClient();
        ws.takeToClient();
        long back = System.nanoTime();
        api.restore();
        ws.restore();
        // not waiting out the backoff the earlier drops grew (1, 2, 4 s...): resume_ms starts at the reconnect anyway
        session.retryConnectionNow();
        waitFor("caught up after the reconnect", () -> session.connectionSummary().resyncs() > resyncs);
        double wallMs = (System.nanoTime() - back) / 1e6;
        long bytes = api.takeToClient() + ws.takeToClient();
        SyncStatus.LastCatchUp catchUp = session.syncStatus().lastCatchUp();
        if (catchUp == null || catchUp == before) {
            throw new IllegalStateException("the reconnect did not catch up from the change log: " + session.syncStatus());
        }
        for (String id : changed) {
            double server = data.server.state().deal(id).get("value").getAsDouble();
            double client = FxThread.call(() -> session.root().deals().byId(id).getValue());
            if (server != client) {
                throw new IllegalStateException("deal " + id + " is " + client + " in the client, " + server + " on the server");
            }
        }
        return new Resume(bytes, catchUp, wallMs);
    }

    /** A demo server on --data restarted under a signed-in session: live again, caught up, no sign-in. */
    private static boolean restartKeepsSession(Map<String, Object> details) throws Exception {
        Path dir = Files.createTempDirectory("flow-bench-demo");
        DemoServer first = DemoServer.start(DemoServerConfig.forTests().withDataDir(dir));
        int apiPort = first.apiPort();
        int wsPort = first.wsPort();
        DemoServer second = null;
        try (SessionStore session = new SessionStore(SessionConfig.of(first.apiUrl(), first.wsUrl()),
                new RootStore(Platform::runLater), Clock.systemUTC())) {
            session.login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD).get(1, TimeUnit.MINUTES);
            waitFor("the session is live", () -> live(session));
            String id = first.state().dealIds().get(0);
            long restart = System.nanoTime();
            first.close();
            second = DemoServer.start(DemoServerConfig.forTests().withDataDir(dir).withPorts(apiPort, wsPort));
            JsonObject partial = new JsonObject();
            partial.addProperty("title", "Changed after the restart");
            second.state().updateDeal(id, partial);
            session.retryConnectionNow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean kept = false;
            while (System.nanoTime() < deadline && !kept) {
                kept = live(session) && session.syncStatus().lastCatchUp() != null
                        && "Changed after the restart".equals(FxThread.call(() -> session.root().deals().byId(id).getTitle()));
                Thread.sleep(50);
            }
            details.put("restart_to_caught_up_ms", (System.nanoTime() - restart) / 1e6);
            details.put("restart_state", FxThread.call(() -> session.getState().name()));
            return kept && FxThread.call(() -> session.getState() == SessionState.ACTIVE);
        } finally {
            if (second != null) {
                second.close();
            } else {
                first.close();
            }
            deleteTree(dir);
        }
    }

    private static boolean live(SessionStore session) {
        return FxThread.call(() -> session.getState() == SessionState.ACTIVE
                && session.connectionProperty().get().phase() == ConnectionReport.Phase.LIVE);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + PATIENCE.toSeconds() + " s for: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
