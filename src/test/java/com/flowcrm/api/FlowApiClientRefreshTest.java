package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token refresh: concurrent callers share one request, and a refresh asked for by a token listener is a new one. */
class FlowApiClientRefreshTest {
    private HttpServer server;
    private final AtomicInteger refreshCalls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/auth/refresh", exchange -> {
            int n = refreshCalls.incrementAndGet();
            byte[] body = ("{\"token\":\"access-" + n + "\",\"refreshToken\":\"refresh-" + n + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private FlowApiClient client() {
        FlowApiClient client = new FlowApiClient("http://127.0.0.1:" + server.getAddress().getPort() + "/api", null);
        client.setTokens(new AuthTokens("access-0", "refresh-0"));
        return client;
    }

    @Test
    void concurrentRefreshesShareOneRequest() throws Exception {
        FlowApiClient client = client();

        CompletableFuture<AuthTokens> first = client.refresh();
        CompletableFuture<AuthTokens> second = client.refresh();

        assertThat(first.get(5, TimeUnit.SECONDS).accessToken()).isEqualTo("access-1");
        assertThat(second.get(5, TimeUnit.SECONDS).accessToken()).isEqualTo("access-1");
        assertThat(refreshCalls).hasValue(1);
    }

    @Test
    void aRefreshStartedByATokenListenerIsANewRequest() throws Exception {
        FlowApiClient client = client();
        AtomicReference<CompletableFuture<AuthTokens>> fromListener = new AtomicReference<>();
        client.addTokenListener(tokens -> {
            if (tokens.accessToken().equals("access-1")) {
                fromListener.set(client.refresh());
            }
        });

        client.refresh().get(5, TimeUnit.SECONDS);

        await().until(() -> fromListener.get() != null);
        assertThat(fromListener.get().get(5, TimeUnit.SECONDS).accessToken()).isEqualTo("access-2");
        assertThat(client.tokens().refreshToken()).isEqualTo("refresh-2");
        assertThat(refreshCalls).hasValue(2);
    }
}
