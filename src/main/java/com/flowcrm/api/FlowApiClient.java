package com.flowcrm.api;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flow CRM REST API of {@code rest-api.md}: asynchronous calls on {@link HttpClient} that answer with
 * JSON trees, typed through the caller's mapper. Keeps the tokens in memory; a 401 on an authenticated call
 * refreshes the token once (shared by concurrent callers) and retries the call once.
 */
public final class FlowApiClient {
    private static final Logger log = LoggerFactory.getLogger(FlowApiClient.class);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final String JSON = "application/json; charset=utf-8";

    private final URI baseUrl;
    private final HttpClient http;
    private final Gson gson = new Gson();
    private final AtomicReference<AuthTokens> tokens = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<AuthTokens>> refreshInFlight = new AtomicReference<>();
    private final List<Consumer<AuthTokens>> tokenListeners = new CopyOnWriteArrayList<>();

    public FlowApiClient(String baseUrl, Executor executor) {
        this.baseUrl = parseBaseUrl(baseUrl);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (executor != null) {
            builder.executor(executor);
        }
        this.http = builder.build();
    }

    private static URI parseBaseUrl(String url) {
        Objects.requireNonNull(url, "baseUrl");
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a valid server URL: " + url);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("The server URL must start with http:// or https://: " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The server URL has no host: " + url);
        }
        return uri;
    }

    public String baseUrl() {
        return baseUrl.toString();
    }

    public AuthTokens tokens() {
        return tokens.get();
    }

    public void setTokens(AuthTokens newTokens) {
        tokens.set(newTokens);
        if (newTokens != null) {
            tokenListeners.forEach(l -> l.accept(newTokens));
        }
    }

    /** Called (on an HTTP thread) whenever login or a refresh produced new tokens. */
    public void addTokenListener(Consumer<AuthTokens> listener) {
        tokenListeners.add(listener);
    }

    // ---- auth ----------------------------------------------------------------------------------------

    /** POST /auth/login; on success the tokens are kept and the whole response ({user, token, refreshToken}) returned. */
    public CompletableFuture<JsonObject> login(String email, String password) {
        JsonObject body = new JsonObject();
        body.addProperty("email", email);
        body.addProperty("password", password);
        return send(request("/auth/login").POST(bodyOf(body)), false).thenApply(json -> {
            JsonObject response = requireObject(json, "login response");
            String token = stringField(response, "token", "accessToken", "access_token");
            if (token == null) {
                throw new ApiException(ApiException.Kind.MALFORMED, 200, "The login response has no token.");
            }
            setTokens(new AuthTokens(token, stringField(response, "refreshToken", "refresh_token")));
            return response;
        });
    }

    /** POST /auth/refresh with the kept refresh token; concurrent callers share one request. */
    public CompletableFuture<AuthTokens> refresh() {
        CompletableFuture<AuthTokens> mine = new CompletableFuture<>();
        CompletableFuture<AuthTokens> existing = refreshInFlight.compareAndExchange(null, mine);
        if (existing != null) {
            return existing;
        }
        AuthTokens current = tokens.get();
        if (current == null || current.refreshToken() == null) {
            refreshInFlight.set(null);
            mine.completeExceptionally(new ApiException(ApiException.Kind.UNAUTHORIZED, 401,
                    "There is no refresh token: please sign in again."));
            return mine;
        }
        JsonObject body = new JsonObject();
        body.addProperty("refreshToken", current.refreshToken());
        send(request("/auth/refresh").POST(bodyOf(body)), false).thenApply(json -> {
            JsonObject response = requireObject(json, "refresh response");
            String token = stringField(response, "token", "accessToken", "access_token");
            if (token == null) {
                throw new ApiException(ApiException.Kind.MALFORMED, 200, "The refresh response has no token.");
            }
            String refreshToken = stringField(response, "refreshToken", "refresh_token");
            return new AuthTokens(token, refreshToken != null ? refreshToken : current.refreshToken());
        }).whenComplete((fresh, error) -> {
            // cleared before the listeners hear of the new tokens: a refresh they schedule must start anew,
            // not join this finished one
            refreshInFlight.set(null);
            if (error != null) {
                mine.completeExceptionally(unwrap(error));
            } else {
                setTokens(fresh);
                mine.complete(fresh);
            }
        });
        return mine;
    }

    /** POST /auth/logout; the tokens are forgotten whatever the server answers. */
    public CompletableFuture<Void> logout() {
        if (tokens.get() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return authorized(() -> request("/auth/logout").POST(HttpRequest.BodyPublishers.noBody()))
                .handle((json, error) -> {
                    tokens.set(null);
                    if (error != null) {
                        log.info("Logout request failed ({}); the local session ends anyway", unwrap(error).getMessage());
                    }
                    return null;
                });
    }

    public CompletableFuture<JsonElement> me() {
        return authorized(() -> request("/auth/me").GET());
    }

    // ---- deals ---------------------------------------------------------------------------------------

    public CompletableFuture<JsonElement> deals() {
        return authorized(() -> request("/deals").GET());
    }

    public CompletableFuture<JsonElement> deal(String id) {
        return authorized(() -> request("/deals/" + encode(id)).GET());
    }

    public CompletableFuture<JsonElement> updateDeal(String id, JsonObject changes) {
        return authorized(() -> request("/deals/" + encode(id)).PUT(bodyOf(changes)));
    }

    public CompletableFuture<JsonElement> changeStage(String id, String stageWireName) {
        JsonObject body = new JsonObject();
        body.addProperty("stage", stageWireName);
        return authorized(() -> request("/deals/" + encode(id) + "/stage").method("PATCH", bodyOf(body)));
    }

    public CompletableFuture<JsonElement> addActivity(String dealId, JsonObject activity) {
        return authorized(() -> request("/deals/" + encode(dealId) + "/activities").POST(bodyOf(activity)));
    }

    // ---- contacts ------------------------------------------------------------------------------------

    public CompletableFuture<JsonElement> contacts() {
        return authorized(() -> request("/contacts").GET());
    }

    public CompletableFuture<JsonElement> contact(String id) {
        return authorized(() -> request("/contacts/" + encode(id)).GET());
    }

    // ---- notifications -------------------------------------------------------------------------------

    public CompletableFuture<JsonElement> notifications() {
        return authorized(() -> request("/notifications").GET());
    }

    public CompletableFuture<JsonElement> markNotificationRead(String id, boolean read) {
        JsonObject body = new JsonObject();
        body.addProperty("read", read);
        return authorized(() -> request("/notifications/" + encode(id) + "/read").method("PATCH", bodyOf(body)));
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", JSON);
    }

    private HttpRequest.BodyPublisher bodyOf(JsonElement body) {
        return HttpRequest.BodyPublishers.ofString(gson.toJson(body), StandardCharsets.UTF_8);
    }

    private CompletableFuture<JsonElement> authorized(java.util.function.Supplier<HttpRequest.Builder> builder) {
        AuthTokens used = tokens.get();
        if (used == null) {
            return CompletableFuture.failedFuture(
                    new ApiException(ApiException.Kind.UNAUTHORIZED, 401, "Not signed in."));
        }
        return send(builder.get().header("Authorization", "Bearer " + used.accessToken()), true)
                .exceptionallyCompose(error -> {
                    Throwable cause = unwrap(error);
                    if (!(cause instanceof ApiException api) || api.kind() != ApiException.Kind.UNAUTHORIZED) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    AuthTokens now = tokens.get();
                    CompletableFuture<AuthTokens> fresh = now != null && !now.accessToken().equals(used.accessToken())
                            ? CompletableFuture.completedFuture(now) // someone refreshed meanwhile
                            : refresh();
                    return fresh.thenCompose(t -> send(
                            builder.get().header("Authorization", "Bearer " + t.accessToken()), true));
                });
    }

    private CompletableFuture<JsonElement> send(HttpRequest.Builder builder, boolean authenticated) {
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        throw transportError(request, unwrap(error));
                    }
                    return parse(request, response);
                });
    }

    private JsonElement parse(HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            if (body.isBlank()) {
                return new JsonObject();
            }
            try {
                return JsonParser.parseString(body);
            } catch (JsonParseException e) {
                log.warn("{} {} answered {} with a body that is not JSON", request.method(), path(request), status);
                throw new ApiException(ApiException.Kind.MALFORMED, status,
                        "The server at " + baseUrl + " answered with something that is not JSON.");
            }
        }
        String serverMessage = serverMessage(body);
        log.info("{} {} -> {} {}", request.method(), path(request), status, serverMessage == null ? "" : serverMessage);
        if (status == 401) {
            throw new ApiException(ApiException.Kind.UNAUTHORIZED, status,
                    serverMessage != null ? serverMessage : "Not authorized.");
        }
        if (status == 403) {
            throw new ApiException(ApiException.Kind.FORBIDDEN, status,
                    serverMessage != null ? serverMessage : "You are not allowed to do this.");
        }
        if (status == 404) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, status,
                    serverMessage != null ? serverMessage : "Not found on the server.");
        }
        if (status >= 500) {
            throw new ApiException(ApiException.Kind.SERVER_ERROR, status,
                    "The server had a problem (HTTP " + status + ")" + (serverMessage != null ? ": " + serverMessage : "."));
        }
        throw new ApiException(ApiException.Kind.REJECTED, status,
                serverMessage != null ? serverMessage : "The server refused the request (HTTP " + status + ").");
    }

    private ApiException transportError(HttpRequest request, Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        String what;
        if (error instanceof HttpConnectTimeoutException) {
            what = "timed out connecting";
        } else if (error instanceof HttpTimeoutException) {
            what = "did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        } else if (error instanceof SSLException) {
            what = "refused the secure connection (" + error.getMessage() + ")";
        } else if (error instanceof ConnectException) {
            what = "refused the connection";
        } else if (error instanceof IOException) {
            what = "could not be reached (" + error.getClass().getSimpleName()
                    + (error.getMessage() != null ? ": " + error.getMessage() : "") + ")";
        } else {
            return new ApiException(ApiException.Kind.UNREACHABLE, 0,
                    "The request to " + baseUrl + " failed: " + error, error);
        }
        log.info("{} {} failed: {}", request.method(), path(request), what);
        return new ApiException(ApiException.Kind.UNREACHABLE, 0, "Cannot reach the server at " + baseUrl + ": it " + what + ".", error);
    }

    private static String path(HttpRequest request) {
        return request.uri().getPath();
    }

    private static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonElement json = JsonParser.parseString(body);
            if (json.isJsonObject()) {
                String message = stringField(json.getAsJsonObject(), "error", "message");
                if (message != null) {
                    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
                }
            }
        } catch (JsonParseException e) {
            // not JSON: no message to show
        }
        return null;
    }

    private static JsonObject requireObject(JsonElement json, String what) {
        if (json == null || !json.isJsonObject()) {
            throw new ApiException(ApiException.Kind.MALFORMED, 200, "The " + what + " is not a JSON object.");
        }
        return json.getAsJsonObject();
    }

    private static String stringField(JsonObject object, String... names) {
        for (String name : names) {
            JsonElement value = object.get(name);
            if (value != null && value.isJsonPrimitive()) {
                return value.getAsString();
            }
        }
        return null;
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Unwraps CompletionException layers to the real failure. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof java.util.concurrent.ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
