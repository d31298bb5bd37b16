package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.CrmApi;
import com.flowcrm.api.Mapped;
import com.flowcrm.api.MappedList;
import com.flowcrm.api.RecordJson;
import com.flowcrm.api.WriteOptions;
import com.flowcrm.common.Failures;
import com.flowcrm.local.ConfirmedRecord;
import com.flowcrm.local.FieldChange;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.OutboxKind;
import com.flowcrm.local.RecordType;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.Notification;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.model.change.NewCommunication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One outbox entry on its way to the server, on the sender's thread: the record is fetched fresh and each field is
 * checked ({@link FieldCheck}) before anything is sent, so the change works against any backend (with or without
 * idempotency keys and versions) and is never applied twice. A stage move follows the same rule. An activity or a
 * communication only adds, so it never conflicts; when an earlier send of it got no answer, the record's list is read
 * first and the change is not sent again when an item of the same type, date and text is there. A 412 (the record
 * changed since the version sent) fetches the record again and checks again. A field change whose earlier send got
 * no answer and that now conflicts is first asked for under its own key ({@link #appliedBefore}).
 */
final class OutgoingChange {
    /** How long one request may take in all (the REST client has its own, shorter, timeouts). */
    private static final long CALL_TIMEOUT_SECONDS = 60;
    private static final int STALE_ROUNDS = 3;

    /** What sending one entry came to. */
    enum Outcome { SENT, ALREADY_APPLIED, CONFLICT, FAILED, RETRY_LATER, UNREACHABLE, REFUSED, GONE }

    /**
     * The server's word on a change that reached it.
     *
     * @param sentSomething whether a write went out (else everything was there already)
     * @param conflicts     field to the server's value (JSON text) for the fields in conflict; empty when none
     * @param confirmed     the records of the server's answer, to keep as confirmed state
     */
    record Result(boolean sentSomething, Map<String, String> conflicts, List<ConfirmedRecord> confirmed,
            ServerAnswer answer) {
    }

    private final CrmApi api;
    private final OutboxEntry entry;
    private final boolean answerUnknown;

    /** @param answerUnknown an earlier send of this entry got no answer: it may be on the server already */
    OutgoingChange(CrmApi api, OutboxEntry entry, boolean answerUnknown) {
        this.api = api;
        this.entry = entry;
        this.answerUnknown = answerUnknown;
    }

    /** Sends it; throws the {@link ApiException} that stopped it (a timeout is an unreachable server). */
    Result send() throws InterruptedException {
        String id = entry.target().id();
        return switch (entry.kind()) {
            case STAGE_MOVE, DEAL_EDIT -> sendDealFields(id);
            case CONTACT_EDIT -> sendContactFields(id);
            case LOG_ACTIVITY -> sendActivity(id);
            case LOG_COMMUNICATION -> sendCommunication(id);
            case MARK_NOTIFICATION_READ -> sendRead(id);
            case MARK_ALL_READ -> sendAllRead();
        };
    }

    /**
     * The options of every write of this entry: the one place they are made. {@code body} is what is sent of the
     * entry's fields: the whole change under its idempotency key, a part of it (some fields were already there or in
     * conflict) under a key derived from the part, since a server answers a key it saw with another body by 422.
     * {@code fresh} is the record as fetched just before (its version goes into If-Match where the model has one).
     */
    static WriteOptions writeOptionsFor(OutboxEntry entry, Map<String, String> body, Object fresh) {
        WriteOptions options = WriteOptions.idempotent(keyFor(entry, body));
        long version = fresh instanceof Deal d ? d.getVersion() : fresh instanceof Contact c ? c.getVersion() : 0;
        // the fields were checked against this version: the server refuses (412) if the record moved on since
        return version > 0 ? options.ifMatch(Long.toString(version)) : options;
    }

    static String keyFor(OutboxEntry entry, Map<String, String> body) {
        String key = entry.idempotencyKey().toString();
        if (body.isEmpty() || body.size() == entry.fields().size()) {
            return key;
        }
        return key + "." + digest(new TreeMap<>(body).toString());
    }

    // ---- field changes -------------------------------------------------------------------------------------

    private Result sendDealFields(String id) throws InterruptedException {
        for (int round = 1; ; round++) {
            Deal fresh = call(api.deal(id));
            FieldCheck check = FieldCheck.of(entry.fields(), RecordJson.fields(DealChanges.of(fresh)));
            if (round == 1 && appliedBefore(check, fresh.getVersion(), (whole, options) -> {
                DealChanges body = read(RecordJson.dealChanges(whole));
                if (entry.kind() == OutboxKind.STAGE_MOVE) {
                    call(api.changeStage(id, body.stage(), options));
                } else {
                    call(api.updateDeal(id, body, options));
                }
            })) {
                return new Result(false, Map.of(), dealRecord(fresh), new ServerAnswer(fresh, null, null, null, List.of()));
            }
            if (check.nothingToSend()) {
                return result(false, check, dealRecord(fresh), new ServerAnswer(fresh, null, null, null, List.of()));
            }
            DealChanges body = read(RecordJson.dealChanges(check.toSend()));
            WriteOptions options = writeOptionsFor(entry, check.toSend(), fresh);
            try {
                Deal saved;
                if (entry.kind() == OutboxKind.STAGE_MOVE) {
                    Optional<Deal> moved = call(api.changeStage(id, body.stage(), options));
                    // a server may confirm a move without the deal: its record is read again
                    saved = moved.isPresent() ? moved.get() : call(api.deal(id));
                } else {
                    saved = call(api.updateDeal(id, body, options));
                }
                return result(true, check, dealRecord(saved), new ServerAnswer(saved, null, null, null, List.of()));
            } catch (ApiException e) {
                if (e.kind() != ApiException.Kind.STALE) {
                    throw e;
                }
                if (round >= STALE_ROUNDS) {
                    Deal now = call(api.deal(id));
                    return stale(FieldCheck.of(entry.fields(), RecordJson.fields(DealChanges.of(now))), dealRecord(now),
                            new ServerAnswer(now, null, null, null, List.of()));
                }
            }
        }
    }

    private Result sendContactFields(String id) throws InterruptedException {
        for (int round = 1; ; round++) {
            Contact fresh = call(api.contact(id));
            FieldCheck check = FieldCheck.of(entry.fields(), RecordJson.fields(ContactChanges.of(fresh)));
            if (round == 1 && appliedBefore(check, fresh.getVersion(),
                    (whole, options) -> call(api.updateContact(id, read(RecordJson.contactChanges(whole)), options)))) {
                return new Result(false, Map.of(), contactRecord(fresh),
                        new ServerAnswer(null, fresh, null, null, List.of()));
            }
            if (check.nothingToSend()) {
                return result(false, check, contactRecord(fresh), new ServerAnswer(null, fresh, null, null, List.of()));
            }
            ContactChanges body = read(RecordJson.contactChanges(check.toSend()));
            try {
                Contact saved = call(api.updateContact(id, body, writeOptionsFor(entry, check.toSend(), fresh)));
                return result(true, check, contactRecord(saved), new ServerAnswer(null, saved, null, null, List.of()));
            } catch (ApiException e) {
                if (e.kind() != ApiException.Kind.STALE) {
                    throw e;
                }
                if (round >= STALE_ROUNDS) {
                    Contact now = call(api.contact(id));
                    return stale(FieldCheck.of(entry.fields(), RecordJson.fields(ContactChanges.of(now))),
                            contactRecord(now), new ServerAnswer(null, now, null, null, List.of()));
                }
            }
        }
    }

    /** A write of the whole change with the given options, for {@link #appliedBefore}. */
    @FunctionalInterface
    private interface WholeWrite {
        void send(Map<String, String> whole, WriteOptions options) throws InterruptedException;
    }

    /**
     * Whether an earlier send of this change reached the server although its answer never came back, and a later
     * change by someone else made its fields look like a conflict (the server now has neither the rep's base nor the
     * rep's value): then it is not a conflict but the rep's change applied and superseded, and sending it again after
     * a "keep mine" would apply it twice. The whole change is written again under its own Idempotency-Key with an
     * If-Match that no version can match (the record's version only grows): a server that stored the first answer
     * replays it and applies nothing, one that never ran the first send refuses with 412 and applies nothing either.
     * Only when the answer was lost, fields conflict and the server versions its records (else it is not asked).
     */
    private boolean appliedBefore(FieldCheck check, long version, WholeWrite write) throws InterruptedException {
        if (!answerUnknown || check.conflicts().isEmpty() || version <= 1) {
            return false;
        }
        Map<String, String> whole = PendingLayering.yours(entry);
        WriteOptions options = WriteOptions.idempotent(keyFor(entry, whole)).ifMatch(Long.toString(version - 1));
        try {
            write.send(whole, options);
            return true;
        } catch (ApiException e) {
            // 412: the first send never ran; 422: that key went with another body (a part of the change)
            if (e.kind() == ApiException.Kind.STALE || e.kind() == ApiException.Kind.REJECTED) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The server kept refusing the write as stale (412) although the fields looked sendable each time: every field
     * still to send becomes a conflict with the server's value, beside the real conflicts, so the rep decides in the
     * pending changes instead of the change being retried for ever.
     */
    private Result stale(FieldCheck check, List<ConfirmedRecord> records, ServerAnswer answer) {
        Map<String, String> conflicts = new TreeMap<>(check.conflicts());
        for (FieldChange f : entry.fields()) {
            if (check.toSend().containsKey(f.field())) {
                // the server's value is still the base the rep saw (the check said so), yet it refused the write
                conflicts.putIfAbsent(f.field(), f.base());
            }
        }
        return new Result(false, Map.copyOf(conflicts), records, answer);
    }

    private static Result result(boolean sent, FieldCheck check, List<ConfirmedRecord> records, ServerAnswer answer) {
        return new Result(sent, check.conflicts(), records, answer);
    }

    // ---- append-only ---------------------------------------------------------------------------------------

    private Result sendActivity(String dealId) throws InterruptedException {
        NewActivity activity = read(RecordJson.readNewActivity(entry.payloadJson()));
        if (answerUnknown) {
            Deal fresh = call(api.deal(dealId));
            for (DealActivity a : fresh.getActivities()) {
                if (PendingActivities.sameActivity(a, activity.type(), activity.date(), activity.description())) {
                    return new Result(false, Map.of(), dealRecord(fresh), new ServerAnswer(fresh, null, a, null, List.of()));
                }
            }
        }
        DealActivity saved = call(api.addActivity(dealId, activity, writeOptionsFor(entry, Map.of(), null)));
        Deal after = readAfter(() -> api.deal(dealId));
        return new Result(true, Map.of(), after == null ? List.of() : dealRecord(after),
                new ServerAnswer(after, null, saved, null, List.of()));
    }

    private Result sendCommunication(String contactId) throws InterruptedException {
        NewCommunication communication = read(RecordJson.readNewCommunication(entry.payloadJson()));
        if (answerUnknown) {
            Contact fresh = call(api.contact(contactId));
            for (CommunicationEvent c : fresh.getCommunicationHistory()) {
                if (PendingActivities.sameCommunication(c, communication.type(), communication.date(),
                        communication.summary())) {
                    return new Result(false, Map.of(), contactRecord(fresh),
                            new ServerAnswer(null, fresh, null, c, List.of()));
                }
            }
        }
        CommunicationEvent saved = call(api.logCommunication(contactId, communication, writeOptionsFor(entry, Map.of(), null)));
        Contact after = readAfter(() -> api.contact(contactId));
        return new Result(true, Map.of(), after == null ? List.of() : contactRecord(after),
                new ServerAnswer(null, after, null, saved, List.of()));
    }

    // ---- notifications -------------------------------------------------------------------------------------

    /** Marking read cannot conflict (the server has it unread, as the rep saw it, or read, as the rep wants it). */
    private Result sendRead(String id) throws InterruptedException {
        call(api.markNotificationRead(id, true, writeOptionsFor(entry, Map.of("read", "true"), null)));
        return new Result(true, Map.of(), List.of(), new ServerAnswer(null, null, null, null, List.of(id)));
    }

    /** Every notification the rep saw (created up to when they clicked) that is still unread on the server. */
    private Result sendAllRead() throws InterruptedException {
        MappedList<Notification> all = call(api.notifications());
        List<String> marked = new ArrayList<>();
        List<String> covered = new ArrayList<>();
        for (Notification n : all.values()) {
            if (n.getCreatedAt() != null && n.getCreatedAt().isAfter(entry.createdAt())) {
                continue;
            }
            covered.add(n.getId());
            if (!n.isRead()) {
                call(api.markNotificationRead(n.getId(), true, writeOptionsFor(entry, Map.of(n.getId(), "true"), null)));
                marked.add(n.getId());
            }
        }
        return new Result(!marked.isEmpty(), Map.of(), List.of(), new ServerAnswer(null, null, null, null, covered));
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private static List<ConfirmedRecord> dealRecord(Deal d) {
        return List.of(new ConfirmedRecord(RecordType.DEAL, d.getId(), RecordJson.deal(d)));
    }

    private static List<ConfirmedRecord> contactRecord(Contact c) {
        return List.of(new ConfirmedRecord(RecordType.CONTACT, c.getId(), RecordJson.contact(c)));
    }

    /** The record after an append that went through: nice to have; its failure must not undo the append. */
    private static <T> T readAfter(java.util.function.Supplier<CompletableFuture<T>> request) throws InterruptedException {
        try {
            return call(request.get());
        } catch (ApiException e) {
            return null;
        }
    }

    /** The entry's own fields or payload, written by this app: unreadable only when the file was edited by hand. */
    private <T> T read(Mapped<T> mapped) {
        if (!mapped.isPresent()) {
            throw new ApiException(ApiException.Kind.REJECTED, 0,
                    "This change cannot be read any more (" + mapped.describeProblems() + ").");
        }
        return mapped.value();
    }

    static <T> T call(CompletableFuture<T> request) throws InterruptedException {
        try {
            return request.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof ApiException api) {
                throw api;
            }
            throw new ApiException(ApiException.Kind.MALFORMED, 0, "Unexpected failure: " + cause, cause);
        } catch (TimeoutException e) {
            request.cancel(true);
            throw new ApiException(ApiException.Kind.UNREACHABLE, 0, "The server did not answer in time.");
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
