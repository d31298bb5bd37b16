package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A list whose body is still arriving is read on threads of its own, never on the executor the client was given
 * (which the HTTP client also needs to deliver the bytes): with a bounded one, readers waiting for bytes held every
 * thread that could deliver them. The soak's final comparison hung so, reading deals, contacts and notifications at
 * once on a 2-thread pool.
 */
class StreamedBodyThreadsTest {

    @Test
    void twoListsStillArrivingAreReadWithAOneThreadExecutor() throws Exception {
        CountDownLatch bothAsked = new CountDownLatch(2);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api", exchange -> {
            bothAsked.countDown();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("[{\"id\":\"a\",".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // the rest only once both lists are being read: each reader is then waiting for bytes
                bothAsked.await(5, TimeUnit.SECONDS);
                Thread.sleep(200);
                out.write("\"title\":\"A\",\"name\":\"A\"}]".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            FlowApiClient client = new FlowApiClient("http://127.0.0.1:" + server.getAddress().getPort() + "/api", one);
            client.setTokens(new AuthTokens("token", "refresh"));

            CompletableFuture<MappedList<com.flowcrm.model.Deal>> deals = client.deals();
            CompletableFuture<MappedList<com.flowcrm.model.Contact>> contacts = client.contacts();

            assertThat(deals.get(20, TimeUnit.SECONDS).values()).hasSize(1);
            assertThat(contacts.get(20, TimeUnit.SECONDS).values()).hasSize(1);
        } finally {
            one.shutdownNow();
            server.stop(0);
        }
    }
}
