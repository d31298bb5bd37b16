package com.flowcrm.cli;

import com.flowcrm.common.DaemonThreads;
import com.flowcrm.common.Failures;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SendSummary;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionException;
import com.flowcrm.store.SessionStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A command's session on the user's local workspace: the stores and dispatcher of the window on a store thread of its
 * own, the same workspace file and outbox as the window, nothing sent in the background (the command sends when it
 * says so). Signs in with the kept session, else with the password; an unreachable server is reported, never worked
 * around. Never signs out: the kept session stays usable.
 */
final class LocalSession implements AutoCloseable {
    /** How one sign-in came out. */
    enum SignIn { SIGNED_IN, NO_USABLE_SIGN_IN, UNREACHABLE }

    private final ExecutorService storeThread;
    private final SessionStore session;
    private final String email;
    private String signInProblem;

    private LocalSession(ExecutorService storeThread, SessionStore session, String email) {
        this.storeThread = storeThread;
        this.session = session;
        this.email = email.trim();
    }

    /**
     * A session against the server options' URLs, on the workspaces of {@code files}; nothing is opened yet. What the
     * local copy must tell the user (a damaged file set aside, a file of a newer version) goes to {@code notes}.
     */
    static LocalSession create(ServerOptions server, Map<String, String> environment, LocalFiles files,
            java.util.function.Consumer<String> notes) {
        SessionConfig config = SessionConfig.of(server.apiUrl(environment), server.wsUrl(environment));
        // what the socket's last status report submits after the command closed the session is dropped, not an error
        ExecutorService storeThread = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), DaemonThreads.named("flow-store"),
                new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
        SessionStore session = new SessionStore(config, new RootStore(storeThread), Clock.systemUTC(), null,
                files.storage());
        session.sendOnlyWhenAsked();
        // registered before anything opens: the notice is set on the store thread after this
        session.root().dispatcher().submit(() -> session.workspaceNoticeProperty().addListener((obs, old, now) -> {
            if (now != null) {
                notes.accept(now);
            }
        }));
        return new LocalSession(storeThread, session, server.email);
    }

    SessionStore session() {
        return session;
    }

    String email() {
        return email;
    }

    boolean hasLocalCopy() {
        return session.hasLocalCopy(email);
    }

    /** Fills the stores from the local copy, no network; false when this user has none on this server. */
    boolean openLocalCopy() throws ExecutionException, TimeoutException, InterruptedException {
        return session.openLocalCopy(email).get(SignedInSession.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Signs in with the kept session, else the password (null: none given). A refused or missing sign-in is
     * {@link SignIn#NO_USABLE_SIGN_IN} with {@link #signInProblem()} saying why; a server that cannot be reached is
     * {@link SignIn#UNREACHABLE}.
     */
    SignIn signIn(String password) throws InterruptedException, TimeoutException {
        try {
            session.loginWithKeptSession(email).get(SignedInSession.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return SignIn.SIGNED_IN;
        } catch (ExecutionException e) {
            if (unreachable(e)) {
                signInProblem = Failures.unwrap(e).getMessage();
                return SignIn.UNREACHABLE;
            }
        }
        if (password == null) {
            signInProblem = "No usable sign-in: no session is kept for " + email + " on this computer; set $"
                    + ServerOptions.PASSWORD_VARIABLE + " or pass --password.";
            return SignIn.NO_USABLE_SIGN_IN;
        }
        try {
            session.login(email, password).get(SignedInSession.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return SignIn.SIGNED_IN;
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            signInProblem = cause instanceof SessionException s && s.kind() == SessionException.Kind.BAD_CREDENTIALS
                    ? "Sign-in refused: wrong email or password." : cause.getMessage();
            return unreachable(e) ? SignIn.UNREACHABLE : SignIn.NO_USABLE_SIGN_IN;
        }
    }

    /** Why the last sign-in did not work. */
    String signInProblem() {
        return signInProblem;
    }

    private static boolean unreachable(ExecutionException e) {
        return Failures.unwrap(e) instanceof SessionException s
                && (s.kind() == SessionException.Kind.UNREACHABLE || s.kind() == SessionException.Kind.SERVER_ERROR
                || s.kind() == SessionException.Kind.PROTOCOL);
    }

    /** Sends the outbox now and says what is left. */
    SendSummary send() throws ExecutionException, TimeoutException, InterruptedException {
        return session.sendPendingNow().get(SignedInSession.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs on the store thread after everything queued so far, and returns what it made. */
    <T> T read(Function<SessionStore, T> reader) throws ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        session.root().dispatcher().submit(() -> {
            try {
                result.complete(reader.apply(session));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(SignedInSession.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs a command on the store thread and waits for its future (a change is then saved in the outbox). */
    <T> T run(Function<SessionStore, CompletableFuture<T>> command)
            throws ExecutionException, TimeoutException, InterruptedException {
        return read(command).get(SignedInSession.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            storeThread.shutdownNow();
        }
    }
}
