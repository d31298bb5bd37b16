package com.flowcrm.cli;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.AuthTokens;
import com.flowcrm.api.ChangePage;
import com.flowcrm.api.FlowApiClient;
import com.flowcrm.api.MappedList;
import com.flowcrm.common.Failures;
import com.flowcrm.common.UrlRedaction;
import com.flowcrm.model.User;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.realtime.SocketUrls;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Checks a user's connection to the backend step by step and says what to do about the first failure. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check REST, login, token, data, sync mode, WebSocket handshake and round trip, one line per step.",
            "Stops at the first failure with a hint. Exit codes: 0 ok, 2 usage, 3 authentication failed,",
            "4 server unreachable or protocol error."})
public final class DoctorCommand implements Callable<Integer> {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private PrintWriter out;

    public DoctorCommand() {
        this(System.getenv());
    }

    /** For tests: the environment the command reads FLOW_API_URL, FLOW_WS_URL and FLOW_PASSWORD from. */
    public DoctorCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** A failed step: what to print and which exit code. */
    private static final class StepFailed extends Exception {
        final int code;

        StepFailed(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        String password = server.password(environment);
        if (password == null) {
            return CommandFailures.usage(spec, ServerOptions.MISSING_PASSWORD);
        }
        String apiUrl = server.apiUrl(environment);
        String wsUrl = server.wsUrl(environment);
        FlowApiClient api;
        URI ws;
        try {
            api = new FlowApiClient(apiUrl, null);
            ws = RealtimeSettings.requireWebSocketUrl(URI.create(wsUrl));
        } catch (IllegalArgumentException e) {
            return CommandFailures.usage(spec, e.getMessage());
        }
        try {
            checkRest(api.baseUrl());
            User user = login(api, password);
            checkToken(api.tokens());
            checkSync(api, checkData(api));
            checkWebSocket(ws, api.tokens().accessToken());
            ok("All checks passed for " + user.email() + ".");
            return ExitCode.OK;
        } catch (StepFailed failed) {
            out.flush();
            spec.commandLine().getErr().println("doctor: " + failed.getMessage());
            spec.commandLine().getErr().flush();
            return failed.code;
        }
    }

    private void checkRest(String baseUrl) throws StepFailed {
        HttpClient http = HttpClient.newBuilder().connectTimeout(FlowApiClient.CONNECT_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/auth/me")).timeout(STEP_TIMEOUT).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            ok("REST reachable: " + baseUrl + " (HTTP " + response.statusCode() + " on /auth/me in " + millisSince(start) + " ms)");
            response.sslSession().ifPresent(session -> ok("REST TLS: " + describe(session)));
        } catch (java.io.IOException e) {
            fail("REST unreachable: " + baseUrl + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") + ")",
                    ExitCode.UNREACHABLE, "check the URL (FLOW_API_URL / --api), that the server runs, and any proxy or firewall.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("REST check interrupted", ExitCode.UNREACHABLE, "run doctor again.");
        }
    }

    private User login(FlowApiClient api, String password) throws StepFailed {
        long start = System.nanoTime();
        User user = await(api.login(server.email, password), "Login");
        ok("Login: " + server.email + " signed in as " + user.name() + " (" + user.role().wireName() + ") in "
                + millisSince(start) + " ms");
        return user;
    }

    private void checkToken(AuthTokens tokens) throws StepFailed {
        var lifetime = tokens.lifetime();
        if (lifetime.isEmpty()) {
            fail("Token: not a JWT with an expiry", ExitCode.UNREACHABLE,
                    "the server's token has no 'exp' claim; the client cannot refresh it in time.");
        }
        Instant expires = lifetime.get().expiresAt();
        Duration left = Duration.between(Instant.now(), expires);
        if (left.isNegative()) {
            fail("Token: already expired at " + expires, ExitCode.AUTH_FAILED,
                    "the server's clock or token lifetime is wrong (compare the server's time with this machine's).");
        }
        ok("Token: expires " + expires + " (in " + human(left) + ")" + (tokens.refreshToken() == null ? ", no refresh token" : ""));
    }

    /** Loads the lists; answers the lowest {@code X-Sync-Seq} they came with (empty: the server sent none). */
    private OptionalLong checkData(FlowApiClient api) throws StepFailed {
        long start = System.nanoTime();
        MappedList<?> deals = await(api.deals(), "Deals");
        MappedList<?> contacts = await(api.contacts(), "Contacts");
        String skipped = deals.skipped() + contacts.skipped() > 0
                ? " (" + deals.skipped() + " deals and " + contacts.skipped() + " contacts unreadable: see the log)" : "";
        ok("Data: " + deals.values().size() + " deals, " + contacts.values().size() + " contacts loaded in "
                + millisSince(start) + " ms" + skipped);
        if (deals.syncSeq().isEmpty() || contacts.syncSeq().isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.min(deals.syncSeq().getAsLong(), contacts.syncSeq().getAsLong()));
    }

    /**
     * Which way the client catches up after a reconnect (issue 13): from the server's change log when the lists carry
     * {@code X-Sync-Seq} and {@code /sync/changes} answers, else by reloading everything. Either is fine; a change log
     * that answers with an error is a failure (the client could not catch up).
     */
    private void checkSync(FlowApiClient api, OptionalLong listsSeq) throws StepFailed {
        if (listsSeq.isEmpty()) {
            ok("Sync: full reload after reconnect (the lists carry no X-Sync-Seq: the server keeps no change log)");
            return;
        }
        long seq = listsSeq.getAsLong();
        long start = System.nanoTime();
        AtomicReference<ApiException> noLog = new AtomicReference<>();
        ChangePage page = await(api.changesSince(seq, 1).exceptionally(error -> {
            if (Failures.unwrap(error) instanceof ApiException failure
                    && (failure.kind() == ApiException.Kind.NOT_FOUND || failure.status() == 410)) {
                noLog.set(failure);
                return null;
            }
            throw error instanceof CompletionException c ? c : new CompletionException(error);
        }), "Change log (/sync/changes)");
        if (page == null) {
            ApiException failure = noLog.get();
            ok("Sync: full reload after reconnect (/sync/changes answered " + failure.status() + ": "
                    + failure.getMessage() + ")");
            return;
        }
        ok("Sync: resume from change " + seq + " after a reconnect (/sync/changes answered in " + millisSince(start)
                + " ms)");
    }

