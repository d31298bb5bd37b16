package com.flowcrm.soak;

import com.flowcrm.api.FlowApiClient;
import com.flowcrm.common.DaemonThreads;
import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.LocalStorage;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionState;
import com.flowcrm.store.SessionStore;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One soak client in its own JVM (so its heap, threads and file descriptors are its own): the window's session,
 * stores and write path ({@link SessionStore} on a store thread of its own, as the command line runs it), a
 * {@link ChangeDriver} making a rep's changes, and a {@link ClientSampler}. It takes commands from the soak on
 * standard input and answers on standard output, one JSON object per line; it exits when its input ends (the soak
 * is gone).
 *
 * <p>Arguments: {@code name email password apiUrl wsUrl outDir clientIndex seed}.
 */
public final class SoakClientMain {
    private static final Logger log = LoggerFactory.getLogger(SoakClientMain.class);
    private static final Gson gson = new Gson();

    private final String name;
    private final String email;
    private final String password;
    private final PrintStream out;
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor(DaemonThreads.named("flow-store"));
    private final ScheduledExecutorService timer =
            Executors.newScheduledThreadPool(2, DaemonThreads.named("soak-client-timer"));
    private final RootStore root = new RootStore(storeThread);
    private final SessionStore session;
    private final SoakWrites writes;
    private final ChangeDriver driver;
    private final ClientSampler sampler;
    private final JsonLines changes;
    private final JsonLines samples;
    private final JsonLines phases;
    private final JsonLines threadNames;
    private final Path outDir;
    private volatile int signIns;
    private final AtomicBoolean signingIn = new AtomicBoolean();
    private volatile boolean finishing;

