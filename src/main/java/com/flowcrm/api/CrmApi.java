package com.flowcrm.api;

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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Flow CRM REST API of {@code rest-api.md} as the stores use it: every call answers with model objects (the
 * JSON is read inside the implementation), fails with an {@link ApiException} that says what kind of failure it
 * was and carries the HTTP status, and completes on a background thread. The implementation keeps the tokens; an
 * authenticated call refused with 401 refreshes them once and is retried once. Writes take {@link WriteOptions}
 * (idempotency key, expected version).
 */
public interface CrmApi {
    /** The most changes one page of {@code /sync/changes} may hold (the protocol's limit). */
    int MAX_CHANGES_PER_PAGE = 5000;

    /** The REST base URL, e.g. {@code http://localhost:4000/api}. */
    String baseUrl();

    // ---- tokens ----------------------------------------------------------------------------------------------

    /** The signed-in user's tokens, or null. */
    AuthTokens tokens();

    /** Uses these tokens from now on (null forgets them); listeners hear of non-null ones. */
    void setTokens(AuthTokens tokens);

    /** Told (on an HTTP thread) whenever sign-in or a refresh produced new tokens. */
    void addTokenListener(Consumer<AuthTokens> listener);

    /**
     * Told (on an HTTP thread) whenever the server answered a request with a status below 500, whatever the answer
     * meant: the server is reachable. Not told for no answer at all, nor for a 5xx, which a proxy gives for a server
     * that is down.
     */
    void addAnswerListener(Runnable listener);

    // ---- auth ------------------------------------------------------------------------------------------------

    /** POST /auth/login: keeps the tokens and answers with the user; 401 (UNAUTHORIZED) for wrong credentials. */
    CompletableFuture<User> login(String email, String password);

    /** POST /auth/refresh with the kept refresh token; concurrent callers share one request. */
    CompletableFuture<AuthTokens> refresh();

    /** POST /auth/logout; the tokens are forgotten whatever the server answers. Never fails. */
    CompletableFuture<Void> logout();

    /** GET /auth/me: the user the kept token belongs to. */
    CompletableFuture<User> me();

    // ---- deals -----------------------------------------------------------------------------------------------

    /**
     * GET /deals: the deals that could be read, and what was skipped (also logged); with the {@code X-Sync-Seq} the
     * list reflects when the server keeps a change log.
     */
    CompletableFuture<MappedList<Deal>> deals();

    /** GET /deals/{id}: the deal with its activities and insights. */
    CompletableFuture<Deal> deal(String id);

    /** PUT /deals/{id} with the fields the change names: the deal as the server saved it. */
    CompletableFuture<Deal> updateDeal(String id, DealChanges changes, WriteOptions options);

    /** PATCH /deals/{id}/stage: the deal with its new stage and probability, when the server answers with one. */
    CompletableFuture<Optional<Deal>> changeStage(String id, DealStage stage, WriteOptions options);

    /** POST /deals/{id}/activities: the activity as the server stored it (with its id). */
    CompletableFuture<DealActivity> addActivity(String dealId, NewActivity activity, WriteOptions options);

    // ---- contacts --------------------------------------------------------------------------------------------

    /** GET /contacts: the contacts that could be read, what was skipped (also logged), and its {@code X-Sync-Seq}. */
    CompletableFuture<MappedList<Contact>> contacts();

    /** GET /contacts/{id}: the contact in full. */
    CompletableFuture<Contact> contact(String id);

    /** PUT /contacts/{id} with the fields the change names: the contact as the server saved it. */
    CompletableFuture<Contact> updateContact(String id, ContactChanges changes, WriteOptions options);

    /** POST /contacts/{id}/communication: the communication as the server stored it (with its id). */
    CompletableFuture<CommunicationEvent> logCommunication(String contactId, NewCommunication communication,
            WriteOptions options);

    // ---- notifications ---------------------------------------------------------------------------------------

    /** GET /notifications: the notifications that could be read, what was skipped (also logged), and its {@code X-Sync-Seq}. */
    CompletableFuture<MappedList<Notification>> notifications();

    /** PATCH /notifications/{id}/read. */
    CompletableFuture<Void> markNotificationRead(String id, boolean read, WriteOptions options);

    // ---- sync (issue 13) -------------------------------------------------------------------------------------

    /**
     * GET /sync/changes?since=&limit=: the next page of the server's change log after {@code since} (exclusive), at
     * most {@code limit} changes (1 to {@link #MAX_CHANGES_PER_PAGE}), each mapped as a live event is. Fails with
     * NOT_FOUND (404) on a server without a change log, with status 410 (REJECTED) when the cursor is older than what
     * the server keeps or from another log, and MALFORMED when the answer is no page that can be placed in the log.
     */
    CompletableFuture<ChangePage> changesSince(long since, int limit);
}