    private void checkWebSocket(URI ws, String token) throws StepFailed {
        URI withToken = SocketUrls.withToken(ws, token);
        String shown = UrlRedaction.redact(withToken.toString());
        CompletableFuture<Long> pong = new CompletableFuture<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocketClient client = new WebSocketClient(withToken) {
            @Override
            public void onOpen(ServerHandshake handshake) {
            }

            @Override
            public void onMessage(String message) {
            }

            @Override
            public void onWebsocketPong(org.java_websocket.WebSocket conn, Framedata f) {
                pong.complete(System.nanoTime());
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                closed.complete(code + (reason == null || reason.isBlank() ? "" : " " + reason));
            }

            @Override
            public void onError(Exception ex) {
                closed.complete(ex.getClass().getSimpleName() + (ex.getMessage() != null ? ": " + ex.getMessage() : ""));
            }
        };
        client.setConnectionLostTimeout(0);
        try {
            long start = System.nanoTime();
            boolean open = client.connectBlocking(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!open) {
                String why = closed.getNow("no answer within " + STEP_TIMEOUT.toSeconds() + " s");
                if (why.contains("401") || why.contains("403")) {
                    fail("WebSocket handshake refused the token: " + shown + " (" + why + ")", ExitCode.AUTH_FAILED,
                            "the WebSocket server does not accept the REST server's tokens; check that both belong to the same backend.");
                }
                fail("WebSocket unreachable: " + shown + " (" + why + ")", ExitCode.UNREACHABLE,
                        "check the URL (FLOW_WS_URL / --ws), that the WebSocket port is open, and proxies that block WebSocket upgrades.");
            }
            ok("WebSocket handshake: " + shown + " (open in " + millisSince(start) + " ms)");
            if (client.hasSSLSupport()) {
                ok("WebSocket TLS: " + describe(client.getSSLSession()));
            }
            long pingSent = System.nanoTime();
            client.sendPing();
            try {
                long received = pong.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                ok(String.format("Ping round trip: %.1f ms", (received - pingSent) / 1_000_000.0));
            } catch (TimeoutException e) {
                fail("Ping: no pong within " + STEP_TIMEOUT.toSeconds() + " s", ExitCode.UNREACHABLE,
                        "a proxy may swallow WebSocket control frames; live updates would be declared lost and reconnect often.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("WebSocket check interrupted", ExitCode.UNREACHABLE, "run doctor again.");
        } catch (ExecutionException | IllegalArgumentException e) {
            fail("WebSocket check failed: " + e.getMessage(), ExitCode.UNREACHABLE, "run doctor with --verbose and read the log.");
        } finally {
            try {
                client.closeBlocking();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T await(CompletableFuture<T> future, String step) throws StepFailed {
        try {
            return future.get(STEP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof ApiException api) {
                switch (api.kind()) {
                    case UNAUTHORIZED, FORBIDDEN -> fail(step + " refused: " + api.getMessage(), ExitCode.AUTH_FAILED,
                            "check the email and password (FLOW_PASSWORD / --password); the account may be locked.");
                    case UNREACHABLE -> fail(step + ": " + api.getMessage(), ExitCode.UNREACHABLE,
                            "check the URL and that the server runs.");
                    case SERVER_ERROR -> fail(step + ": " + api.getMessage(), ExitCode.UNREACHABLE,
                            "the server failed; its own logs say why.");
                    default -> fail(step + ": " + api.getMessage(), ExitCode.UNREACHABLE,
                            "the server does not answer as the Flow CRM API does; check the URL's path (usually ends in /api).");
                }
            }
            fail(step + " failed: " + cause, ExitCode.UNREACHABLE, "run doctor with --verbose and read the log.");
        } catch (TimeoutException e) {
            fail(step + ": no answer in time", ExitCode.UNREACHABLE, "the server is slow or unreachable.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(step + " interrupted", ExitCode.UNREACHABLE, "run doctor again.");
        }
        throw new IllegalStateException("unreachable");
    }

    private static String describe(SSLSession session) {
        StringBuilder text = new StringBuilder(session.getProtocol() + ", " + session.getCipherSuite());
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate cert) {
                text.append(", certificate ").append(cert.getSubjectX500Principal().getName())
                        .append(" issued by ").append(cert.getIssuerX500Principal().getName())
                        .append(", valid until ").append(cert.getNotAfter().toInstant());
            }
        } catch (SSLPeerUnverifiedException e) {
            text.append(", peer not verified");
        }
        return text.toString();
    }

    private void ok(String line) {
        out.println("[ok]   " + line);
        out.flush();
    }

    private void fail(String line, int code, String hint) throws StepFailed {
        out.println("[FAIL] " + line);
        out.flush();
        throw new StepFailed(code, line + " - " + hint);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String human(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes >= 120) {
            return (minutes / 60) + " h";
        }
        if (minutes >= 1) {
            return minutes + " min";
        }
        return duration.toSeconds() + " s";
    }
}
