package com.flowcrm.api;

import com.flowcrm.common.Failures;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.model.change.NewCommunication;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CrmApi} over HTTP: asynchronous calls on {@link HttpClient} (through {@link RestTransport}) whose JSON the
 * tolerant {@link JsonMapper} reads into the model on the HTTP executor, so the callers never see JSON. The lists
 * are mapped while they stream in (each on its own thread, so the lists of one load are read in parallel), never
 * as a tree of the whole answer. Keeps the tokens in memory; a 401 on an authenticated call refreshes the token
 * once (shared by concurrent callers) and retries the call once.
 */
public final class FlowApiClient implements CrmApi {
    private static final Logger log = LoggerFactory.getLogger(FlowApiClient.class);
    public static final Duration CONNECT_TIMEOUT = RestTransport.CONNECT_TIMEOUT;
    public static final Duration REQUEST_TIMEOUT = RestTransport.REQUEST_TIMEOUT;

    private final RestTransport transport;
    private final Executor executor;
    private final JsonMapper mapper = JsonMapper.create();
    private final AtomicReference<AuthTokens> tokens = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<AuthTokens>> refreshInFlight = new AtomicReference<>();
    private final List<Consumer<AuthTokens>> tokenListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> answerListeners = new CopyOnWriteArrayList<>();

    /**
     * @param executor runs the HTTP client and the mapping of its answers (so that large lists are read in
     *                 parallel); null uses the HTTP client's own
     */
    public FlowApiClient(String baseUrl, Executor executor) {
        this.transport = new RestTransport(baseUrl, executor, this::serverAnswered);
        this.executor = executor;
    }

    @Override
    public String baseUrl() {
        return transport.baseUrl().toString();
    }

    @Override
    public AuthTokens tokens() {
        return tokens.get();
    }

    @Override
    public void setTokens(AuthTokens newTokens) {
        tokens.set(newTokens);
        if (newTokens != null) {
            tokenListeners.forEach(l -> l.accept(newTokens));
        }
    }

    @Override
    public void addTokenListener(Consumer<AuthTokens> listener) {
        tokenListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void addAnswerListener(Runnable listener) {
        answerListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void serverAnswered() {
        for (Runnable listener : answerListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("An answer listener failed", e);
            }
        }
    }

    // ---- auth ----------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<User> login(String email, String password) {
        JsonObject body = new JsonObject();
        body.addProperty("email", email);
        body.addProperty("password", password);
        return transport.send(transport.request("/auth/login").POST(transport.bodyOf(body))).thenApply(json -> {
            JsonObject response = RestTransport.requireObject(json, "login response");
            String token = RestTransport.stringField(response, "token", "accessToken", "access_token");
            if (token == null) {
                throw new ApiException(ApiException.Kind.MALFORMED, 200, "The login response has no token.");
            }
            setTokens(new AuthTokens(token, RestTransport.stringField(response, "refreshToken", "refresh_token")));
            return required(mapper.user(response.get("user")), "The server's login answer has no usable user: ");
        });
    }

    @Override
    public CompletableFuture<AuthTokens> refresh() {
        CompletableFuture<AuthTokens> mine = new CompletableFuture<>();
        CompletableFuture<AuthTokens> existing = refreshInFlight.compareAndExchange(null, mine);
        if (existing != null) {
            return existing;
        }
        AuthTokens current = tokens.get();
        if (current == null || current.refreshToken() == null) {
            refreshInFlight.set(null);
            mine.completeExceptionally(new ApiException(ApiException.Kind.UNAUTHORIZED, 401,
                    "There is no refresh token: please sign in again."));
            return mine;
        }
        JsonObject body = new JsonObject();
        body.addProperty("refreshToken", current.refreshToken());
        transport.send(transport.request("/auth/refresh").POST(transport.bodyOf(body))).thenApply(json -> {
            JsonObject response = RestTransport.requireObject(json, "refresh response");
            String token = RestTransport.stringField(response, "token", "accessToken", "access_token");
            if (token == null) {
                throw new ApiException(ApiException.Kind.MALFORMED, 200, "The refresh response has no token.");
            }
            String refreshToken = RestTransport.stringField(response, "refreshToken", "refresh_token");
            return new AuthTokens(token, refreshToken != null ? refreshToken : current.refreshToken());
        }).whenComplete((fresh, error) -> {
            // cleared before the listeners hear of the new tokens: a refresh they schedule must start anew,
            // not join this finished one
            refreshInFlight.set(null);
            if (error != null) {
                mine.completeExceptionally(Failures.unwrap(error));
            } else {
                setTokens(fresh);
                mine.complete(fresh);
            }
        });
        return mine;
    }

