package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small java.net.http client for the demo REST API, as a real client would call it. */
final class RestCalls implements AutoCloseable {
    /** One answer: status, the parsed JSON body and the headers. */
    record Reply(int status, JsonElement body, java.net.http.HttpHeaders headers) {
        Reply(int status, JsonElement body) {
            this(status, body, java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true));
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonObject object() {
            return body.getAsJsonObject();
        }

        String error() {
            return object().get("error").getAsString();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RestCalls(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply call(String method, String path, String token, String body) {
        return call(method, path, token, body, java.util.Map.of());
    }

    /** A call with extra request headers (Idempotency-Key, If-Match, Accept-Encoding...). */
    Reply call(String method, String path, String token, String body, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json; charset=utf-8");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            byte[] bytes = response.body();
            if (response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent()) {
                try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
            return new Reply(response.statusCode(), JsonParser.parseString(
                    new String(bytes, java.nio.charset.StandardCharsets.UTF_8)), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    /** Logs in and returns the login reply's body ({user, token, refreshToken}). */
    JsonObject login(String email, String password) {
        Reply reply = call("POST", "/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(reply.status()).as("login of %s", email).isEqualTo(200);
        return reply.object();
    }

    String loginToken(String email) {
        return login(email, DemoServer.DEMO_PASSWORD).get("token").getAsString();
    }

    @Override
    public void close() {
        http.close();
    }
}
