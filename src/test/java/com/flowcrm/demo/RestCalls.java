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
    /** One answer: status and the parsed JSON body. */
    record Reply(int status, JsonElement body) {
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json; charset=utf-8");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            return new Reply(response.statusCode(), JsonParser.parseString(response.body()));
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