    @Override
    public CompletableFuture<Void> logout() {
        if (tokens.get() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return authorized(() -> transport.request("/auth/logout").POST(HttpRequest.BodyPublishers.noBody()))
                .handle((json, error) -> {
                    tokens.set(null);
                    if (error != null) {
                        log.info("Logout request failed ({}); the local session ends anyway",
                                Failures.unwrap(error).getMessage());
                    }
                    return null;
                });
    }

    @Override
    public CompletableFuture<User> me() {
        return read(() -> transport.request("/auth/me").GET(),
                json -> required(mapper.user(json), "The server's /auth/me answer is not a user: "));
    }

    // ---- deals ---------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<MappedList<Deal>> deals() {
        return readList(() -> transport.request("/deals").GET(), text -> logged("deals", mapper.streamDeals(text)));
    }

    @Override
    public CompletableFuture<Deal> deal(String id) {
        return read(() -> transport.request("/deals/" + RestTransport.encode(id)).GET(),
                json -> required(mapper.deal(json), "The server's answer is not a deal: "));
    }

    @Override
    public CompletableFuture<Deal> updateDeal(String id, DealChanges changes, WriteOptions options) {
        JsonObject body = mapper.toJson(changes);
        return read(() -> transport.write("/deals/" + RestTransport.encode(id), "PUT", body, options),
                json -> required(mapper.deal(json), "The server's answer is not a deal: "));
    }

    @Override
    public CompletableFuture<Optional<Deal>> changeStage(String id, DealStage stage, WriteOptions options) {
        JsonObject body = new JsonObject();
        body.addProperty("stage", stage.wireName());
        // a server may confirm a move without the deal: the move stands as it was sent
        return read(() -> transport.write("/deals/" + RestTransport.encode(id) + "/stage", "PATCH", body, options),
                json -> mapper.deal(json).toOptional());
    }

    @Override
    public CompletableFuture<DealActivity> addActivity(String dealId, NewActivity activity, WriteOptions options) {
        JsonObject body = mapper.toJson(activity);
        return read(() -> transport.write("/deals/" + RestTransport.encode(dealId) + "/activities", "POST", body, options),
                json -> required(mapper.activity(json), "The server's answer is not an activity: "));
    }

