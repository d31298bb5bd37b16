package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.AuthTokens;
import com.flowcrm.api.CrmApi;
import com.flowcrm.common.Failures;
import com.flowcrm.model.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who the session is to the server: signing in and out over the {@link CrmApi}, the tokens, and refreshing them
 * at 80% of their life (again after 30 s while the server cannot be reached, until the token expires). A token
 * that cannot be refreshed ends the session through {@code onRefused}. Also the session's life: whether one is
 * active, and a generation number that tells a late answer of an ended session from one of the current session.
 * Any thread.
 */
public final class SessionAuth {
    private static final Logger log = LoggerFactory.getLogger(SessionAuth.class);
    /** What a rep reads when the session ended because the server no longer accepts it. */
    static final String EXPIRED_MESSAGE = "Your session expired. Please sign in again.";
    private static final long MIN_REFRESH_DELAY_MS = 1000;

    private final Function<String, CrmApi> apis;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Consumer<String> onRefused;
    private final List<Consumer<String>> accessTokenListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> refreshTokenListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> answerListeners = new CopyOnWriteArrayList<>();
    /** True while a session is signed in or signing in. */
    private final AtomicBoolean active = new AtomicBoolean();
    private final AtomicLong generation = new AtomicLong();
    private volatile CrmApi api;
    private volatile ScheduledFuture<?> refreshTimer;
    /** True while a local workspace keeps the session usable offline: an unreachable server never ends it. */
    private volatile java.util.function.BooleanSupplier worksOffline = () -> false;

    /**
     * @param apis      the REST client for a base URL
     * @param onRefused ends the session with the reason a rep reads (the token could not be refreshed)
     */
    SessionAuth(Function<String, CrmApi> apis, String apiUrl, Clock clock, ScheduledExecutorService timers,
            Consumer<String> onRefused) {
        this.apis = Objects.requireNonNull(apis, "apis");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
        this.api = watched(apis.apply(apiUrl));
    }

    /** The REST client of the current server. */
    public CrmApi api() {
        return api;
    }

    /** Another server from now on (the sign-in screen's "Server" section); only while signed out. */
    void changeServer(String apiUrl) {
        if (active.get()) {
            throw new IllegalStateException("Sign out before changing the server.");
        }
        api = watched(apis.apply(apiUrl));
    }

    /** Told of every new access token (sign-in or refresh), on the thread that got it. */
    void addAccessTokenListener(Consumer<String> listener) {
        accessTokenListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Told of every refresh token a sign-in or refresh produced (to keep it between runs), on the thread that got it. */
    void addRefreshTokenListener(Consumer<String> listener) {
        refreshTokenListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Told, on an HTTP thread, whenever the current server answered a call of an active session. */
    void addAnswerListener(Runnable listener) {
        answerListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ---- the session's life ------------------------------------------------------------------------------

    /** Starts a session; its generation, or -1 when one is active already. */
    long begin() {
        return active.compareAndSet(false, true) ? generation.incrementAndGet() : -1;
    }

    /** Ends the session (signed out, expired, sign-in failed): no refresh runs any more, late answers are stale. */
    void end() {
        active.set(false);
        generation.incrementAndGet();
        cancelRefresh();
    }

    public boolean isActive() {
        return active.get();
    }

    /** The generation of the session now; a session's work compares it with the one it began with. */
    long generation() {
        return generation.get();
    }

    // ---- calls -------------------------------------------------------------------------------------------

    /** POST /auth/login with the email as typed (trimmed). */
    CompletableFuture<User> signIn(String email, String password) {
        return api.login(email.trim(), password);
    }

    /** Resumes with tokens kept elsewhere: GET /auth/me. */
    CompletableFuture<User> resume(String token, String refreshToken) {
        api.setTokens(new AuthTokens(token, refreshToken));
        return api.me();
    }

    /** POST /auth/logout on the server this session signed in to; never fails. */
    CompletableFuture<Void> signOut() {
        return api.logout();
    }

    /**
     * Resumes with a refresh token kept between runs (the OS credential store): a fresh access token, then GET
     * /auth/me. The refresh token is never logged.
     */
    CompletableFuture<User> resumeWithRefreshToken(String refreshToken) {
        // a placeholder until the refresh answers: only the refresh token is sent with the refresh
        api.setTokens(new AuthTokens("stored-session", refreshToken));
        return api.refresh().thenCompose(fresh -> api.me());
    }

    /** While this says true (a local workspace is open), a refresh that cannot reach the server keeps trying. */
    void setWorksOffline(java.util.function.BooleanSupplier worksOffline) {
        this.worksOffline = Objects.requireNonNull(worksOffline, "worksOffline");
    }

    /** Forgets the tokens (the session ended without the server's word). */
    void forgetTokens() {
        api.setTokens(null);
    }

    /** The access token the live connection opens with. */
    String accessToken() {
        AuthTokens tokens = api.tokens();
        return tokens == null ? null : tokens.accessToken();
    }

    /** A fresh access token for a live connection the server refused: one refresh. */
    CompletableFuture<String> freshAccessToken() {
        return api.refresh().thenApply(AuthTokens::accessToken);
    }

    // ---- token lifetime ----------------------------------------------------------------------------------

    private CrmApi watched(CrmApi client) {
        client.addTokenListener(tokens -> {
            accessTokenListeners.forEach(l -> l.accept(tokens.accessToken()));
            if (tokens.refreshToken() != null && client == api) {
                refreshTokenListeners.forEach(l -> l.accept(tokens.refreshToken()));
            }
            scheduleRefresh(client, tokens);
        });
        client.addAnswerListener(() -> {
            if (client == api && active.get()) {
                answerListeners.forEach(Runnable::run);
            }
        });
        return client;
    }

    private void scheduleRefresh(CrmApi client, AuthTokens tokens) {
        cancelRefresh();
        tokens.lifetime().ifPresent(lifetime -> {
            // at least a second apart: a token whose 80% mark already passed (a very short lifetime, a skewed
            // clock) must not start a refresh loop; a call refused meanwhile refreshes on demand
            long delay = Math.max(MIN_REFRESH_DELAY_MS, Duration.between(clock.instant(), lifetime.refreshAt()).toMillis());
            log.debug("Token refresh scheduled in {} ms (token expires {})", delay, lifetime.expiresAt());
            if (!timers.isShutdown()) {
                refreshTimer = timers.schedule(() -> refreshNow(client, lifetime.expiresAt()), delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void refreshNow(CrmApi client, Instant expiresAt) {
        if (!active.get() || client != api) {
            log.debug("Token refresh skipped: {}", active.get() ? "the server changed" : "not signed in");
            return;
        }
        client.refresh().whenComplete((fresh, error) -> {
            if (error == null) {
                return;
            }
            Throwable cause = Failures.unwrap(error);
            if (cause instanceof ApiException e && e.kind() == ApiException.Kind.UNREACHABLE
                    && (clock.instant().isBefore(expiresAt) || worksOffline.getAsBoolean())) {
                log.info("Token refresh failed ({}); trying again in 30 s", e.getMessage());
                refreshTimer = timers.schedule(() -> refreshNow(client, expiresAt), 30, TimeUnit.SECONDS);
            } else {
                onRefused.accept(EXPIRED_MESSAGE);
            }
        });
    }

    private void cancelRefresh() {
        ScheduledFuture<?> timer = refreshTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
