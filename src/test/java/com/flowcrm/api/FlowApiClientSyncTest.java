package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flowcrm.common.Failures;
import com.flowcrm.model.change.DealDeleted;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync protocol's calls over HTTP (issue 13): the lists' X-Sync-Seq and GET /sync/changes with its failures. */
class FlowApiClientSyncTest {
    private HttpServer server;
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> seqHeaders = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private FlowApiClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestURI().getQuery() != null) {
                queries.add(exchange.getRequestURI().getQuery());
            }
            byte[] body = bodies.getOrDefault(path, "{\"error\":\"Not found\"}").getBytes(StandardCharsets.UTF_8);
            String seq = seqHeaders.get(path);
            if (seq != null) {
                exchange.getResponseHeaders().set("X-Sync-Seq", seq);
            }
            exchange.sendResponseHeaders(statuses.getOrDefault(path, bodies.containsKey(path) ? 200 : 404), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = new FlowApiClient("http://127.0.0.1:" + server.getAddress().getPort() + "/api", null);
        client.setTokens(new AuthTokens("t", "r"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static <T> T await(CompletableFuture<T> call) throws Exception {
        return call.get(5, TimeUnit.SECONDS);
    }

    private static ApiException failureOf(CompletableFuture<?> call) {
        try {
            call.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (ApiException) Failures.unwrap(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call did not fail");
    }

    @Test
    void aListCarriesTheSeqItsServerSaysItReflects() throws Exception {
        bodies.put("/api/deals", "[{\"id\":\"d1\",\"version\":3}]");
        seqHeaders.put("/api/deals", "1796368966115598");
        bodies.put("/api/contacts", "[]");
        bodies.put("/api/notifications", "[]");
        seqHeaders.put("/api/notifications", "not a seq");

        MappedList<?> deals = await(client.deals());
        assertThat(deals.syncSeq()).hasValue(1796368966115598L);
        assertThat(deals.values()).hasSize(1);
        assertThat(await(client.contacts()).syncSeq()).as("no header: no change log").isEmpty();
        assertThat(await(client.notifications()).syncSeq()).as("a header that is no seq is ignored").isEmpty();
    }

    @Test
    void changesSinceAsksForThePageAndReadsIt() throws Exception {
        bodies.put("/api/sync/changes", "{\"changes\":[{\"seq\":42,\"event\":\"deal:deleted\",\"data\":{\"id\":\"d1\",\"version\":2}}],"
                + "\"next\":44,\"hasMore\":false}");

        ChangePage page = await(client.changesSince(41, 500));

        assertThat(queries).containsExactly("since=41&limit=500");
        assertThat(page.changes()).extracting(e -> e.change().value()).containsExactly(new DealDeleted("d1", 2));
        assertThat(page.next()).isEqualTo(44);
    }

    @Test
    void aServerWithoutAChangeLogAnswers404AndAnOldCursor410() {
        assertThat(failureOf(client.changesSince(1, 10)).kind()).isEqualTo(ApiException.Kind.NOT_FOUND);

        bodies.put("/api/sync/changes", "{\"error\":\"cursor too old\"}");
        statuses.put("/api/sync/changes", 410);
        ApiException gone = failureOf(client.changesSince(1, 10));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.getMessage()).isEqualTo("cursor too old");
    }

    @Test
    void anAnswerThatIsNoPageIsMalformed() {
        bodies.put("/api/sync/changes", "{\"changes\":[],\"hasMore\":false}");
        ApiException malformed = failureOf(client.changesSince(1, 10));
        assertThat(malformed.kind()).isEqualTo(ApiException.Kind.MALFORMED);
        assertThat(malformed.getMessage()).contains("/sync/changes").contains("next");
    }

    @Test
    void aCursorOrLimitOutsideTheProtocolIsNeverSent() {
        assertThatThrownBy(() -> client.changesSince(-1, 10).join()).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.changesSince(1, 0).join()).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.changesSince(1, 5001).join()).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(queries).isEmpty();
    }
}
