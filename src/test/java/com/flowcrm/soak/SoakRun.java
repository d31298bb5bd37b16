package com.flowcrm.soak;

import com.flowcrm.demo.DemoServer;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * One soak run, start to end: the demo server as its own process, the fault proxy in front of its REST and WebSocket
 * ports, the auditor on its change log, two client JVMs making changes; then the faults on their schedule for the
 * plan's duration; then the end (the network calms, the clients stop, the server comes back without its simulator
 * so the world is quiet, both clients sync, make a last burst of changes on the shared deals, resolve their conflicts
 * "keep mine" one after the other, and compare their stores with the server). Everything it started is stopped when
 * it returns or fails.
 */
final class SoakRun {
    private static final String PASSWORD = DemoServer.DEMO_PASSWORD;
    private static final Duration CLIENT_STEP = Duration.ofMinutes(4);
    private static final int SHARED_DEALS = 12;
    /** The demo server's data directory, under the run's output folder. */
    static final String SERVER_DATA = "server-data";
    private static final int FINAL_BURST = 10;
    /** No fault strikes sooner than this after the server came up again. */
    private static final Duration AFTER_UP = Duration.ofSeconds(15);

    /** A fault as it happened: what, from when to when (ms since the epoch), and a note (how many connections...). */
    record FaultRecord(String kind, long from, long to, String note) {
    }

    /** Everything the verdict and the timeline need once the run is over. */
    record Outcome(SoakPlan plan, long t0, long chaosEnd, long finalUp, long end, List<FaultRecord> faults,
                   List<NetworkFaults.Spike> spikes, ServerAuditor auditor, List<ClientResult> clients,
                   List<String> laterResolverNotOnServer) {
    }

    /** What one client reported at the end, and where its files are. */
    record ClientResult(String name, Path dir, JsonObject summary, JsonObject comparison, JsonArray resolved,
                        long syncWaitMs, String syncError) {
    }

    private final SoakPlan plan;
    private final List<FaultRecord> faults = Collections.synchronizedList(new ArrayList<>());
    private final PrintStream progress;
    private long lastUp;

    SoakRun(SoakPlan plan) throws IOException {
        this.plan = plan;
        deleteRecursively(plan.out());
        Files.createDirectories(plan.out());
        this.progress = new PrintStream(Files.newOutputStream(plan.out().resolve("progress.log")), true,
                StandardCharsets.UTF_8);
    }

