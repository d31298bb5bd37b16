package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real command line in the middle of sending its outbox: the write reached the server (it has the
 * activity) but the answer never came back. The next sync, in a new process, finds the change marked as sending,
 * sees the activity on the server and does not post it again; the change behind it is sent. Every step is its own
 * JVM ({@code Main}) on the same app folder, against the demo backend (which honours Idempotency-Key) behind a proxy
 * that can refuse writes (the server "away") or forward one and hold its answer.
 */
class OutboxKillTest {
    private static final String EMAIL = "demo@flow-crm.local";

    private enum Writes { PASS, REFUSE, HOLD, SLOW }

    @TempDir
    Path home;
    private DemoServer demo;
    private HttpServer proxy;
    private final ExecutorService proxyThreads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<Writes> writes = new AtomicReference<>(Writes.PASS);
    private final CountDownLatch writeHeld = new CountDownLatch(1);
    private final CountDownLatch releaseHeld = new CountDownLatch(1);
    /** Every write the proxy forwarded to the server, as "METHOD path". */
    private final List<String> forwarded = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        demo = DemoServer.start(DemoServerConfig.forTests().withDataDir(home.resolve("demo")));
        String target = "http://127.0.0.1:" + demo.apiPort();
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> forward(exchange, target));
        proxy.setExecutor(proxyThreads);
        proxy.start();
    }

    @AfterEach
    void stop() {
        releaseHeld.countDown();
        proxy.stop(0);
        proxyThreads.shutdownNow();
        demo.close();
    }

    @Test
    void aSyncKilledWhileItsWriteIsOnTheServerSendsNothingTwiceAfterTheRestart() throws Exception {
        assertThat(cli("sync").code).isZero();
        String dealId = demo.state().dealIds().get(2);
        String stage = demo.state().deal(dealId).get("stage").getAsString();
        String target = stage.equals("negotiation") ? "proposal" : "negotiation";

        writes.set(Writes.REFUSE);
        Run logged = cli("deal", "log-activity", dealId, "--type", "call", "--description", "Call before the kill",
                "--date", "2026-03-15T14:30:00Z");
        assertThat(logged.out).as(logged.err).isEqualTo("queued: will be sent by the next sync\n");
        assertThat(cli("deal", "stage", dealId, target).out).isEqualTo("queued: will be sent by the next sync\n");

        writes.set(Writes.HOLD);
        Process sync = start("sync");
        assertThat(writeHeld.await(90, TimeUnit.SECONDS)).as("the activity's POST reached the server").isTrue();
        sync.destroyForcibly();
        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sync.exitValue()).isEqualTo(137);
        assertThat(activities(dealId, "Call before the kill")).isEqualTo(1);
        assertThat(demo.state().deal(dealId).get("stage").getAsString()).isEqualTo(stage);

        // the killed process left the change marked as sending (its answer unknown), the one behind it waiting
        Run listed = cli("pending", "--format", "json");
        JsonArray pending = JsonParser.parseString(listed.out).getAsJsonArray();
        assertThat(pending).hasSize(2);
        assertThat(pending.get(0).getAsJsonObject().get("kind").getAsString()).isEqualTo("log-activity");
        assertThat(pending.get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("sending");
        assertThat(pending.get(1).getAsJsonObject().get("status").getAsString()).isEqualTo("waiting");

        writes.set(Writes.PASS);
        Run again = cli("sync");
        assertThat(again.code).as(again.err).isZero();
        assertThat(again.out).isEqualTo("sent 1, already applied 1, conflicts 0, failed 0\n");
        assertThat(activities(dealId, "Call before the kill")).isEqualTo(1);
        assertThat(demo.state().deal(dealId).get("stage").getAsString()).isEqualTo(target);
        assertThat(cli("pending", "--format", "json").out.strip()).isEqualTo("[]");
    }

    @Test
    void twoProcessesSyncingTheSameLocalCopyAtOnceSendEachChangeOnce() throws Exception {
        assertThat(cli("sync").code).isZero();
        String dealId = demo.state().dealIds().get(4);
        writes.set(Writes.REFUSE);
        assertThat(cli("deal", "log-activity", dealId, "--type", "note", "--description", "Two senders",
                "--date", "2026-03-16").out).isEqualTo("queued: will be sent by the next sync\n");
        forwarded.clear();

        // the write takes 8 s to reach the server: the second process signs in and comes to send meanwhile
        writes.set(Writes.SLOW);
        Process first = start("sync");
        Path firstOut = home.resolve("out.txt");
        Path secondOutput = home.resolve("out-2.txt");
        Process second = startTo(secondOutput, "sync");
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(first.exitValue()).isZero();
        assertThat(second.exitValue()).isZero();
        assertThat(forwarded).containsExactly("POST /api/deals/" + dealId + "/activities");
        assertThat(activities(dealId, "Two senders")).isEqualTo(1);
        assertThat(List.of(Files.readString(firstOut), Files.readString(secondOutput))).containsExactlyInAnyOrder(
                "sent 1, already applied 0, conflicts 0, failed 0\n", "sent 0, already applied 0, conflicts 0, failed 0\n");
    }

    private long activities(String dealId, String description) {
        return StreamSupport.stream(demo.state().deal(dealId).getAsJsonArray("activities").spliterator(), false)
                .map(JsonElement::getAsJsonObject)
                .filter(a -> a.get("description").getAsString().equals(description))
                .count();
    }

    // ---- the command line in a JVM of its own -------------------------------------------------------------------

    private record Run(int code, String out, String err) {
    }

    private Process start(String... command) throws IOException {
        return startTo(home.resolve("out.txt"), command);
    }

    private Process startTo(Path output, String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                "-D" + AppDirectories.HOME_PROPERTY + "=" + home.resolve("app"),
                "-D" + AppContext.CREDENTIALS_PROPERTY + "=memory", Main.class.getName()));
        args.addAll(List.of(command));
        args.addAll(List.of("--api", "http://127.0.0.1:" + proxy.getAddress().getPort() + "/api", "--email", EMAIL));
        if (command[0].equals("sync") || command[0].equals("deal")) {
            args.addAll(List.of("--ws", "ws://127.0.0.1:" + demo.wsPort()));
        }
        ProcessBuilder builder = new ProcessBuilder(args)
                .redirectOutput(output.toFile())
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile());
        builder.environment().put("FLOW_PASSWORD", "demo");
        return builder.start();
    }

    private Run cli(String... command) throws Exception {
        Process process = start(command);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        return new Run(process.exitValue(), Files.readString(home.resolve("out.txt")),
                Files.readString(home.resolve("out.txt.err")));
    }

    // ---- the proxy ----------------------------------------------------------------------------------------------

    private void forward(HttpExchange exchange, String target) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            boolean write = !exchange.getRequestMethod().equals("GET") && !path.startsWith("/api/auth");
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (write && writes.get() == Writes.REFUSE) {
                respond(exchange, 503, "{\"error\":\"away\"}".getBytes(StandardCharsets.UTF_8), Map.of());
                return;
            }
            if (write) {
                forwarded.add(exchange.getRequestMethod() + " " + path);
                if (writes.get() == Writes.SLOW) {
                    Thread.sleep(8_000);
                }
            }
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (write && writes.get() == Writes.HOLD) {
                // applied on the server; its answer never leaves (the client is killed meanwhile)
                writeHeld.countDown();
                releaseHeld.await();
                return;
            }
            Map<String, String> headers = new java.util.HashMap<>();
            for (String header : List.of("Content-Type", "X-Sync-Seq", "ETag")) {
                answer.headers().firstValue(header).ifPresent(v -> headers.put(header, v));
            }
            respond(exchange, answer.statusCode(), answer.body(), headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
