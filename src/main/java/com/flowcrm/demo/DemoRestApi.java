package com.flowcrm.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST subset of rest-api.md under {@code /api} on the JDK's HttpServer. */
final class DemoRestApi implements AutoCloseable {
    static final String BASE_PATH = "/api";
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final long MAX_DRAINED_BYTES = 16L * MAX_BODY_BYTES;
    private static final Logger LOG = LoggerFactory.getLogger(DemoRestApi.class);
    private static final int THREADS = 4;
    private static final int DEFAULT_NOTIFICATION_LIMIT = 50;

    private final DemoState state;
    private final DemoTokens tokens;
    private final HttpServer server;
    private final ExecutorService executor;
    private final RateLimitedWarnings warnings;

    private DemoRestApi(DemoState state, DemoTokens tokens, HttpServer server, ExecutorService executor, Clock clock) {
        this.state = state;
        this.tokens = tokens;
        this.server = server;
        this.executor = executor;
        this.warnings = new RateLimitedWarnings(LOG, clock);
    }

    static DemoRestApi start(String host, int port, DemoState state, DemoTokens tokens, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, DemoThreads.named("api"));
        DemoRestApi api = new DemoRestApi(state, tokens, server, executor, clock);
        server.createContext(BASE_PATH, api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    int port() {
        return server.getAddress().getPort();
    }

    long rejectedCount(String kind) {
        return warnings.count(kind);
    }

    @Override
    public void close() {
        server.stop(0);
        DemoThreads.stop(executor, "REST worker");
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            try {
                Optional<String> body = readBody(exchange);
                List<String> segments = segments(path);
                Object result = route(method, segments, body, query(exchange), exchange);
                respond(exchange, 200, result instanceof byte[] json ? json
                        : DemoJson.GSON.toJson(result).getBytes(StandardCharsets.UTF_8));
            } catch (DemoRequestException e) {
                warnings.warn("Rejected REST request (" + e.status() + ")", method + " " + path + ": " + e.getMessage());
                respond(exchange, e.status(), error(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("REST request {} {} failed", method, path, e);
                respond(exchange, 500, error("internal server error"));
            }
        } catch (IOException e) {
            LOG.debug("Client went away during {} {}: {}", method, path, e.toString());
        }
    }

    private Object route(String method, List<String> s, Optional<String> body, Map<String, String> query,
            HttpExchange exchange) {
        if (s.size() == 2 && s.get(0).equals("auth") && (s.get(1).equals("login") || s.get(1).equals("refresh"))) {
            requireMethod(method, "POST");
            RequestFields fields = RequestFields.parse(body.orElse(null));
            return s.get(1).equals("login") ? login(fields) : refresh(fields);
        }
        DemoTokens.Principal principal = authenticate(exchange);
        String userId = principal.userId();
        String first = s.isEmpty() ? "" : s.get(0);
        switch (first) {
            case "auth" -> {
                if (s.size() == 2 && s.get(1).equals("logout")) {
                    requireMethod(method, "POST");
                    tokens.endSession(principal.sessionId());
                    return Map.of("success", true);
                }
                if (s.size() == 2 && s.get(1).equals("me")) {
                    requireMethod(method, "GET");
                    return state.user(userId);
                }
            }
            case "deals" -> {
                return deals(method, s, body, query);
            }
            case "contacts" -> {
                return contacts(method, s, body, query);
            }
            case "notifications" -> {
                return notifications(method, s, body, query, userId);
            }
            default -> {
            }
        }
        throw DemoRequestException.notFound("no endpoint " + method + " " + BASE_PATH + "/" + String.join("/", s));
    }

    private Object login(RequestFields fields) {
        String email = fields.requiredString("email");
        String password = fields.requiredString("password");
        JsonObject user = state.login(email, password)
                .orElseThrow(() -> new DemoRequestException(401, "invalid email or password"));
        Map<String, String> session = tokens.startSession(user.get("id").getAsString(), user.get("email").getAsString());
        JsonObject result = new JsonObject();
        result.add("user", user);
        result.addProperty("token", session.get("token"));
        result.addProperty("refreshToken", session.get("refreshToken"));
        return result;
    }

    private Object refresh(RequestFields fields) {
        String refreshToken = fields.requiredString("refreshToken");
        return tokens.refresh(refreshToken)
                .orElseThrow(() -> new DemoRequestException(401, "refresh token is invalid or expired"));
    }

    private DemoTokens.Principal authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new DemoRequestException(401, "missing bearer token");
        }
        return tokens.verify(header.substring(7).trim())
                .filter(principal -> state.userExists(principal.userId()))
                .orElseThrow(() -> new DemoRequestException(401, "token is invalid or expired"));
    }

