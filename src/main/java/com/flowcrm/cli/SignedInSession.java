package com.flowcrm.cli;

import com.flowcrm.common.DaemonThreads;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A headless command's session: the very stores and dispatcher of the desktop window on a store thread of its
 * own, signed in with a time limit per step; reads run on that thread after everything queued so far, so what
 * they see is consistent.
 */
final class SignedInSession implements AutoCloseable {
    /** How long one step (sign-in, a read, sign-out) may take. */
    static final long STEP_TIMEOUT_SECONDS = 120;

    private final ExecutorService storeThread;
    private final RootStore root;
    private final SessionStore session;

    private SignedInSession(ExecutorService storeThread, RootStore root, SessionStore session) {
        this.storeThread = storeThread;
        this.root = root;
        this.session = session;
    }

    /**
     * Signs in with the server options; throws IllegalArgumentException for unusable URLs, and the sign-in's
     * failure (wrapped in ExecutionException) or a timeout.
     */
    static SignedInSession open(ServerOptions server, Map<String, String> environment, String password)
            throws ExecutionException, TimeoutException, InterruptedException {
        SessionConfig config = SessionConfig.of(server.apiUrl(environment), server.wsUrl(environment));
        ExecutorService storeThread = Executors.newSingleThreadExecutor(DaemonThreads.named("flow-store"));
        RootStore root = new RootStore(storeThread);
        SignedInSession signedIn = new SignedInSession(storeThread, root, new SessionStore(config, root));
        try {
            signedIn.session.login(server.email, password).get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return signedIn;
        } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
            signedIn.close();
            throw e;
        }
    }

    SessionStore session() {
        return session;
    }

    /** Runs the reader on the store thread after everything queued so far has been applied. */
    <T> T read(Function<SessionStore, T> reader) throws ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        root.dispatcher().submit(() -> {
            try {
                result.complete(reader.apply(session));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void logout() throws ExecutionException, TimeoutException, InterruptedException {
        session.logout().get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
