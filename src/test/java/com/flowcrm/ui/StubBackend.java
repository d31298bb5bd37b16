package com.flowcrm.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A tiny REST backend on a free port: either fails every call with one status, or serves a minimal signed-in user. */
public final class StubBackend implements AutoCloseable {
    private final HttpServer server;

    private StubBackend(HttpServer server) {
        this.server = server;
    }

    /** Answers every request with this status and {error}. */
    public static StubBackend failingWith(int status) throws IOException {
        return start(exchange -> respond(exchange, status, "{\"error\":\"Internal failure in the test backend\"}"));
    }

    /** Lets anyone sign in as a user whose preferences turn toasts off; every list is empty. */
    public static StubBackend quietUser() throws IOException {
        return start(exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/auth/login")) {
                respond(exchange, 200, """
                        {"token":"stub-token","refreshToken":"stub-refresh","user":{"id":"u-quiet","email":"quiet@acme.example",
                        "name":"Quinn Quiet","role":"sales","preferences":{"theme":"light","notifications":false,"timezone":"UTC"},
                        "createdAt":"2026-01-01T00:00:00Z","lastLogin":"2026-03-01T00:00:00Z"}}""");
            } else if (path.endsWith("/deals") || path.endsWith("/contacts") || path.endsWith("/notifications")) {
                respond(exchange, 200, "[]");
            } else {
                respond(exchange, 200, "{\"success\":true}");
            }
        });
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static StubBackend start(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                handler.handle(exchange);
            }
        });
        server.start();
        return new StubBackend(server);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