    private Object deals(String method, List<String> s, Optional<String> body, Map<String, String> query) {
        if (s.size() == 1) {
            return switch (method) {
                case "GET" -> state.dealsJson(query.get("filter"), query.get("search"));
                case "POST" -> state.createDeal(objectBody(body));
                default -> throw methodNotAllowed(method);
            };
        }
        String id = s.get(1);
        if (s.size() == 2 && id.equals("forecast")) {
            requireMethod(method, "GET");
            return state.forecast();
        }
        if (s.size() == 2 && id.equals("stage-stats")) {
            requireMethod(method, "GET");
            return state.stageStats();
        }
        if (s.size() == 2) {
            return switch (method) {
                case "GET" -> state.deal(id);
                case "PUT" -> state.updateDeal(id, objectBody(body));
                case "DELETE" -> {
                    state.deleteDeal(id);
                    yield Map.of("success", true);
                }
                default -> throw methodNotAllowed(method);
            };
        }
        if (s.size() == 3 && s.get(2).equals("stage")) {
            requireMethod(method, "PATCH");
            RequestFields fields = RequestFields.parse(body.orElse(null));
            return state.changeDealStageByClient(id, fields.requiredStage("stage"));
        }
        if (s.size() == 3 && s.get(2).equals("activities")) {
            requireMethod(method, "POST");
            return state.addDealActivity(id, objectBody(body));
        }
        throw DemoRequestException.notFound("no endpoint " + method + " " + BASE_PATH + "/" + String.join("/", s));
    }

    private Object contacts(String method, List<String> s, Optional<String> body, Map<String, String> query) {
        if (s.size() == 1) {
            requireMethod(method, "GET");
            return state.contactsJson(query.get("filter"), query.get("search"));
        }
        String id = s.get(1);
        if (s.size() == 2 && id.equals("stats")) {
            requireMethod(method, "GET");
            return state.contactStats();
        }
        if (s.size() == 2) {
            return switch (method) {
                case "GET" -> state.contact(id);
                case "PUT" -> state.updateContact(id, objectBody(body));
                default -> throw methodNotAllowed(method);
            };
        }
        if (s.size() == 3 && s.get(2).equals("communication")) {
            requireMethod(method, "POST");
            return state.addCommunication(id, objectBody(body));
        }
        throw DemoRequestException.notFound("no endpoint " + method + " " + BASE_PATH + "/" + String.join("/", s));
    }

    private Object notifications(String method, List<String> s, Optional<String> body, Map<String, String> query,
            String userId) {
        if (s.size() == 1) {
            requireMethod(method, "GET");
            Boolean read = query.containsKey("read") ? parseBoolean("read", query.get("read")) : null;
            int limit = query.containsKey("limit") ? parseCount("limit", query.get("limit")) : DEFAULT_NOTIFICATION_LIMIT;
            int offset = query.containsKey("offset") ? parseCount("offset", query.get("offset")) : 0;
            return state.notifications(userId, read, limit, offset);
        }
        if (s.size() == 2 && s.get(1).equals("unread-count")) {
            requireMethod(method, "GET");
            return Map.of("count", state.unreadCount(userId));
        }
        if (s.size() == 3 && s.get(2).equals("read")) {
            requireMethod(method, "PATCH");
            // a bare PATCH without a body marks as read, as most clients expect
            boolean read = body.isEmpty() || RequestFields.parse(body.get()).optionalBoolean("read").orElse(true);
            return state.markNotificationRead(userId, s.get(1), read);
        }
        throw DemoRequestException.notFound("no endpoint " + method + " " + BASE_PATH + "/" + String.join("/", s));
    }

    private static Boolean parseBoolean(String name, String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw DemoRequestException.badRequest(name + " must be true or false");
        };
    }

    private static int parseCount(String name, String value) {
        try {
            int count = Integer.parseInt(value);
            if (count < 0) {
                throw DemoRequestException.badRequest(name + " must not be negative");
            }
            return count;
        } catch (NumberFormatException e) {
            throw DemoRequestException.badRequest(name + " must be a whole number");
        }
    }

    private static JsonObject objectBody(Optional<String> body) {
        return RequestFields.parse(body.orElse(null)).asObject();
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw methodNotAllowed(method);
        }
    }

    private static DemoRequestException methodNotAllowed(String method) {
        return new DemoRequestException(405, "method " + method + " is not allowed here");
    }

    private static List<String> segments(String path) {
        String rest = path.length() > BASE_PATH.length() ? path.substring(BASE_PATH.length()) : "";
        return Arrays.stream(rest.split("/")).filter(part -> !part.isEmpty())
                .map(part -> URLDecoder.decode(part, StandardCharsets.UTF_8)).toList();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    /** Reads at most 1 MiB; a larger body is drained (so the client sees the answer, not a reset) and refused with 413. */
    private static Optional<String> readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean tooLarge = false;
        if (length != null) {
            try {
                tooLarge = Long.parseLong(length.trim()) > MAX_BODY_BYTES;
            } catch (NumberFormatException e) {
                throw DemoRequestException.badRequest("Content-Length is not a number");
            }
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            int read;
            long total = 0;
            while ((read = in.read(chunk)) >= 0) {
                total += read;
                if (!tooLarge && total > MAX_BODY_BYTES) {
                    tooLarge = true;
                }
                if (total > MAX_DRAINED_BYTES) {
                    // past this the client is not a confused one; closing the exchange drops the connection
                    break;
                }
                if (!tooLarge) {
                    buffer.write(chunk, 0, read);
                }
            }
        }
        if (tooLarge) {
            throw new DemoRequestException(413, "request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        return buffer.size() == 0 ? Optional.empty() : Optional.of(buffer.toString(StandardCharsets.UTF_8));
    }

    private static JsonObject error(String message) {
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        return error;
    }

    private static void respond(HttpExchange exchange, int status, JsonElement body) throws IOException {
        respond(exchange, status, DemoJson.GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