    private SoakClientMain(String[] args, PrintStream out) throws IOException {
        this.name = args[0];
        this.email = args[1];
        this.password = args[2];
        this.outDir = Path.of(args[5]);
        this.out = out;
        // the window's session with a local workspace of this client's own, so every change goes through the outbox
        // (saved on disk with the local change, sent when the session is live, conflicts shown per field)
        LocalStorage storage = new LocalStorage(new Workspaces(outDir.resolve("workspaces")),
                new InMemoryCredentialStore());
        this.session = new SessionStore(SessionConfig.of(args[3], args[4]), root, Clock.systemUTC(), null, storage);
        this.writes = new OutboxWrites(session, storeThread);
        this.changes = new JsonLines(outDir.resolve("changes.jsonl"));
        this.samples = new JsonLines(outDir.resolve("samples.jsonl"));
        this.phases = new JsonLines(outDir.resolve("phases.jsonl"));
        this.driver = new ChangeDriver(name, Integer.parseInt(args[6]), root, storeThread, writes, timer,
                Long.parseLong(args[7]), changes::write);
        this.threadNames = new JsonLines(outDir.resolve("threads.jsonl"));
        this.sampler = new ClientSampler(session, storeThread, writes::pending, driver::made, samples::write,
                threadNames::write);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // nothing but replies on standard output
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        SoakClientMain client = new SoakClientMain(args, out);
        try {
            client.run();
        } catch (Exception | Error e) {
            log.error("Soak client failed", e);
            client.tell(event("error").put("message", String.valueOf(e)));
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        storeThread.execute(() -> {
            session.connectionProperty().addListener((o, before, now) -> {
                if (before == null || before.phase() != now.phase()) {
                    phaseChanged(now.phase());
                }
            });
            session.stateProperty().addListener((o, before, now) -> {
                // a session that was active and ended (not a sign-in that failed: that one retries itself)
                if (before == SessionState.ACTIVE && (now == SessionState.EXPIRED || now == SessionState.SIGNED_OUT)
                        && !finishing) {
                    log.warn("Session ended ({}): signing in again, as a rep would", now);
                    timer.schedule(this::signIn, 3, TimeUnit.SECONDS);
                }
            });
        });
        signIn();
        awaitTrue(() -> session.getState() == SessionState.ACTIVE, 180, "the first sign-in");
        sampler.start(timer);
        tell(event("ready"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            JsonObject command = JsonParser.parseString(line).getAsJsonObject();
            String cmd = command.get("cmd").getAsString();
            Reply reply = new Reply(cmd);
            try {
                handle(cmd, command, reply);
            } catch (Exception e) {
                log.warn("Command {} failed", cmd, e);
                reply.put("error", String.valueOf(e));
            }
            tell(reply);
            if (cmd.equals("finish")) {
                return;
            }
        }
        log.warn("The soak is gone (standard input closed): exiting");
        System.exit(3);
    }

    /** Signs in, and again every 5 s until it works (one attempt at a time). */
    private void signIn() {
        if (finishing || !signingIn.compareAndSet(false, true)) {
            return;
        }
        signIns++;
        session.login(email, password).whenComplete((user, error) -> {
            signingIn.set(false);
            if (error != null && session.getState() != SessionState.ACTIVE) {
                log.warn("Sign-in failed: {}; trying again in 5 s", error.getMessage());
                timer.schedule(this::signIn, 5, TimeUnit.SECONDS);
            }
        });
    }

    private void handle(String cmd, JsonObject command, Reply reply) throws Exception {
        switch (cmd) {
            case "start" -> {
                List<String> shared = new ArrayList<>();
                command.getAsJsonArray("shared").forEach(e -> shared.add(e.getAsString()));
                driver.start(shared, command.get("rate").getAsDouble(), command.get("sharedShare").getAsDouble());
            }
            case "stop" -> {
                driver.stop();
                boolean settled = awaitTrue(() -> writes.pending() == 0, 90, null);
                reply.put("made", driver.made()).put("settled", settled);
            }
            case "sync" -> {
                long after = command.get("after").getAsLong();
                long started = System.currentTimeMillis();
                awaitTrue(() -> sampler.phase() == ConnectionReport.Phase.LIVE && resyncedSince(after), 180,
                        "live and reloaded after the last restart");
                writes.sendAll().get(180, TimeUnit.SECONDS);
                awaitTrue(() -> writes.pending() == 0, 180, "nothing pending");
                reply.put("waitedMs", System.currentTimeMillis() - started);
            }
            case "burst" -> driver.burst(command.get("count").getAsInt()).get(180, TimeUnit.SECONDS);
            case "settle" -> reply.put("quiet", settle(command.get("quietMs").getAsLong()));
            case "resolve" -> {
                List<SoakWrites.Conflict> resolved = writes.keepMineForAll().get(180, TimeUnit.SECONDS);
                writes.sendAll().get(180, TimeUnit.SECONDS);
                reply.json.add("resolved", gson.toJsonTree(resolved));
            }
            case "compare" -> reply.json.add("comparison", gson.toJsonTree(compare(command.get("api").getAsString())));
            case "finish" -> finish(reply);
            default -> throw new IllegalArgumentException("unknown command " + cmd);
        }
    }

    /**
     * The stores against the server's REST state. Reading 10,000 deals and 50,000 contacts may take longer than the
     * client's 15 s per request on a loaded machine: a read that times out is tried again (the server is quiet by then,
     * so a later read sees the same state); the comparison itself is never repeated to get another answer.
     */
    private StoreComparison.Result compare(String api) throws Exception {
        for (int attempt = 1; ; attempt++) {
            FlowApiClient direct = new FlowApiClient(api, timer);
            try {
                direct.login(email, password).get(60, TimeUnit.SECONDS);
                return StoreComparison.compare(direct, root, storeThread, allNotifications(api));
            } catch (ExecutionException e) {
                if (attempt == 3) {
                    throw e;
                }
                log.warn("Reading the server's state for the comparison failed ({}): reading again", e.getMessage());
            }
        }
    }

    /** Every notification of this user on the server, past the list's default page. */
    private Map<String, Map<String, Object>> allNotifications(String api) throws IOException, InterruptedException {
        DirectRest rest = new DirectRest(() -> api, email, password);
        DirectRest.Reply reply = rest.get("/notifications?limit=1000000");
        if (!reply.ok()) {
            throw new IOException("GET /notifications answered " + reply.status());
        }
        Map<String, Map<String, Object>> all = new HashMap<>();
        for (JsonElement element : reply.body().getAsJsonArray()) {
            JsonObject n = element.getAsJsonObject();
            JsonElement title = n.get("title");
            all.put(n.get("id").getAsString(), StoreComparison.notificationFields(n.get("read").getAsBoolean(),
                    title == null || title.isJsonNull() ? null : title.getAsString()));
        }
        return all;
    }

    private boolean resyncedSince(long millis) {
        Instant at = session.connectionSummary().lastResyncAt();
        return at != null && at.toEpochMilli() >= millis;
    }

    /** Waits until no event was applied and nothing was pending for {@code quietMs}; false after two minutes. */
    private boolean settle(long quietMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        long lastApplied = -1;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long applied = root.counters().snapshot().applied();
            if (applied != lastApplied || writes.pending() > 0 || onStoreThread(() -> root.dispatcher().isHolding())) {
                lastApplied = applied;
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince >= quietMs) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Reads on the store thread, where the stores and the dispatcher's state live. */
    private <T> T onStoreThread(Supplier<T> read) throws InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        storeThread.execute(() -> result.complete(read.get()));
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the store thread did not answer", e);
        }
    }

    private void finish(Reply reply) throws InterruptedException {
        finishing = true;
        for (SoakChange open : driver.unanswered()) {
            changes.write(open);
        }
        for (SoakChange settled : onStoreThread(driver::settleWaiting)) {
            changes.write(settled);
        }
        for (SoakWrites.Conflict conflict : onStoreThread(writes::conflicts)) {
            log.info("Conflict left at the end: {}", conflict);
        }
        reply.put("made", driver.made()).put("unanswered", driver.unanswered().size())
                .put("signIns", signIns).put("threadsAtEnd", sampler.threadNames().toString())
                .put("driver", writes.name());
        SessionStore.ConnectionSummary summary = session.connectionSummary();
        reply.put("connects", summary.connects()).put("reconnects", summary.reconnects())
                .put("resyncs", summary.resyncs()).put("eventsApplied", summary.eventsApplied())
                .put("eventsRejected", summary.eventsRejected()).put("eventsIgnored", summary.eventsIgnored())
                .put("badFrames", summary.badFrames());
        changes.close();
        samples.close();
        phases.close();
        threadNames.close();
        session.close();
    }

    private void phaseChanged(ConnectionReport.Phase now) {
        sampler.phaseChanged(now);
        long at = System.currentTimeMillis();
        phases.write(new PhaseChange(at, now.name()));
        tell(event("phase").put("phase", now.name()).put("t", at));
    }

    /** A change of the indicator's phase, as {@code phases.jsonl} keeps it. */
    record PhaseChange(long t, String phase) {
    }

    private boolean awaitTrue(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        if (what != null) {
            throw new IllegalStateException(name + " was not " + what + " within " + seconds + " s");
        }
        return false;
    }

    private synchronized void tell(Reply reply) {
        out.println(reply.json);
    }

    private static Reply event(String what) {
        Reply reply = new Reply(null);
        reply.json.addProperty("event", what);
        return reply;
    }

    /** One answer or event on standard output. */
    private static final class Reply {
        final JsonObject json = new JsonObject();

        Reply(String cmd) {
            if (cmd != null) {
                json.addProperty("reply", cmd);
            }
        }

        Reply put(String key, Object value) {
            if (value instanceof Number number) {
                json.addProperty(key, number);
            } else if (value instanceof Boolean bool) {
                json.addProperty(key, bool);
            } else {
                json.addProperty(key, String.valueOf(value));
            }
            return this;
        }
    }

    /** A file of JSON lines, written as things happen (flushed per line, so a killed client leaves what it had). */
    static final class JsonLines implements AutoCloseable {
        private final PrintStream file;

        JsonLines(Path path) throws IOException {
            this.file = new PrintStream(Files.newOutputStream(path), true, StandardCharsets.UTF_8);
        }

        synchronized void write(Object record) {
            file.println(gson.toJson(record));
        }

        @Override
        public synchronized void close() {
            file.close();
        }
    }
}
