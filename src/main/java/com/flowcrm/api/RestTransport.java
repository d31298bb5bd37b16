package com.flowcrm.api;

import com.flowcrm.common.Failures;
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
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@link FlowApiClient}: builds requests against the base URL with the write options as headers,
 * sends them on {@link HttpClient}, parses a 2xx body as JSON and turns everything else into an
 * {@link ApiException} of the right kind with the server's own reason.
 */
final class RestTransport {
    private static final Logger log = LoggerFactory.getLogger(RestTransport.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final String JSON = "application/json; charset=utf-8";
    /** The header with which a list answer says which change of the server's log it reflects (issue 13). */
    static final String SYNC_SEQ_HEADER = "X-Sync-Seq";

    private final URI baseUrl;
    private final HttpClient http;
    private final Gson gson = new Gson();

    RestTransport(String baseUrl, Executor executor) {
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

    URI baseUrl() {
        return baseUrl;
    }

    /** A request to the path below the base URL, JSON both ways. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", JSON);
    }

    /** A write to the path with its options as headers ({@code Idempotency-Key}, {@code If-Match}). */
    HttpRequest.Builder write(String path, String method, JsonElement body, WriteOptions options) {
        HttpRequest.Builder builder = request(path).method(method, bodyOf(body));
        if (options.idempotencyKey() != null) {
            builder.header("Idempotency-Key", options.idempotencyKey());
        }
        if (options.ifMatch() != null) {
            builder.header("If-Match", options.ifMatchHeader());
        }
        return builder;
    }

    HttpRequest.BodyPublisher bodyOf(JsonElement body) {
        return HttpRequest.BodyPublishers.ofString(gson.toJson(body), StandardCharsets.UTF_8);
    }

    /** Sends the request; completes with the parsed body of a 2xx answer ({} when empty), else fails. */
    CompletableFuture<JsonElement> send(HttpRequest.Builder builder) {
        return exchange(builder).thenApply(Answer::body);
    }

    /** Like {@link #send}, with the answer's headers (a list's {@code X-Sync-Seq}). */
    CompletableFuture<Answer> exchange(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        throw transportError(request, Failures.unwrap(error));
                    }
                    return new Answer(parse(request, response), response.headers());
                });
    }

    /** A 2xx answer: its parsed body and its headers. */
    record Answer(JsonElement body, HttpHeaders headers) {
        /**
         * The {@code X-Sync-Seq} header (issue 13): the seq of the latest change the answer reflects; empty when the
         * server sent none (no change log) or sent something that is no seq.
         */
        OptionalLong syncSeq() {
            Optional<String> header = headers.firstValue(SYNC_SEQ_HEADER);
            if (header.isEmpty()) {
                return OptionalLong.empty();
            }
            long seq = MappingValues.wholeNumber(header.get().strip());
            if (seq < 0) {
                log.warn("Ignored an {} header that is not a seq: '{}'", SYNC_SEQ_HEADER, header.get());
                return OptionalLong.empty();
            }
            return OptionalLong.of(seq);
        }
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
        if (status == 412) {
            throw new ApiException(ApiException.Kind.STALE, status,
                    serverMessage != null ? serverMessage : "Someone else changed this meanwhile.");
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

    static JsonObject requireObject(JsonElement json, String what) {
        if (json == null || !json.isJsonObject()) {
            throw new ApiException(ApiException.Kind.MALFORMED, 200, "The " + what + " is not a JSON object.");
        }
        return json.getAsJsonObject();
    }

    static String stringField(JsonObject object, String... names) {
        for (String name : names) {
            JsonElement value = object.get(name);
            if (value != null && value.isJsonPrimitive()) {
                return value.getAsString();
            }
        }
        return null;
    }

    /** An id as one path segment. */
    static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