    // ---- contacts ------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<MappedList<Contact>> contacts() {
        return readList(() -> transport.request("/contacts").GET(), text -> logged("contacts", mapper.streamContacts(text)));
    }

    @Override
    public CompletableFuture<Contact> contact(String id) {
        return read(() -> transport.request("/contacts/" + RestTransport.encode(id)).GET(),
                json -> required(mapper.contact(json), "The server's answer is not a contact: "));
    }

    @Override
    public CompletableFuture<Contact> updateContact(String id, ContactChanges changes, WriteOptions options) {
        JsonObject body = mapper.toJson(changes);
        return read(() -> transport.write("/contacts/" + RestTransport.encode(id), "PUT", body, options),
                json -> required(mapper.contact(json), "The server's answer is not a contact: "));
    }

    @Override
    public CompletableFuture<CommunicationEvent> logCommunication(String contactId, NewCommunication communication,
            WriteOptions options) {
        JsonObject body = mapper.toJson(communication);
        return read(() -> transport.write("/contacts/" + RestTransport.encode(contactId) + "/communication", "POST",
                body, options), json -> required(mapper.communication(json), "The server's answer is not a communication: "));
    }

    // ---- notifications -------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<MappedList<Notification>> notifications() {
        return readList(() -> transport.request("/notifications").GET(),
                text -> logged("notifications", mapper.streamNotifications(text)));
    }

    @Override
    public CompletableFuture<Void> markNotificationRead(String id, boolean read, WriteOptions options) {
        JsonObject body = new JsonObject();
        body.addProperty("read", read);
        return read(() -> transport.write("/notifications/" + RestTransport.encode(id) + "/read", "PATCH", body, options),
                json -> null);
    }

    // ---- sync -----------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<ChangePage> changesSince(long since, int limit) {
        if (since < 0 || limit < 1 || limit > CrmApi.MAX_CHANGES_PER_PAGE) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "since must be 0 or more and limit 1 to " + CrmApi.MAX_CHANGES_PER_PAGE + ", were " + since + " and " + limit));
        }
        return read(() -> transport.request("/sync/changes?since=" + since + "&limit=" + limit).GET(),
                json -> required(mapper.changePage(json, since), "The server's /sync/changes answer is not a page of changes: "));
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    /** An authenticated call whose answer is read into the model on the executor. */
    private <T> CompletableFuture<T> read(Supplier<HttpRequest.Builder> request, Function<JsonElement, T> reader) {
        CompletableFuture<JsonElement> answer = authorized(request).thenApply(RestTransport.Answer::body);
        return executor == null ? answer.thenApply(reader) : answer.thenApplyAsync(reader, executor);
    }

    /**
     * A list: an authenticated call whose (large) answer is read into the model while it streams in, on the executor,
     * with the seq of the change log the server says it reflects.
     */
    private <T> CompletableFuture<MappedList<T>> readList(Supplier<HttpRequest.Builder> request,
            Function<Reader, MappedList<T>> reader) {
        return authorized(request, builder -> transport.stream(builder, reader)).thenApply(answer -> {
            OptionalLong seq = answer.syncSeq();
            return seq.isPresent() ? answer.value().withSyncSeq(seq.getAsLong()) : answer.value();
        });
    }

    private CompletableFuture<RestTransport.Answer> authorized(Supplier<HttpRequest.Builder> builder) {
        return authorized(builder, transport::exchange);
    }

    private <T> CompletableFuture<T> authorized(Supplier<HttpRequest.Builder> builder,
            Function<HttpRequest.Builder, CompletableFuture<T>> send) {
        AuthTokens used = tokens.get();
        if (used == null) {
            return CompletableFuture.failedFuture(
                    new ApiException(ApiException.Kind.UNAUTHORIZED, 401, "Not signed in."));
        }
        return send.apply(builder.get().header("Authorization", "Bearer " + used.accessToken()))
                .exceptionallyCompose(error -> {
                    Throwable cause = Failures.unwrap(error);
                    if (!(cause instanceof ApiException api) || api.kind() != ApiException.Kind.UNAUTHORIZED) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    AuthTokens now = tokens.get();
                    CompletableFuture<AuthTokens> fresh = now != null && !now.accessToken().equals(used.accessToken())
                            ? CompletableFuture.completedFuture(now) // someone refreshed meanwhile
                            : refresh();
                    return fresh.thenCompose(t -> send.apply(
                            builder.get().header("Authorization", "Bearer " + t.accessToken())));
                });
    }

    /** A server answer that is not what was asked for is a protocol error, named with the fields that were bad. */
    private static <T> T required(Mapped<T> mapped, String whatItIsNot) {
        if (!mapped.isPresent()) {
            throw new ApiException(ApiException.Kind.MALFORMED, 200, whatItIsNot + mapped.describeProblems());
        }
        return mapped.value();
    }

    /** Items a list answer had that could not be read are left out and said in the log (once per list). */
    private static <T> MappedList<T> logged(String what, MappedList<T> mapped) {
        if (!mapped.isClean()) {
            log.warn("{} {} from the server skipped or partly read: {}", mapped.skipped(), what, mapped.describeProblems());
        }
        return mapped;
    }
}
