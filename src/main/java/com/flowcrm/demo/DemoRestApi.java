package com.flowcrm.demo;

import com.flowcrm.common.DaemonThreads;
import com.flowcrm.common.WarningThrottle;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST subset of rest-api.md under {@code /api} on the JDK's HttpServer, plus the sync protocol: the change
 * feed ({@link ChangeFeed}), {@code X-Sync-Seq} on the snapshot lists, {@code Idempotency-Key} on writes and
 * {@code version} / {@code If-Match} / 412 on deals and contacts. No answer leaves before what it shows is saved.
 */
final class DemoRestApi implements AutoCloseable {
    static final String BASE_PATH = "/api";
    static final int MAX_BODY_BYTES = DemoHttp.MAX_BODY_BYTES;
    static final String SYNC_SEQ_HEADER = "X-Sync-Seq";
    private static final Logger LOG = LoggerFactory.getLogger(DemoRestApi.class);
    private static final int THREADS = 4;
    private static final int DEFAULT_NOTIFICATION_LIMIT = 50;
    private static final Duration SAVE_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final DemoState state;
    private final DemoTokens tokens;
    private final DemoJournal journal;
    private final HttpServer server;
    private final ExecutorService executor;
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);
    private final WarningThrottle warnings;
    private final IdempotentRequests idempotent;
    private final ChangeFeed feed;

    private DemoRestApi(DemoState state, DemoTokens tokens, DemoJournal journal, HttpServer server,
            ExecutorService executor, Clock clock) {
        this.state = state;
        this.tokens = tokens;
        this.journal = journal;
        this.server = server;
        this.executor = executor;
        this.warnings = new WarningThrottle(LOG, clock, WARN_INTERVAL);
        this.idempotent = new IdempotentRequests(journal);
        this.feed = new ChangeFeed(journal);
    }

    static DemoRestApi start(String host, int port, DemoState state, DemoTokens tokens, DemoJournal journal,
            Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("demo-api"));
        DemoRestApi api = new DemoRestApi(state, tokens, journal, server, executor, clock);
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
        DaemonThreads.stop(executor, "REST worker", Duration.ofSeconds(5));
    }

    /** One request as the handler sees it. */
    private record Call(String method, List<String> segments, Optional<String> body, Map<String, String> query,
            HttpExchange exchange) {
        String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            DemoHttp.Response response;
            try {
                Call call = new Call(method, DemoHttp.segments(path, BASE_PATH), DemoHttp.readBody(exchange),
                        DemoHttp.query(exchange), exchange);
                response = process(call);
            } catch (DemoRequestException e) {
                String kind = "Rejected REST request (" + e.status() + ")";
                warnings.warn(kind, "{}: {} {}: {}", kind, method, path, e.getMessage());
                response = e.body() != null ? DemoHttp.Response.json(e.status(), e.body())
                        .with("ETag", "\"" + e.version() + "\"") : DemoHttp.Response.error(e.status(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("REST request {} {} failed", method, path, e);
                response = DemoHttp.Response.error(500, "internal server error");
            }
            DemoHttp.send(exchange, response);
        } catch (IOException e) {
            LOG.debug("Client went away during {} {}: {}", method, path, e.toString());
        }
    }

    private DemoHttp.Response process(Call call) {
        List<String> s = call.segments();
        if (s.size() == 2 && s.get(0).equals("auth") && (s.get(1).equals("login") || s.get(1).equals("refresh"))) {
            requireMethod(call.method(), "POST");
            RequestFields fields = RequestFields.parse(call.body().orElse(null));
            Object result = s.get(1).equals("login") ? login(fields) : refresh(fields);
            // the session (refresh token, lastLogin) is saved before the client gets its tokens
            journal.awaitDurable(journal.ticket(), SAVE_TIMEOUT);
            return toResponse(result);
        }
        String userId = authenticate(call.exchange()).userId();
        if (!WRITES.contains(call.method())) {
            // a list's writer reads its seq when it takes the lock: the ticket taken after that covers all it shows
            DemoHttp.Response response = toResponse(route(call, userId, IfMatch.NONE));
            try {
                journal.awaitDurable(journal.ticket(), SAVE_TIMEOUT);
            } catch (RuntimeException e) {
                if (response.streamed() != null) {
                    response.streamed().cancel();
                }
                throw e;
            }
            return response;
        }
        IfMatch ifMatch = IfMatch.parse(call.header("If-Match"));
        Optional<String> key = IdempotentRequests.validKey(call.header("Idempotency-Key"));
        if (key.isEmpty()) {
            IdempotentRequests.Executed executed = execute(call, userId, ifMatch, null, null);
            journal.awaitDurable(executed.ticket(), SAVE_TIMEOUT);
            return executed.response();
        }
        String uri = call.exchange().getRequestURI().getRawPath()
                + (call.exchange().getRequestURI().getRawQuery() == null ? ""
                        : "?" + call.exchange().getRequestURI().getRawQuery());
        String fingerprint = IdempotentRequests.fingerprint(call.method(), uri, call.body().orElse(""));
        return idempotent.run(userId, key.get(), fingerprint, SAVE_TIMEOUT,
                () -> execute(call, userId, ifMatch, key.get(), fingerprint));
    }

    /** A write as one unit of the change log, with its stored answer when it has a key and succeeded. */
    private IdempotentRequests.Executed execute(Call call, String userId, IfMatch ifMatch, String key,
            String fingerprint) {
        DemoState.Unit<DemoHttp.Response> unit = state.inUnit(() -> toResponse(route(call, userId, ifMatch)),
                response -> key == null || response.status() / 100 != 2 ? List.of()
                        : List.of(new DbWrite.PutIdempotent(userId, key, fingerprint, response.status(),
                                response.body(), System.currentTimeMillis())));
        return new IdempotentRequests.Executed(unit.result(), unit.ticket());
    }

    private static DemoHttp.Response toResponse(Object result) {
        if (result instanceof ListBody list) {
            return DemoHttp.Response.list(200, list).with(SYNC_SEQ_HEADER, Long.toString(list.seq()));
        }
        if (result instanceof DemoHttp.Response response) {
            return response;
        }
        byte[] bytes = result instanceof byte[] json ? json
                : DemoJson.GSON.toJson(result).getBytes(StandardCharsets.UTF_8);
        DemoHttp.Response response = DemoHttp.Response.json(200, bytes);
        if (result instanceof JsonObject object && object.has("version") && object.has("id")) {
            response.with("ETag", "\"" + object.get("version").getAsLong() + "\"");
        }
        return response;
    }

    private Object route(Call call, String userId, IfMatch ifMatch) {
        List<String> s = call.segments();
        String first = s.isEmpty() ? "" : s.get(0);
        switch (first) {
            case "auth" -> {
                if (s.size() == 2 && s.get(1).equals("logout")) {
                    requireMethod(call.method(), "POST");
                    tokens.endSession(authenticate(call.exchange()).sessionId());
                    return Map.of("success", true);
                }
                if (s.size() == 2 && s.get(1).equals("me")) {
                    requireMethod(call.method(), "GET");
                    return state.user(userId);
                }
            }
            case "deals" -> {
                return deals(call, ifMatch);
            }
            case "contacts" -> {
                return contacts(call, ifMatch);
            }
            case "notifications" -> {
                return notifications(call, userId);
            }
            case "sync" -> {
                if (s.size() == 2 && s.get(1).equals("changes")) {
                    requireMethod(call.method(), "GET");
                    return feed.changes(call.query(), userId);
                }
            }
            default -> {
            }
        }
        throw notFound(call);
    }

    private static DemoRequestException notFound(Call call) {
        return DemoRequestException.notFound("no endpoint " + call.method() + " " + BASE_PATH + "/"
                + String.join("/", call.segments()));
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

    private Object deals(Call call, IfMatch ifMatch) {
        List<String> s = call.segments();
        String method = call.method();
        if (s.size() == 1) {
            return switch (method) {
                case "GET" -> state.dealsJson(call.query().get("filter"), call.query().get("search"));
                case "POST" -> state.createDeal(objectBody(call));
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
                case "PUT" -> {
                    JsonObject body = objectBody(call);
                    checkDeal(id, ifMatch);
                    yield state.updateDeal(id, body);
                }
                case "DELETE" -> {
                    checkDeal(id, ifMatch);
                    state.deleteDeal(id);
                    yield Map.of("success", true);
                }
                default -> throw methodNotAllowed(method);
            };
        }
        if (s.size() == 3 && s.get(2).equals("stage")) {
            requireMethod(method, "PATCH");
            DealStage stage = RequestFields.parse(call.body().orElse(null)).requiredStage("stage");
            checkDeal(id, ifMatch);
            return state.changeDealStageByClient(id, stage);
        }
        if (s.size() == 3 && s.get(2).equals("activities")) {
            requireMethod(method, "POST");
            return state.addDealActivity(id, objectBody(call));
        }
        throw notFound(call);
    }

    private void checkDeal(String id, IfMatch ifMatch) {
        if (ifMatch.present()) {
            state.requireDealVersion(id, ifMatch);
        }
    }

    private Object contacts(Call call, IfMatch ifMatch) {
        List<String> s = call.segments();
        String method = call.method();
        if (s.size() == 1) {
            requireMethod(method, "GET");
            return state.contactsJson(call.query().get("filter"), call.query().get("search"));
        }
        String id = s.get(1);
        if (s.size() == 2 && id.equals("stats")) {
            requireMethod(method, "GET");
            return state.contactStats();
        }
        if (s.size() == 2) {
            return switch (method) {
                case "GET" -> state.contact(id);
                case "PUT" -> {
                    JsonObject body = objectBody(call);
                    if (ifMatch.present()) {
                        state.requireContactVersion(id, ifMatch);
                    }
                    yield state.updateContact(id, body);
                }
                default -> throw methodNotAllowed(method);
            };
        }
        if (s.size() == 3 && s.get(2).equals("communication")) {
            requireMethod(method, "POST");
            return state.addCommunication(id, objectBody(call));
        }
        throw notFound(call);
    }

    private Object notifications(Call call, String userId) {
        List<String> s = call.segments();
        String method = call.method();
        Map<String, String> query = call.query();
        if (s.size() == 1) {
            requireMethod(method, "GET");
            Boolean read = query.containsKey("read") ? parseBoolean("read", query.get("read")) : null;
            int limit = query.containsKey("limit") ? parseCount("limit", query.get("limit")) : DEFAULT_NOTIFICATION_LIMIT;
            int offset = query.containsKey("offset") ? parseCount("offset", query.get("offset")) : 0;
            return state.notificationsJson(userId, read, limit, offset);
        }
        if (s.size() == 2 && s.get(1).equals("unread-count")) {
            requireMethod(method, "GET");
            return Map.of("count", state.unreadCount(userId));
        }
        if (s.size() == 3 && s.get(2).equals("read")) {
            requireMethod(method, "PATCH");
            // a bare PATCH without a body marks as read, as most clients expect
            boolean read = call.body().isEmpty()
                    || RequestFields.parse(call.body().get()).optionalBoolean("read").orElse(true);
            return state.markNotificationRead(userId, s.get(1), read);
        }
        throw notFound(call);
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

    private static JsonObject objectBody(Call call) {
        return RequestFields.parse(call.body().orElse(null)).asObject();
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw methodNotAllowed(method);
        }
    }

    private static DemoRequestException methodNotAllowed(String method) {
        return new DemoRequestException(405, "method " + method + " is not allowed here");
    }
}
