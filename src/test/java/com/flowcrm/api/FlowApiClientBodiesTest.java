package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.common.Failures;
import com.flowcrm.model.Deal;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the REST client makes of the bodies a server sends, gzipped or not: a list streamed in gives what the tree
 * of the same text gives, a single record likewise, and a bad body (not JSON, broken compression, an encoding
 * nobody asked for, a connection that drops in the middle) fails a list with the same error as a single record.
 */
class FlowApiClientBodiesTest {
    private static final String DEALS = """
            [{"id":"d-17","title":"Messy renewal","contact_id":"c-1","value":"12500.00","stage":"closed_won",
              "expected_close_date":"2026-03-01","tags":[{"name":"vip"},"renewal"],"description":"%s"},
             {"title":"no id"}, {"id":"d-18","value":"twelve"}]
            """.formatted("long ".repeat(400));

    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, String> encodings = new ConcurrentHashMap<>();
    private final Map<String, List<String>> acceptEncodings = new ConcurrentHashMap<>();
    private volatile int status = 200;
    /** How the test server encodes: gzip when asked ("honour"), never ("plain"), "broken" gzip, or a named encoding. */
    private volatile String mode = "honour";
    private FlowApiClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api", exchange -> {
            String path = exchange.getRequestURI().getPath();
            acceptEncodings.put(path, exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of()));
            byte[] body = answers.getOrDefault(path, "{\"error\":\"nothing here\"}").getBytes(StandardCharsets.UTF_8);
            boolean asked = exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of()).toString()
                    .contains("gzip");
            String encoding = switch (mode) {
                case "honour" -> asked ? "gzip" : null;
                case "plain" -> null;
                case "broken" -> "gzip";
                default -> mode;
            };
            if (encoding != null) {
                exchange.getResponseHeaders().set("Content-Encoding", encoding);
                body = mode.equals("broken") ? "this is not gzip at all".getBytes(StandardCharsets.UTF_8)
                        : encoding.equals("gzip") ? gzip(body) : body;
            }
            encodings.put(path, encoding == null ? "identity" : encoding);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = clientOf("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static FlowApiClient clientOf(String url) {
        FlowApiClient client = new FlowApiClient(url, null);
        client.setTokens(new AuthTokens("token", "refresh"));
        return client;
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body);
        }
        return bytes.toByteArray();
    }

    private static <T> T await(CompletableFuture<T> call) throws Exception {
        return call.get(10, TimeUnit.SECONDS);
    }

    private static ApiException failure(CompletableFuture<?> call) {
        try {
            call.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return (ApiException) Failures.unwrap(e);
        }
        throw new AssertionError("the call did not fail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"honour", "plain"})
    void aListReadsTheSameGzippedOrPlainAndAsItsTree(String serverMode) throws Exception {
        mode = serverMode;
        answers.put("/api/deals", DEALS);

        MappedList<Deal> deals = await(client.deals());

        assertThat(acceptEncodings.get("/api/deals")).containsExactly("gzip");
        assertThat(encodings.get("/api/deals")).isEqualTo(serverMode.equals("honour") ? "gzip" : "identity");
        SameRecords.assertSameDeals(deals, JsonMapper.create().deals(JsonParser.parseString(DEALS)));
        assertThat(deals.values()).extracting(Deal::getId).containsExactly("d-17", "d-18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"honour", "plain"})
    void aSingleRecordAndAFailureReadTheSameGzippedOrPlain(String serverMode) throws Exception {
        mode = serverMode;
        String deal = "{\"id\":\"d-17\",\"title\":\"" + "x".repeat(2000) + "\"}";
        answers.put("/api/deals/d-17", deal);
        assertThat(await(client.deal("d-17")).getTitle()).hasSize(2000);

        status = 412;
        answers.put("/api/deals/d-17", "{\"error\":\"" + "someone else changed it ".repeat(60) + "\"}");
        ApiException stale = failure(client.deal("d-17"));
        assertThat(stale.kind()).isEqualTo(ApiException.Kind.STALE);
        assertThat(stale.getMessage()).startsWith("someone else changed it");
        answers.put("/api/deals", "{\"error\":\"" + "stale list ".repeat(200) + "\"}");
        ApiException staleList = failure(client.deals());
        assertThat(staleList.kind()).isEqualTo(ApiException.Kind.STALE);
        assertThat(staleList.getMessage()).startsWith("stale list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"id\":\"d1\",\"title\":\"cut off", "[{\"id\":\"d1\"}] and more", "<html>oops</html>",
        "[{\"id\":\"d1\",\"title\":}]"})
    void textThatIsNotJsonFailsAListAsItFailsASingleRecord(String body) {
        answers.put("/api/deals", body);
        answers.put("/api/deals/d1", body);

        ApiException list = failure(client.deals());
        ApiException one = failure(client.deal("d1"));

        assertThat(list.kind()).isEqualTo(ApiException.Kind.MALFORMED);
        assertThat(list.getMessage()).isEqualTo(one.getMessage()).endsWith("answered with something that is not JSON.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"error\":\"no list for you\"}", "\"just text\"", "42", "null", "", "  \n ",
        "{\"data\":{\"deals\":[]}}", "{\"items\":[{\"id\":\"d1\"}],\"total\":1}"})
    void anAnswerThatIsNotAListGivesWhatTheTreeMapperGives(String body) throws Exception {
        answers.put("/api/deals", body);

        MappedList<Deal> deals = await(client.deals());

        // an empty body reads as {}, as it always did
        SameRecords.assertSameDeals(deals,
                JsonMapper.create().deals(body.isBlank() ? JsonParser.parseString("{}") : JsonParser.parseString(body)));
    }

    @Test
    void brokenCompressionIsTheServersFault() {
        mode = "broken";
        answers.put("/api/deals", DEALS);
        answers.put("/api/deals/d1", "{\"id\":\"d1\"}");

        ApiException list = failure(client.deals());
        ApiException one = failure(client.deal("d1"));

        assertThat(list.kind()).isEqualTo(ApiException.Kind.MALFORMED);
        assertThat(list.getMessage()).isEqualTo(one.getMessage()).endsWith("answered with a compressed body that cannot be read.");
    }

    @Test
    void anEncodingThatWasNotAskedForIsRefusedWithItsName() {
        mode = "br";
        answers.put("/api/deals", DEALS);
        answers.put("/api/deals/d1", "{\"id\":\"d1\"}");

        ApiException list = failure(client.deals());
        ApiException one = failure(client.deal("d1"));

        assertThat(list.kind()).isEqualTo(ApiException.Kind.MALFORMED);
        assertThat(list.getMessage()).isEqualTo(one.getMessage()).endsWith("in an encoding the app cannot read (br).");
    }

    @Test
    void aConnectionThatDropsInTheMiddleOfTheBodyIsUnreachableNotBadJson() throws Exception {
        try (ServerSocket raw = new ServerSocket(0)) {
            Thread.ofPlatform().daemon().start(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket socket = raw.accept()) {
                        InputStream in = socket.getInputStream();
                        StringBuilder request = new StringBuilder();
                        while (request.indexOf("\r\n\r\n") < 0) {
                            int b = in.read();
                            if (b < 0) {
                                break;
                            }
                            request.append((char) b);
                        }
                        OutputStream out = socket.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                                + "[{\"id\":\"d1\"},{\"id\":\"d2\",\"title\":\"half").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            FlowApiClient dropping = clientOf("http://127.0.0.1:" + raw.getLocalPort() + "/api");

            ApiException list = failure(dropping.deals());
            ApiException one = failure(dropping.deal("d1"));

            assertThat(list.kind()).isEqualTo(ApiException.Kind.UNREACHABLE);
            assertThat(one.kind()).isEqualTo(ApiException.Kind.UNREACHABLE);
            assertThat(list.getMessage()).startsWith("Cannot reach the server at");
        }
    }

    @Test
    void everyAnswerBelow500TellsTheAnswerListenersAndNoAnswerOrA5xxDoesNot() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        client.addAnswerListener(answered::incrementAndGet);
        answers.put("/api/deals", DEALS);
        answers.put("/api/deals/d-17", "{\"id\":\"d-17\"}");

        await(client.deals());
        assertThat(answered).hasValue(1);
        await(client.deal("d-17"));
        assertThat(answered).hasValue(2);
        status = 404;
        assertThat(failure(client.deal("gone")).kind()).isEqualTo(ApiException.Kind.NOT_FOUND);
        assertThat(answered).hasValue(3);
        status = 503;
        failure(client.deal("d-17"));
        failure(client.deals());
        assertThat(answered).hasValue(3);

        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        FlowApiClient unreachable = clientOf("http://127.0.0.1:" + closedPort + "/api");
        unreachable.addAnswerListener(answered::incrementAndGet);
        assertThat(failure(unreachable.deal("d-17")).kind()).isEqualTo(ApiException.Kind.UNREACHABLE);
        assertThat(answered).hasValue(3);
    }
}
