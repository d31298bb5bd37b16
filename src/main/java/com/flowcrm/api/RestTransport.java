package com.flowcrm.api;

import com.flowcrm.common.DaemonThreads;
import com.flowcrm.common.Failures;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
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
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@link FlowApiClient}: builds requests against the base URL with the write options as headers,
 * sends them on {@link HttpClient}, parses a 2xx body as JSON (or hands a large one to a reader while it streams in)
 * and turns everything else into an {@link ApiException} of the right kind with the server's own reason. Every
 * request asks for gzip ({@code java.net.http} does not decompress by itself: answers are gunzipped here), which
 * makes a list of 50,000 contacts about a tenth of its 60 MB on the wire.
 */
final class RestTransport {
    private static final Logger log = LoggerFactory.getLogger(RestTransport.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final String JSON = "application/json; charset=utf-8";
    private static final int STREAM_BUFFER = 64 * 1024;
    /** The header with which a list answer says which change of the server's log it reflects (issue 13). */
    static final String SYNC_SEQ_HEADER = "X-Sync-Seq";

    private final URI baseUrl;
    /** Built at the first request: building one loads the default SSLContext (the JDK's trust store, about 0.3 s of
     * CPU), which a client made while the app starts need not do before its window shows. */
    private final HttpClient.Builder httpBuilder;
    private volatile HttpClient http;
    private final Gson gson = new Gson();
    /** Told of every answer below 500 (see {@link CrmApi#addAnswerListener}). */
    private final Runnable answered;
    /**
     * Where a streamed body is read: it blocks while the body arrives, so never on the HTTP client's own threads (the
     * executor given to the constructor): with a bounded one, readers waiting for bytes would hold every thread the
     * client needs to deliver them (the soak's comparison hung that way reading three lists on a 2-thread pool).
     */
    private static final Executor BODY_READERS = Executors.newCachedThreadPool(DaemonThreads.named("flow-http-body"));

    /** @param answered told, on the HTTP thread, of every answer with a status below 500 */
    RestTransport(String baseUrl, Executor executor, Runnable answered) {
        this.baseUrl = parseBaseUrl(baseUrl);
        this.answered = Objects.requireNonNull(answered, "answered");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (executor != null) {
            builder.executor(executor);
        }
        this.httpBuilder = builder;
    }

    /** The HTTP client, built on first use (see {@link #httpBuilder}). */
    HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = httpBuilder.build();
                    http = client;
                }
            }
        }
        return client;
    }

    /** Whether the HTTP client has been built yet (tests). */
    boolean started() {
        return http != null;
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
                .header("Accept-Encoding", "gzip")
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
        return http().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw transportError(request, Failures.unwrap(error));
                    }
                    answered(response);
                    return new Answer(parse(request, response.statusCode(), text(request, response)), response.headers());
                });
    }

    /** A 2xx answer: its parsed body and its headers. */
    record Answer(JsonElement body, HttpHeaders headers) {
        /** The answer's {@code X-Sync-Seq} (see {@link RestTransport#syncSeq}). */
        OptionalLong syncSeq() {
            return RestTransport.syncSeq(headers);
        }
    }

    /** A 2xx answer read while it streamed in: what the reader made of its body, and its headers. */
    record Streamed<T>(T value, HttpHeaders headers) {
        /** The answer's {@code X-Sync-Seq} (see {@link RestTransport#syncSeq}). */
        OptionalLong syncSeq() {
            return RestTransport.syncSeq(headers);
        }
    }

    /**
     * The {@code X-Sync-Seq} header (issue 13): the seq of the latest change the answer reflects; empty when the
     * server sent none (no change log) or sent something that is no seq.
     */
    static OptionalLong syncSeq(HttpHeaders headers) {
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

    /**
     * Sends the request and hands the body of a 2xx answer to {@code reader} while it streams in (gunzipped, as
     * UTF-8 text), on the executor given to the constructor; the answer is what the reader makes of it. An empty
     * body reads as {}, as in {@link #send}; text that is not JSON, a body that cannot be read and every other
     * status fail as they do there.
     */
    <T> CompletableFuture<Streamed<T>> stream(HttpRequest.Builder builder, Function<Reader, T> reader) {
        HttpRequest request = builder.build();
        return http().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .handle((response, error) -> {
                    if (error != null) {
                        throw transportError(request, Failures.unwrap(error));
                    }
                    answered(response);
                    return response;
                })
                .thenApplyAsync(response -> new Streamed<>(readStreamed(request, response, reader), response.headers()),
                        BODY_READERS);
    }

    private void answered(HttpResponse<?> response) {
        if (response.statusCode() < 500) {
            answered.run();
        }
    }

    private <T> T readStreamed(HttpRequest request, HttpResponse<InputStream> response, Function<Reader, T> reader) {
        int status = response.statusCode();
        try (InputStream raw = response.body()) {
            if (status < 200 || status >= 300) {
                parse(request, status, decode(request, response, raw.readAllBytes()));
                throw new IllegalStateException("a failed answer is always thrown above");
            }
            try (IdleBodyLimit watched = new IdleBodyLimit(raw, REQUEST_TIMEOUT)) {
                BufferedInputStream body = new BufferedInputStream(new BodyStream(decoded(request, response, watched)),
                        STREAM_BUFFER);
                if (isBlank(body)) {
                    return reader.apply(new StringReader("{}"));
                }
                return reader.apply(new InputStreamReader(body, StandardCharsets.UTF_8));
            }
        } catch (JsonSyntaxException e) {
            throw notJson(request, status);
        } catch (JsonIOException e) {
            throw bodyFailure(request, status, e.getCause());
        } catch (IOException e) {
            throw bodyFailure(request, status, e);
        } catch (UncheckedIOException e) {
            throw bodyFailure(request, status, e.getCause());
        }
    }

    /** Whether nothing but white space is left (peeked: the stream stays where it was). */
    private static boolean isBlank(BufferedInputStream body) throws IOException {
        body.mark(STREAM_BUFFER);
        try {
            for (int b = body.read(), seen = 1; b >= 0; b = body.read(), seen++) {
                if (!Character.isWhitespace(b) || seen >= STREAM_BUFFER) {
                    return false;
                }
            }
            return true;
        } finally {
            body.reset();
        }
    }

    /** The body as text, gunzipped when the server compressed it. */
    private String text(HttpRequest request, HttpResponse<byte[]> response) {
        byte[] bytes = response.body() == null ? new byte[0] : response.body();
        try {
            return decode(request, response, bytes);
        } catch (IOException e) {
            throw bodyFailure(request, response.statusCode(), e);
        }
    }

    private String decode(HttpRequest request, HttpResponse<?> response, byte[] bytes) throws IOException {
        try (InputStream in = decoded(request, response, new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The body as the server meant it: gunzipped for {@code Content-Encoding: gzip}, as it is without an encoding. */
    private InputStream decoded(HttpRequest request, HttpResponse<?> response, InputStream body) throws IOException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").strip();
        if (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip")) {
            return new GZIPInputStream(body, STREAM_BUFFER);
        }
        if (encoding.isEmpty() || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        log.warn("{} {} answered in an encoding that was not asked for: {}", request.method(), path(request), encoding);
        throw new ApiException(ApiException.Kind.MALFORMED, response.statusCode(),
                "The server at " + baseUrl + " answered in an encoding the app cannot read (" + encoding + ").");
    }

    private ApiException notJson(HttpRequest request, int status) {
        log.warn("{} {} answered {} with a body that is not JSON", request.method(), path(request), status);
        return new ApiException(ApiException.Kind.MALFORMED, status,
                "The server at " + baseUrl + " answered with something that is not JSON.");
    }

    /** A body that could not be read to its end: broken compression is the server's fault, the rest the network's. */
    private ApiException bodyFailure(HttpRequest request, int status, Throwable error) {
        Throwable cause = error instanceof BodyStream.Failure failure ? failure.getCause() : error;
        if (cause instanceof ZipException) {
            log.warn("{} {} answered {} with a compressed body that cannot be read: {}", request.method(), path(request),
                    status, cause.getMessage());
            return new ApiException(ApiException.Kind.MALFORMED, status,
                    "The server at " + baseUrl + " answered with a compressed body that cannot be read.");
        }
        if (cause instanceof ApiException api) {
            return api;
        }
        return transportError(request, cause);
    }

    private JsonElement parse(HttpRequest request, int status, String body) {
        if (status >= 200 && status < 300) {
            if (body.isBlank()) {
                return new JsonObject();
            }
            try {
                return JsonParser.parseString(body);
            } catch (JsonParseException e) {
                throw notJson(request, status);
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

    /**
     * The body as it comes off the connection (gunzipped): its read failures are marked, so that they are told apart
     * from the JSON reader's own complaints (an {@link java.io.EOFException} from a cut-off gzip stream is the
     * network's, one from the JSON reader means the text ended too early).
     */
    private static final class BodyStream extends FilterInputStream {
        /** A failure of the body's stream, not of the text in it. */
        static final class Failure extends IOException {
            Failure(IOException cause) {
                super(cause.getMessage(), cause);
            }
        }

        BodyStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new Failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new Failure(e);
            }
        }
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