    Outcome run() throws Exception {
        Path out = plan.out();
        NetworkFaults network = new NetworkFaults(plan.maxLatencyMs(), plan.seed());
        DemoServerProcess server = new DemoServerProcess(out.resolve(SERVER_DATA), out.resolve("server-home"),
                out.resolve("server.log"), plan.dataset());
        List<AutoCloseable> started = new ArrayList<>();
        try {
            say("starting the demo server (" + plan.dataset() + ")");
            server.start(true, Duration.ofMinutes(5));
            started.add(server);
            FaultProxy rest = new FaultProxy("rest", () -> server.endpoints().api(), network);
            FaultProxy ws = new FaultProxy("ws", () -> server.endpoints().ws(), network);
            started.add(rest);
            started.add(ws);
            started.add(network);
            ServerAuditor auditor = new ServerAuditor(new DirectRest(() -> server.endpoints().apiUrl(),
                    DemoServer.MANAGER_EMAIL, PASSWORD));
            List<String> dealIds = auditor.begin();
            started.add(auditor);
            List<String> shared = pickShared(dealIds);

            String apiPath = URI.create(server.endpoints().apiUrl()).getPath();
            String apiUrl = "http://127.0.0.1:" + rest.port() + apiPath;
            String wsUrl = "ws://127.0.0.1:" + ws.port();
            say("proxy: REST " + apiUrl + " -> " + server.endpoints().apiUrl() + ", WebSocket " + wsUrl + " -> "
                    + server.endpoints().wsUrl());
            ClientProcess rep = ClientProcess.start("rep", 0, DemoServer.DEMO_EMAIL, PASSWORD, apiUrl, wsUrl,
                    out.resolve("rep"), plan.seed() + 1);
            started.add(rep);
            ClientProcess manager = ClientProcess.start("manager", 1, DemoServer.MANAGER_EMAIL, PASSWORD, apiUrl, wsUrl,
                    out.resolve("manager"), plan.seed() + 2);
            started.add(manager);
            List<ClientProcess> clients = List.of(rep, manager);
            rep.awaitReady(Duration.ofMinutes(5));
            manager.awaitReady(Duration.ofMinutes(5));

            long t0 = System.currentTimeMillis();
            say("chaos for " + plan.duration().toSeconds() + " s; faults: " + FaultSchedule.of(plan));
            network.startSpikes();
            JsonObject start = new JsonObject();
            start.addProperty("cmd", "start");
            JsonArray sharedJson = new JsonArray();
            shared.forEach(sharedJson::add);
            start.add("shared", sharedJson);
            start.addProperty("rate", plan.changesPerSecond());
            start.addProperty("sharedShare", plan.sharedShare());
            for (ClientProcess client : clients) {
                client.call(start, CLIENT_STEP);
            }
            for (FaultSchedule.Fault fault : FaultSchedule.of(plan)) {
                // a restart that took long (a busy machine) pushes what follows: each fault meets a running server
                long due = Math.max(t0 + fault.at().toMillis(), lastUp + AFTER_UP.toMillis());
                if (due > t0 + plan.duration().toMillis()) {
                    break;
                }
                sleepUntil(due);
                strike(fault, server, rest, ws, network, clients);
            }
            sleepUntil(t0 + plan.duration().toMillis());
            long chaosEnd = System.currentTimeMillis();

            say("chaos over: the network calms, the clients stop making changes");
            network.calm();
            both(clients, c -> c.call("stop", CLIENT_STEP));
            auditor.stopDeleting();
            say("the server comes back without its simulator (a quiet world for the comparison)");
            server.stop();
            server.start(false, Duration.ofMinutes(5));
            long finalUp = System.currentTimeMillis();
            faults.add(new FaultRecord("final-restart", chaosEnd, finalUp, "graceful stop, started with --no-simulator"));
            JsonObject sync = new JsonObject();
            sync.addProperty("cmd", "sync");
            sync.addProperty("after", finalUp);
            // a client that cannot sync is a finding, not the end of the run: the comparison shows what it missed
            List<JsonObject> synced = both(clients, c -> {
                try {
                    return c.call(sync, CLIENT_STEP);
                } catch (IllegalStateException e) {
                    say(e.getMessage());
                    JsonObject failed = new JsonObject();
                    failed.addProperty("waitedMs", -1);
                    failed.addProperty("error", e.getMessage());
                    return failed;
                }
            });
            say("both clients live and reloaded; last burst of " + FINAL_BURST + " changes each on the shared deals");
            JsonObject burst = new JsonObject();
            burst.addProperty("cmd", "burst");
            burst.addProperty("count", FINAL_BURST);
            both(clients, c -> c.call(burst, CLIENT_STEP));
            settle(clients);
            List<JsonArray> resolved = new ArrayList<>();
            for (ClientProcess client : clients) {
                // one after the other: the manager resolves last, so the manager's "keep mine" must win
                resolved.add(client.call("resolve", CLIENT_STEP).getAsJsonArray("resolved"));
                settle(clients);
            }
            List<String> laterNotOnServer = laterResolverCheck(resolved.getLast(), auditorRest(server));
            if (!auditor.catchUp(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the auditor could not read the change log to its end");
            }
            JsonObject compare = new JsonObject();
            compare.addProperty("cmd", "compare");
            compare.addProperty("api", server.endpoints().apiUrl());
            List<JsonObject> comparisons = new ArrayList<>();
            for (ClientProcess client : clients) {
                comparisons.add(client.call(compare, CLIENT_STEP).getAsJsonObject("comparison"));
            }
            List<JsonObject> summaries = new ArrayList<>();
            for (ClientProcess client : clients) {
                summaries.add(client.call("finish", CLIENT_STEP));
                client.awaitExit(Duration.ofSeconds(30));
            }
            long end = System.currentTimeMillis();
            say("done; compared: " + comparisons);
            List<ClientResult> results = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                results.add(new ClientResult(clients.get(i).name(), clients.get(i).dir(), summaries.get(i),
                        comparisons.get(i), resolved.get(i), synced.get(i).get("waitedMs").getAsLong(),
                        synced.get(i).has("error") ? synced.get(i).get("error").getAsString() : null));
            }
            List<FaultRecord> happened = new ArrayList<>(faults);
            happened.sort(Comparator.comparingLong(FaultRecord::from));
            return new Outcome(plan, t0, chaosEnd, finalUp, end, happened, network.spikes(), auditor, results,
                    laterNotOnServer);
        } finally {
            Collections.reverse(started);
            for (AutoCloseable closeable : started) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    say("closing " + closeable + " failed: " + e);
                }
            }
            ChildJvms.killAll();
            progress.close();
        }
    }

    private void strike(FaultSchedule.Fault fault, DemoServerProcess server, FaultProxy rest, FaultProxy ws,
            NetworkFaults network, List<ClientProcess> clients) throws Exception {
        switch (fault.kind()) {
            case DROP -> {
                long at = System.currentTimeMillis();
                int cut = rest.dropAll() + ws.dropAll();
                faults.add(new FaultRecord("drop", at, at, cut + " connections cut"));
                say("drop: " + cut + " connections cut");
            }
            case STALL -> {
                long waitFrom = System.currentTimeMillis();
                while (!clients.stream().allMatch(c -> c.phase().equals("LIVE"))
                        && System.currentTimeMillis() - waitFrom < 60_000) {
                    Thread.sleep(200);
                }
                long at = System.currentTimeMillis();
                network.stall(true);
                say("stall for " + fault.length().toSeconds() + " s (clients: "
                        + clients.stream().map(c -> c.name() + " " + c.phase()).toList() + ")");
                Thread.sleep(fault.length().toMillis());
                network.stall(false);
                faults.add(new FaultRecord("stall", at, System.currentTimeMillis(), "forwarding stopped, sockets open"));
            }
            case RESTART -> {
                long at = System.currentTimeMillis();
                server.kill9();
                server.start(true, Duration.ofMinutes(3));
                long up = System.currentTimeMillis();
                lastUp = up;
                faults.add(new FaultRecord("restart", at, up, "kill -9, started again on the same data"));
                say("restart: killed, up again after " + (up - at) + " ms");
            }
        }
    }

    /**
     * The later resolver's kept fields that the server does not hold (empty when all of them are there). Where the
     * resolver kept several of its changes of one field of a deal, the last of them (they are listed in the order they
     * were made) is the one the server must hold.
     */
    private static List<String> laterResolverCheck(JsonArray resolved, DirectRest rest) throws Exception {
        List<String> missing = new ArrayList<>();
        Map<String, JsonObject> lastPerField = new LinkedHashMap<>();
        for (var element : resolved) {
            JsonObject conflict = element.getAsJsonObject();
            lastPerField.put(conflict.get("dealId").getAsString() + "|" + conflict.get("field").getAsString(), conflict);
        }
        for (JsonObject conflict : lastPerField.values()) {
            String dealId = conflict.get("dealId").getAsString();
            String field = conflict.get("field").getAsString();
            DirectRest.Reply deal = rest.get("/deals/" + dealId);
            if (deal.status() == 404) {
                // the colleague deleted it meanwhile (the simulator's new deals): there is no record to hold the value
                continue;
            }
            var onServer = deal.ok() ? deal.body().getAsJsonObject().get(field) : null;
            var mine = com.google.gson.JsonParser.parseString(conflict.get("mine").getAsString());
            if (!mine.equals(onServer)) {
                missing.add(dealId + " " + field + ": kept " + mine + ", server " + onServer);
            }
        }
        return missing;
    }

    private static DirectRest auditorRest(DemoServerProcess server) {
        return new DirectRest(() -> server.endpoints().apiUrl(), DemoServer.MANAGER_EMAIL, PASSWORD);
    }

    private void settle(List<ClientProcess> clients) throws Exception {
        JsonObject settle = new JsonObject();
        settle.addProperty("cmd", "settle");
        settle.addProperty("quietMs", 3_000);
        both(clients, c -> c.call(settle, CLIENT_STEP));
    }

    private List<String> pickShared(List<String> dealIds) {
        List<String> copy = new ArrayList<>(dealIds);
        Collections.shuffle(copy, new Random(plan.seed()));
        return List.copyOf(copy.subList(0, Math.min(SHARED_DEALS, copy.size())));
    }

    /** A call on a client that may fail with a checked exception. */
    private interface ClientCall {
        JsonObject on(ClientProcess client) throws Exception;
    }

    /** The same call on every client at once; their answers in the clients' order. */
    private static List<JsonObject> both(List<ClientProcess> clients, ClientCall call) throws Exception {
        List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
        for (ClientProcess client : clients) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return call.on(client);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }));
        }
        List<JsonObject> answers = new ArrayList<>();
        for (CompletableFuture<JsonObject> each : calls) {
            try {
                answers.add(each.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return answers;
    }

    private static void sleepUntil(long millis) throws InterruptedException {
        long wait = millis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private void say(String line) {
        String text = Instant.now() + " [" + plan.name() + "] " + line;
        progress.println(text);
        System.out.println(text);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
