package com.flowcrm.store;

import com.flowcrm.common.Failures;
import com.flowcrm.model.User;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ways a session starts, for {@link SessionStore}: signing in with a password (the user's local copy opened first
 * so that the reload lands in it; with the server unreachable and a local copy there, the session opens from it and
 * signs in again in the background), resuming a kept session at app start (the local copy shows at once, then it
 * connects), signing in with the kept session (the command line), and from tokens kept elsewhere. Every path loads the
 * lists while the socket connects ({@link StoreSync#loadFirst}) and cleans up after itself when it fails.
 */
final class SessionStart {
    private static final Logger log = LoggerFactory.getLogger(SessionStart.class);

    /** What the paths change in the session; {@code active} and {@code failed} run on the UI thread. */
    interface Host {
        void signingIn(boolean clearReason);

        /** Signed in ({@code liveNow}: the lists are in and the socket connects) or showing the local copy. */
        void active(User user, boolean liveNow);

        void failed(SessionState back);

        /** The server refused the sign-in from the local copy: the session expires (its data stays, read-only). */
        void refused();

        String apiUrl();

        void onUi(Runnable action);
    }

    private final SessionAuth auth;
    private final StoreSync sync;
    private final LiveUpdates live;
    private final OfflineSession offline;
    private final ReconnectLoop reconnects;
    private final Host host;

    SessionStart(SessionAuth auth, StoreSync sync, LiveUpdates live, OfflineSession offline, ReconnectLoop reconnects,
            Host host) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.live = Objects.requireNonNull(live, "live");
        this.offline = Objects.requireNonNull(offline, "offline");
        this.reconnects = Objects.requireNonNull(reconnects, "reconnects");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** @param before the state before (a refused re-sign-in of a read-only session goes back to it) */
    CompletableFuture<User> login(String email, String password, SessionState before) {
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new SessionException(SessionException.Kind.REJECTED, "Enter your email and password."));
        }
        long generation = auth.begin();
        if (generation < 0) {
            return alreadySignedIn();
        }
        OpenWorkspace open = offline.current();
        boolean resuming = open != null && open.id().email().equals(email.strip().toLowerCase(Locale.ROOT));
        host.signingIn(true);
        if (!offline.enabled()) {
            return startLive(auth.signIn(email, password), generation);
        }
        // the workspace first, so that the reload lands in it and the waiting changes are layered before it shows
        CompletableFuture<User> result = new CompletableFuture<>();
        offline.open(host.apiUrl(), email.trim()).whenComplete((ws, openError) ->
                startLive(auth.signIn(email, password), generation, cause -> {
                    if (ReconnectLoop.unreachable(cause) && ws != null && hasData(ws)
                            && offline.opensOfflineWhenUnreachable()) {
                        // the rep works from the local copy; the sign-in is tried again in the background
                        log.info("The server cannot be reached; opening the local copy of {}", ws.id().email());
                        sync.abandonFirst();
                        live.disconnect();
                        auth.forgetTokens();
                        return startFromDisk(generation, () -> auth.signIn(email, password));
                    }
                    return signInFailed(cause, generation, resuming ? before : SessionState.SIGNED_OUT, !resuming);
                }).whenComplete(complete(result)));
        return result;
    }

    CompletableFuture<User> resumeStoredSession(String email) {
        if (!offline.enabled() || email == null || !offline.hasWorkspace(host.apiUrl(), email)) {
            return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.REJECTED,
                    "There is no local copy to open for this user."));
        }
        // the kept session is looked up before the session counts as signing in: without one, a sign-in the rep
        // starts meanwhile is not refused as "already signed in". The board is read from the local copy meanwhile
        // (the credential store can take seconds at first use), and shown only once a kept session is there.
        ReadAhead.Read board = offline.readAhead(host.apiUrl(), email);
        return offline.kept().read(host.apiUrl(), email).thenCompose(token -> {
            if (token.isEmpty()) {
                offline.callOff(board);
                return CompletableFuture.<User>failedFuture(new SessionException(SessionException.Kind.REJECTED,
                        "No kept session to resume."));
            }
            return resumeWith(email, token.get(), board);
        });
    }

    private CompletableFuture<User> resumeWith(String email, String token, ReadAhead.Read board) {
        long generation = auth.begin();
        if (generation < 0) {
            // signed in with the form meanwhile: that sign-in took the workspace read ahead, or it is closed now
            offline.callOff(board);
            return alreadySignedIn();
        }
        host.signingIn(false);
        CompletableFuture<User> result = new CompletableFuture<>();
        offline.open(host.apiUrl(), email).whenComplete((ws, openError) -> {
            Throwable error = openError;
            if (error == null && (ws == null || !hasData(ws))) {
                error = new SessionException(SessionException.Kind.REJECTED, "No kept session to resume.");
            }
            if (error != null) {
                signInFailed(Failures.unwrap(error), generation, SessionState.SIGNED_OUT, true)
                        .whenComplete(complete(result));
                return;
            }
            startFromDisk(generation, () -> auth.resumeWithRefreshToken(token)).whenComplete(complete(result));
        });
        return result;
    }

    CompletableFuture<User> loginWithKeptSession(String email) {
        long generation = auth.begin();
        if (generation < 0) {
            return alreadySignedIn();
        }
        host.signingIn(false);
        CompletableFuture<User> result = new CompletableFuture<>();
        offline.kept().read(host.apiUrl(), email).thenCombine(offline.open(host.apiUrl(), email),
                (token, ws) -> token.orElseThrow(() -> new SessionException(SessionException.Kind.BAD_CREDENTIALS,
                        "No session is kept for " + email + " on this computer.")))
                .whenComplete((token, error) -> {
                    if (error != null) {
                        signInFailed(Failures.unwrap(error), generation, SessionState.SIGNED_OUT, false)
                                .whenComplete(complete(result));
                        return;
                    }
                    startLive(auth.resumeWithRefreshToken(token), generation,
                            cause -> signInFailed(cause, generation, SessionState.SIGNED_OUT, false))
                            .whenComplete(complete(result));
                });
        return result;
    }

    CompletableFuture<User> fetchCurrentUser(String token, String refreshToken) {
        long generation = auth.begin();
        if (generation < 0) {
            return alreadySignedIn();
        }
        host.signingIn(false);
        return startLive(auth.resume(token, refreshToken), generation);
    }

    private static boolean hasData(OpenWorkspace ws) {
        return !ws.created() && ws.onDisk().lastSyncedAt().isPresent();
    }

    /**
     * Connects the WebSocket while the snapshot loads, holding live events back until the snapshot is in the
     * stores, so that nothing sent between the REST load and the connect is lost (the web app connected after
     * loading and could miss those).
     */
    private CompletableFuture<User> startLive(CompletableFuture<User> userFuture, long generation) {
        return startLive(userFuture, generation,
                cause -> signInFailed(cause, generation, SessionState.SIGNED_OUT, offline.current() != null));
    }

    /** {@link #startLive(CompletableFuture, long)} with what to do when the sign-in or the first load fails. */
    private CompletableFuture<User> startLive(CompletableFuture<User> userFuture, long generation,
            Function<Throwable, CompletableFuture<User>> onFailure) {
        CompletableFuture<User> result = new CompletableFuture<>();
        userFuture.thenCompose(user -> {
            offline.signedIn(user);
            return sync.loadFirst(() -> live.connect(auth.accessToken()), () -> {
                if (auth.generation() != generation) {
                    return;
                }
                offline.upToDate();
                host.active(user, true);
                result.complete(user);
            });
        }).whenComplete((snapshot, error) -> {
            if (error != null) {
                onFailure.apply(Failures.unwrap(error)).whenComplete(complete(result));
            }
        });
        return result;
    }

    /**
     * Shows the local copy (state active, mode offline) as soon as its deals are in the stores, then signs in with
     * {@code attempt} in the background, again with backoff while the server cannot be reached.
     */
    private CompletableFuture<User> startFromDisk(long generation, Supplier<CompletableFuture<User>> attempt) {
        CompletableFuture<User> shown = new CompletableFuture<>();
        offline.launch(loaded -> {
            if (auth.generation() != generation) {
                return;
            }
            User user = loaded.user().orElse(null);
            host.active(user, false);
            shown.complete(user);
        }).whenComplete((loaded, error) -> {
            if (error != null) {
                signInFailed(Failures.unwrap(error), generation, SessionState.SIGNED_OUT, true)
                        .whenComplete(complete(shown));
                return;
            }
            if (loaded.user().isEmpty()) {
                signInFailed(new SessionException(SessionException.Kind.REJECTED, "The local copy has no user."),
                        generation, SessionState.SIGNED_OUT, true).whenComplete(complete(shown));
                return;
            }
            reconnects.start(() -> connectFromDisk(generation, attempt),
                    () -> auth.generation() == generation && auth.isActive(), cause -> {
                        log.info("The server refused the sign-in: {}", cause.getMessage());
                        host.refused();
                    });
        });
        return shown;
    }

    /** One sign-in from the local copy: signed in, the lists loaded and reconciled, the socket live. */
    private CompletableFuture<?> connectFromDisk(long generation, Supplier<CompletableFuture<User>> attempt) {
        return attempt.get().thenCompose(user -> {
            offline.signedIn(user);
            return sync.loadFirst(() -> live.connect(auth.accessToken()), () -> {
                if (auth.generation() != generation) {
                    return;
                }
                offline.upToDate();
                host.active(user, true);
                log.info("Connected; the local copy is up to date");
            });
        }).whenComplete((snapshot, error) -> {
            if (error != null && auth.generation() == generation) {
                sync.abandonFirst();
                live.disconnect();
            }
        });
    }

    /** A sign-in that did not work: cleans up; a refused re-sign-in of a read-only session stays read-only. */
    private CompletableFuture<User> signInFailed(Throwable cause, long generation, SessionState back,
            boolean closeWorkspace) {
        log.info("Sign-in failed: {}", cause.getMessage());
        sync.abandonFirst();
        live.disconnect();
        auth.forgetTokens();
        auth.end();
        CompletableFuture<Void> closed = closeWorkspace ? offline.closeKeepingSession()
                : CompletableFuture.completedFuture(null);
        SessionException failure = SessionException.from(cause, true);
        CompletableFuture<User> failed = new CompletableFuture<>();
        closed.whenComplete((ignored, error) -> host.onUi(() -> {
            host.failed(back);
            failed.completeExceptionally(failure);
        }));
        return failed;
    }

    static <T> BiConsumer<T, Throwable> complete(CompletableFuture<T> target) {
        return (value, error) -> {
            if (error != null) {
                target.completeExceptionally(Failures.unwrap(error));
            } else {
                target.complete(value);
            }
        };
    }

    private static CompletableFuture<User> alreadySignedIn() {
        return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.REJECTED, "Already signed in."));
    }
}
