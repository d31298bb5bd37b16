package com.flowcrm.soak;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The soak's own REST calls, straight to the demo server (never through the fault proxy): the auditor reading the
 * change log and the colleague deleting deals. Signs in as one user and signs in again when the token is refused.
 */
final class DirectRest {
    /** One answer. */
    record Reply(int status, JsonElement body, String syncSeq) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Supplier<String> apiUrl;
    private final String email;
    private final String password;
    private volatile String token;

    DirectRest(Supplier<String> apiUrl, String email, String password) {
        this.apiUrl = apiUrl;
        this.email = email;
        this.password = password;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return authorized("GET", path);
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return authorized("DELETE", path);
    }

    private Reply authorized(String method, String path) throws IOException, InterruptedException {
        if (token == null) {
            signIn();
        }
        Reply reply = send(method, path, null, token);
        if (reply.status() == 401) {
            signIn();
            reply = send(method, path, null, token);
        }
        return reply;
    }

    private void signIn() throws IOException, InterruptedException {
        JsonObject body = new JsonObject();
        body.addProperty("email", email);
        body.addProperty("password", password);
        Reply reply = send("POST", "/auth/login", body.toString(), null);
        if (!reply.ok()) {
            throw new IOException("sign-in of " + email + " answered " + reply.status());
        }
        token = reply.body().getAsJsonObject().get("token").getAsString();
    }

    private Reply send(String method, String path, String body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl.get() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String text = response.body();
        JsonElement json = text == null || text.isBlank() ? new JsonObject() : JsonParser.parseString(text);
        return new Reply(response.statusCode(), json, response.headers().firstValue("X-Sync-Seq").orElse(null));
    }
}
