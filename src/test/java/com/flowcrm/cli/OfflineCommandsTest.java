package com.flowcrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The offline commands against the demo backend (with its data on disk, so that it can be stopped and started again
 * with the same sessions): every command and exit code of issue 12, the changes staying queued while the server is
 * away and sent by the next sync.
 */
class OfflineCommandsTest {
    private static final String EMAIL = "demo@flow-crm.local";

    @TempDir
    Path home;
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    private LocalFiles files;
    private DemoServer demo;
    private int apiPort;
    private int wsPort;
    private Map<String, String> env = Map.of();

    @BeforeEach
    void start() {
        files = new LocalFiles(home.resolve("workspaces"), home.resolve("native"), () -> credentials);
        demo = DemoServer.start(DemoServerConfig.forTests().withDataDir(home.resolve("demo")));
        apiPort = demo.apiPort();
        wsPort = demo.wsPort();
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private void serverDown() {
        demo.close();
        demo = null;
    }

    private void serverUp() {
        demo = DemoServer.start(DemoServerConfig.forTests().withDataDir(home.resolve("demo")).withPorts(apiPort, wsPort));
    }

    private String api() {
        return "http://127.0.0.1:" + apiPort + "/api";
    }

    private String ws() {
        return "ws://127.0.0.1:" + wsPort;
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        CommandLine.IFactory factory = new CommandFactory(env, files);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine commandLine;
        try {
            Callable<Integer> command = switch (all.get(0)) {
                case "sync" -> factory.create(SyncCommand.class);
                case "pending" -> factory.create(PendingCommand.class);
                case "deal" -> factory.create(DealCommand.class);
                case "export" -> factory.create(ExportCommand.class);
                case "report" -> new ReportCommand(env, Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC),
                        () -> com.flowcrm.store.insights.RottingLimits.DEFAULTS, files);
                default -> throw new IllegalArgumentException(all.get(0));
            };
            commandLine = new CommandLine(command, factory).setCaseInsensitiveEnumValuesAllowed(true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        int code = commandLine.execute(all.subList(1, all.size()).toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }

    private CliRun sync(String... extra) {
        List<String> args = new ArrayList<>(List.of("sync", "--api", api(), "--ws", ws(), "--email", EMAIL));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private CliRun deal(String... args) {
        List<String> all = new ArrayList<>(List.of("deal"));
        all.addAll(List.of(args));
        all.addAll(List.of("--api", api(), "--ws", ws(), "--email", EMAIL));
        return run(all.toArray(String[]::new));
    }

    private CliRun pending(String... args) {
        List<String> all = new ArrayList<>(List.of("pending"));
        all.addAll(List.of(args));
        all.addAll(List.of("--api", api(), "--email", EMAIL));
        return run(all.toArray(String[]::new));
    }

    private JsonArray pendingJson() {
        CliRun listed = pending("--format", "json");
        assertThat(listed.code()).as(listed.err()).isZero();
        return JsonParser.parseString(listed.out()).getAsJsonArray();
    }

    @Test
    void withoutALocalCopyTheOfflineCommandsSaySignInOnceWithTheNetwork() {
        CliRun listed = pending();
        assertThat(listed.code()).isEqualTo(ExitCode.AUTH_FAILED);
        assertThat(listed.err()).contains("sign in once with the network");

        CliRun moved = deal("stage", "deal-1", "proposal");
        assertThat(moved.code()).isEqualTo(ExitCode.AUTH_FAILED);
        assertThat(moved.err()).contains("no local copy").contains("sign in once with the network");

        CliRun exported = run("export", "--offline", "--api", api(), "--email", EMAIL);
        assertThat(exported.code()).isEqualTo(ExitCode.AUTH_FAILED);

        CliRun reported = run("report", "stages", "--offline", "--api", api(), "--email", EMAIL);
        assertThat(reported.code()).isEqualTo(ExitCode.AUTH_FAILED);
        assertThat(reported.err()).contains("sign in once with the network");
    }

    @Test
    void syncWithoutAKeptSessionOrAPasswordHasNoUsableSignIn() {
        CliRun synced = sync();

        assertThat(synced.code()).isEqualTo(ExitCode.AUTH_FAILED);
        assertThat(synced.err()).contains("No usable sign-in").contains("FLOW_PASSWORD");
        assertThat(sync("--password", "wrong").code()).isEqualTo(ExitCode.AUTH_FAILED);
    }

    @Test
    void changesMadeWhileTheServerIsAwayStayQueuedAndTheNextSyncSendsThem() {
        CliRun first = sync("--password", "demo");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("sent 0, already applied 0, conflicts 0, failed 0\n");
        String dealId = demo.state().dealIds().get(0);
        String other = demo.state().dealIds().get(1);
        String stage = demo.state().deal(dealId).get("stage").getAsString();
        String target = stage.equals("negotiation") ? "proposal" : "negotiation";

        // the kept session signs the command in: sent at once
        CliRun live = deal("stage", dealId, target);
        assertThat(live.code()).as(live.err()).isZero();
        assertThat(live.out()).isEqualTo("sent\n");
        assertThat(demo.state().deal(dealId).get("stage").getAsString()).isEqualTo(target);

        serverDown();
        CliRun queued = deal("update", other, "--set", "title=Renewal (offline)", "--set", "value=125000");
        assertThat(queued.code()).as(queued.err()).isZero();
        assertThat(queued.out()).isEqualTo("queued: will be sent by the next sync\n");
        CliRun logged = deal("log-activity", other, "--type", "call", "--description", "Called from the train",
                "--date", "2026-03-15");
        assertThat(logged.code()).isZero();

        JsonArray listed = pendingJson();
        assertThat(listed).hasSize(2);
        JsonObject edit = listed.get(0).getAsJsonObject();
        assertThat(edit.keySet()).containsExactlyInAnyOrder("id", "createdAt", "kind", "target", "status", "reason", "fields");
        assertThat(edit.get("kind").getAsString()).isEqualTo("deal-edit");
        assertThat(edit.get("target").getAsString()).isEqualTo("deal/" + other);
        assertThat(edit.get("status").getAsString()).isEqualTo("waiting");
        assertThat(edit.get("reason").isJsonNull()).isTrue();
        JsonObject title = field(edit, "title");
        assertThat(title.keySet()).containsExactlyInAnyOrder("field", "base", "yours", "theirs");
        assertThat(title.get("yours").getAsString()).isEqualTo("Renewal (offline)");
        assertThat(title.get("theirs").isJsonNull()).isTrue();
        assertThat(field(edit, "value").get("yours").getAsDouble()).isEqualTo(125000);
        assertThat(listed.get(1).getAsJsonObject().get("kind").getAsString()).isEqualTo("log-activity");
        CliRun table = pending();
        assertThat(table.out()).contains("deal-edit").contains("log-activity").contains("2 waiting to send, 0 to resolve");

        CliRun exported = run("export", "--offline", "--api", api(), "--email", EMAIL);
        assertThat(exported.code()).as(exported.err()).isZero();
        JsonObject snapshot = JsonParser.parseString(exported.out()).getAsJsonObject();
        JsonObject changed = find(snapshot.getAsJsonArray("deals"), other);
        assertThat(changed.get("pending").getAsBoolean()).isTrue();
        assertThat(changed.get("title").getAsString()).isEqualTo("Renewal (offline)");
        assertThat(find(snapshot.getAsJsonArray("deals"), dealId).has("pending")).isFalse();
        assertThat(snapshot.getAsJsonObject("user").get("email").getAsString()).isEqualTo(EMAIL);
        assertThat(snapshot.getAsJsonObject("connection").get("state").getAsString()).isEqualTo("OFFLINE");
        CliRun report = run("report", "stages", "--offline", "--api", api(), "--email", EMAIL, "--format", "json");
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("\"stage\": \"negotiation\"");

        CliRun away = sync();
        assertThat(away.code()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(away.err()).contains("2 changes stay queued");
        assertThat(pendingJson()).hasSize(2);

        serverUp();
        CliRun back = sync();
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(back.out()).isEqualTo("sent 2, already applied 0, conflicts 0, failed 0\n");
        assertThat(demo.state().deal(other).get("title").getAsString()).isEqualTo("Renewal (offline)");
        assertThat(demo.state().deal(other).get("value").getAsDouble()).isEqualTo(125000);
        assertThat(StreamSupport.stream(demo.state().deal(other).getAsJsonArray("activities").spliterator(), false)
                .filter(a -> a.getAsJsonObject().get("description").getAsString().equals("Called from the train"))
                .count()).isEqualTo(1);
        assertThat(pendingJson()).isEmpty();
        assertThat(sync().out()).isEqualTo("sent 0, already applied 0, conflicts 0, failed 0\n");
    }

    @Test
    void aConflictOrARefusalLeavesExitCode5UntilTheRepResolvesIt() {
        assertThat(sync("--password", "demo").code()).isZero();
        String dealId = demo.state().dealIds().get(2);
        serverDown();
        assertThat(deal("update", dealId, "--set", "title=Mine").out()).contains("queued");
        serverUp();
        demo.state().updateDeal(dealId, JsonParser.parseString("{\"title\":\"Theirs\"}").getAsJsonObject());

        CliRun conflicted = sync();

        assertThat(conflicted.code()).isEqualTo(ExitCode.PENDING);
        assertThat(conflicted.out()).isEqualTo("sent 0, already applied 0, conflicts 1, failed 0\n");
        JsonObject entry = pendingJson().get(0).getAsJsonObject();
        assertThat(entry.get("status").getAsString()).isEqualTo("conflict");
        assertThat(field(entry, "title").get("theirs").getAsString()).isEqualTo("Theirs");
        assertThat(field(entry, "title").get("yours").getAsString()).isEqualTo("Mine");
        String id = entry.get("id").getAsString();
        assertThat(pending("resolve", "not-a-uuid", "--keep", "mine").code()).isEqualTo(ExitCode.USAGE);

        CliRun mine = pending("resolve", id, "--keep", "mine");
        assertThat(mine.code()).as(mine.err()).isZero();
        assertThat(mine.out()).contains("kept yours");
        assertThat(sync().out()).isEqualTo("sent 1, already applied 0, conflicts 0, failed 0\n");
        assertThat(demo.state().deal(dealId).get("title").getAsString()).isEqualTo("Mine");

        // a refusal: the change stays failed (exit 5) until it is discarded
        String stage = demo.state().deal(dealId).get("stage").getAsString();
        demo.state().refuseNextStageChange(409, "Deal is locked by finance");
        CliRun refused = deal("stage", dealId, stage.equals("prospect") ? "qualified" : "prospect");
        assertThat(refused.code()).isEqualTo(ExitCode.PENDING);
        assertThat(refused.err()).contains("Deal is locked by finance");
        CliRun stillThere = sync();
        assertThat(stillThere.code()).isEqualTo(ExitCode.PENDING);
        assertThat(stillThere.out()).isEqualTo("sent 0, already applied 0, conflicts 0, failed 1\n");
        String failedId = pendingJson().get(0).getAsJsonObject().get("id").getAsString();
        assertThat(pendingJson().get(0).getAsJsonObject().get("reason").getAsString()).isEqualTo("Deal is locked by finance");
        assertThat(pending("resolve", failedId, "--keep", "theirs").code()).isEqualTo(ExitCode.USAGE);

        CliRun discarded = pending("discard", failedId);
        assertThat(discarded.code()).isZero();
        assertThat(sync().code()).isZero();
        assertThat(demo.state().deal(dealId).get("stage").getAsString()).isEqualTo(stage);
    }

    @Test
    void aDealCommandRefusesWhatTheWindowWouldRefuse() {
        assertThat(sync("--password", "demo").code()).isZero();
        String dealId = demo.state().dealIds().get(0);

        assertThat(deal("stage", dealId, "won").code()).isEqualTo(ExitCode.USAGE);
        assertThat(deal("update", dealId, "--set", "value=-5").err()).contains("0 or more");
        assertThat(deal("update", dealId, "--set", "colour=red").err()).contains("Unknown field 'colour'");
        assertThat(deal("update", dealId, "--set", "title=  ").err()).contains("The title cannot be empty.");
        assertThat(deal("log-activity", dealId, "--type", "fax", "--description", "x").code()).isEqualTo(ExitCode.USAGE);
        assertThat(deal("log-activity", dealId, "--type", "call", "--description", "x", "--date", "soon").err())
                .contains("--date must be a date");
        assertThat(deal("stage", "no-such-deal", "proposal").err()).contains("There is no deal no-such-deal");
        assertThat(pendingJson()).isEmpty();
    }

    @Test
    void aDamagedLocalCopyIsSetAsideWithAClearMessageAndItsWaitingChangeIsStillSent() throws Exception {
        assertThat(sync("--password", "demo").code()).isZero();
        String dealId = demo.state().dealIds().get(3);
        serverDown();
        assertThat(deal("update", dealId, "--set", "title=Saved before the damage").out())
                .isEqualTo("queued: will be sent by the next sync\n");
        Path file = files.workspaces().fileOf(new com.flowcrm.local.WorkspaceId(api(), EMAIL));
        damageTable(file, "deal");

        // the first command that reads the deals finds the damage: the file is set aside, the waiting change kept
        CliRun damaged = run("export", "--offline", "--api", api(), "--email", EMAIL);
        assertThat(damaged.code()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(damaged.err()).contains("is damaged", "note: Your local copy was damaged, so it was set aside as",
                "1 change waiting to be sent was recovered");
        CliRun listed = pending("--format", "json");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(JsonParser.parseString(listed.out()).getAsJsonArray()).hasSize(1);
        try (var kept = java.nio.file.Files.list(file.getParent())) {
            assertThat(kept.map(p -> p.getFileName().toString()).filter(n -> n.contains(".corrupt-") && n.endsWith(".db"))).hasSize(1);
        }

        serverUp();
        CliRun synced = sync();
        assertThat(synced.code()).as(synced.err()).isZero();
        assertThat(synced.out()).isEqualTo("sent 1, already applied 0, conflicts 0, failed 0\n");
        assertThat(demo.state().deal(dealId).get("title").getAsString()).isEqualTo("Saved before the damage");
        CliRun exported = run("export", "--offline", "--api", api(), "--email", EMAIL);
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(find(JsonParser.parseString(exported.out()).getAsJsonObject().getAsJsonArray("deals"), dealId)
                .get("title").getAsString()).isEqualTo("Saved before the damage");
    }

    @Test
    void aFileThatIsNoWorkspaceIsSetAsideByPendingWithANote() throws Exception {
        assertThat(sync("--password", "demo").code()).isZero();
        Path file = files.workspaces().fileOf(new com.flowcrm.local.WorkspaceId(api(), EMAIL));
        java.nio.file.Files.writeString(file, "this is not a database, it was overwritten by something else ".repeat(100));

        CliRun listed = pending("--format", "json");

        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.err()).contains("note: The local copy's file was not a Flow CRM workspace, so it was set aside as");
        assertThat(listed.out().strip()).isEqualTo("[]");
        assertThat(sync().code()).isZero();
        assertThat(run("export", "--offline", "--api", api(), "--email", EMAIL).code()).isZero();
    }

    /** Overwrites the root page of a table with garbage (the workspace is closed: its WAL is checkpointed). */
    private static void damageTable(Path file, String table) throws Exception {
        long page;
        long pageSize;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                java.sql.Statement s = c.createStatement()) {
            try (java.sql.ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_schema WHERE name = '" + table + "'")) {
                rs.next();
                page = rs.getLong(1);
            }
            try (java.sql.ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                rs.next();
                pageSize = rs.getLong(1);
            }
        }
        byte[] garbage = new byte[(int) pageSize];
        java.util.Arrays.fill(garbage, (byte) 0x5A);
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.seek((page - 1) * pageSize);
            raf.write(garbage);
        }
    }

    private static JsonObject field(JsonObject entry, String name) {
        for (JsonElement f : entry.getAsJsonArray("fields")) {
            if (f.getAsJsonObject().get("field").getAsString().equals(name)) {
                return f.getAsJsonObject();
            }
        }
        throw new AssertionError("no field " + name + " in " + entry);
    }

    private static JsonObject find(JsonArray items, String id) {
        for (JsonElement e : items) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no item " + id);
    }

    static Set<String> keys(JsonObject o) {
        return o.keySet();
    }
}
