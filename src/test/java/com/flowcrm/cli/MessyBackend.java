package com.flowcrm.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A backend the way real ones answer: snake_case names, numbers as strings, date-only dates, epoch millis,
 * tags as {name} objects, notes as one string. Only the calls the export command makes.
 */
final class MessyBackend implements AutoCloseable {
    static final String DEALS = """
            [{"id":"d-17","title":"Messy renewal","contact_id":"c-1","contact_name":"Pat Messy","company":"Messy Inc",
              "value":"12500.00","stage":"closed_won","probability":"100","confidence":"high",
              "expected_close_date":"2026-03-01","inserted_at":"2026-01-05T09:30:00+01:00","last_activity_at":1767225600000,
              "description":null,"tags":[{"name":"vip"},"renewal"],"risk_factors":["Budget freeze"],"positive_signals":[],
              "competitor_mentioned":null,"priority":"high",
              "activities":[{"id":"a-1","type":"call","date":"2026-02-01","description":"Called Pat","next_step":"Send quote"}],
              "ai_insights":[]}]
            """;
    static final String CONTACTS = """
            [{"id":"c-1","name":"Pat Messy","email":"pat@messy.io","phone":null,"company":"Messy Inc","title":"CTO",
              "relationship_health":"high","health_score":"71","last_contact":"2026-02-02","next_follow_up":null,
              "sentiment":"positive","churn_risk":"15","total_deals":"2","total_deals_value":"30000",
              "tags":[{"name":"vip"}],"notes":"Prefers email","communication_history":[],"ai_insights":[]}]
            """;
    static final String NOTIFICATIONS = """
            [{"id":"n-1","user_id":"u-1","type":"deal_update","title":"Deal won","message":"Messy renewal closed",
              "priority":"high","read":"false","metadata":{"deal_id":"d-17"},"created_at":"2026-02-03"}]
            """;

    private final HttpServer http;
    private final WebSocketServer ws;
    private final AtomicInteger dealLoads = new AtomicInteger();
    private final AtomicInteger otherRequests = new AtomicInteger();

    MessyBackend() throws IOException, InterruptedException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String token = Jwts.builder().subject("u-1").claim("email", "pat@messy.io")
                .issuedAt(new Date()).expiration(Date.from(Instant.now().plusSeconds(3600)))
                .signWith(Jwts.SIG.HS256.key().build()).compact();
        String login = """
                {"user":{"id":"u-1","email":"pat@messy.io","name":"Pat Messy","role":"sales",
                  "preferences":{"theme":"dark","notifications":"true","timezone":"Europe/Berlin"},
                  "created_at":1700000000000,"last_login":"2026-11-01"},
                 "token":"%s","refresh_token":"r-1"}
                """.formatted(token);
        http.createContext("/api/auth/login", exchange -> respond(exchange, login));
        http.createContext("/api/auth/logout", exchange -> respond(exchange, "{\"success\":true}"));
        http.createContext("/api/deals", exchange -> {
            dealLoads.incrementAndGet();
            respond(exchange, DEALS);
        });
        // what a backend without the sync protocol answers to anything else, /sync/changes included
        http.createContext("/", exchange -> {
            otherRequests.incrementAndGet();
            byte[] notFound = "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, notFound.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(notFound);
            }
        });
        http.createContext("/api/contacts", exchange -> respond(exchange, CONTACTS));
        http.createContext("/api/notifications", exchange -> respond(exchange, NOTIFICATIONS));
        http.start();
        CountDownLatch started = new CountDownLatch(1);
        ws = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        ws.setReuseAddr(true);
        ws.start();
        if (!started.await(5, TimeUnit.SECONDS)) {
            throw new IOException("test WebSocket server did not start");
        }
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** GET /deals answered so far. */
    int dealLoads() {
        return dealLoads.get();
    }

    /** Requests for paths this backend does not have (answered 404). */
    int unknownRequests() {
        return otherRequests.get();
    }

    /** Closes every WebSocket connection, as a network drop would. */
    void dropConnections() {
        ws.getConnections().forEach(WebSocket::close);
    }

    String apiUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api";
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + ws.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        http.stop(0);
        ws.stop(1000);
    }
}
