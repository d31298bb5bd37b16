package com.flowcrm.store;

import com.flowcrm.api.CrmApi;
import com.flowcrm.api.RecordJson;
import com.flowcrm.api.WriteOptions;
import com.flowcrm.common.Failures;
import com.flowcrm.local.FieldChange;
import com.flowcrm.local.OutboxKind;
import com.flowcrm.local.OutboxTarget;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.model.change.NewCommunication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a rep does to the data, for the views: move a deal, save its fields, log an activity or a communication, edit
 * a contact, load a record in full, mark notifications read. Each checks its input first.
 *
 * <p>With a local workspace open (the app, the {@code deal} commands), every change goes through its outbox: it is
 * shown at once as pending, saved on this computer, and the future completes (on the UI executor) once it is saved;
 * sending it, and rolling it back with the server's reason if the server refuses it, happen later
 * ({@link PendingChanges}). It fails only when the change cannot be saved (a full disk: rolled back with the message)
 * or the session is read-only. Without a workspace (a live-only session) a change is shown optimistically where it
 * can be, sent at once, and the future completes with the stores updated or fails with the optimistic change rolled
 * back and a {@link SessionException} a rep can read. Call on the UI thread.
 */
public final class SessionCommands {
    /** Why a change is refused while the server does not accept the session. */
    static final String READ_ONLY_MESSAGE = "Sign in again to make changes: the server no longer accepts your session.";

    private final RootStore root;
    private final Supplier<CrmApi> api;
    private final Consumer<String> onExpired;
    private final Supplier<ChangeRecorder> outbox;
    private final java.util.function.BooleanSupplier readOnly;
    private final PendingChanges pending;

    /**
     * @param api       the REST client of the current server
     * @param onExpired ends the session with the reason a rep reads (the server no longer accepts it)
     */
    public SessionCommands(RootStore root, Supplier<CrmApi> api, Consumer<String> onExpired) {
        this(root, api, onExpired, () -> null, () -> false, new PendingChanges(root));
    }

    /**
     * @param outbox   the outbox of the open workspace, or null while there is none (then changes go straight out)
     * @param readOnly whether the session is read-only (expired with a workspace): changes are refused
     */
    SessionCommands(RootStore root, Supplier<CrmApi> api, Consumer<String> onExpired, Supplier<ChangeRecorder> outbox,
            java.util.function.BooleanSupplier readOnly, PendingChanges pending) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.root = Objects.requireNonNull(root, "root");
        this.api = Objects.requireNonNull(api, "api");
        this.onExpired = Objects.requireNonNull(onExpired, "onExpired");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.readOnly = Objects.requireNonNull(readOnly, "readOnly");
    }

    /** The stores the commands change. */
    public RootStore root() {
        return root;
    }

    /** The changes on their way to the server (their refusals arrive here, after the command's future completed). */
    public PendingChanges pendingChanges() {
        return pending;
    }

    /** Moves a deal at once, asks the server, and moves it back (failing with the reason) if the server refuses. */
    public CompletableFuture<Deal> changeStage(String dealId, DealStage stage) {
        Deal deal = root.deals().byId(dealId);
        if (deal == null) {
            return failedOnUi("This deal no longer exists.");
        }
        if (deal.getStage() == stage) {
            return CompletableFuture.completedFuture(deal);
        }
        ChangeRecorder recorder = outbox.get();
        if (recorder != null || readOnly.getAsBoolean()) {
            DealChanges move = new DealChanges().stage(stage);
            return recordFields(recorder, OutboxKind.STAGE_MOVE, OutboxTarget.deal(dealId),
                    RecordJson.fields(move.inverseOn(deal)), RecordJson.fields(move))
                    .thenApply(saved -> root.deals().byId(dealId));
        }
        LocalEdit edit = root.deals().moveToStage(dealId, stage);
        return call(api.get().changeStage(dealId, stage, WriteOptions.NONE), confirmed -> {
            confirmed.ifPresent(root.deals()::mergeDetails);
            return root.deals().byId(dealId);
        }, edit::rollback);
    }

    /** Saves edited fields of a deal (only the fields the change names); the store takes the server's answer. */
    public CompletableFuture<Deal> updateDeal(String dealId, DealChanges changes) {
        Double value = changes.value();
        if (changes.has(DealChanges.Field.VALUE) && (value == null || value.isNaN() || value < 0)) {
            return failedOnUi("The value must be a number of 0 or more.");
        }
        if (changes.has(DealChanges.Field.TITLE) && changes.title().isBlank()) {
            return failedOnUi("The title cannot be empty.");
        }
        if (changes.has(DealChanges.Field.TITLE)) {
            changes.title(changes.title().trim());
        }
        ChangeRecorder recorder = outbox.get();
        if (recorder != null || readOnly.getAsBoolean()) {
            Deal deal = root.deals().byId(dealId);
            if (deal == null) {
                return failedOnUi("This deal no longer exists.");
            }
            return recordFields(recorder, OutboxKind.DEAL_EDIT, OutboxTarget.deal(dealId),
                    RecordJson.fields(changes.inverseOn(deal)), RecordJson.fields(changes))
                    .thenApply(saved -> root.deals().byId(dealId));
        }
        return call(api.get().updateDeal(dealId, changes, WriteOptions.NONE), saved -> {
            root.deals().mergeDetails(saved);
            return root.deals().byId(dealId);
        }, null);
    }

    /** Logs an activity on a deal; it appears in the timeline when the server has stored it. */
    public CompletableFuture<DealActivity> logActivity(String dealId, NewActivity activity) {
        if (activity.type() == null) {
            return failedOnUi("Choose the kind of activity.");
        }
        if (activity.date() == null) {
            return failedOnUi("Enter the date of the activity.");
        }
        if (activity.description() == null || activity.description().isBlank()) {
            return failedOnUi("Describe the activity.");
        }
        ChangeRecorder recorder = outbox.get();
        if (recorder != null || readOnly.getAsBoolean()) {
            if (root.deals().byId(dealId) == null) {
                return failedOnUi("This deal no longer exists.");
            }
            return recordPayload(recorder, OutboxKind.LOG_ACTIVITY, OutboxTarget.deal(dealId), RecordJson.activity(activity))
                    .thenApply(saved -> new DealActivity(PendingLayering.PENDING_ID_PREFIX + saved.id(), activity.type(),
                            activity.date(), activity.description(), activity.outcome(), activity.nextStep()));
        }
        return call(api.get().addActivity(dealId, activity, WriteOptions.NONE), saved -> {
            root.deals().applyActivity(new DealActivityAdded(dealId, saved));
            return saved;
        }, null);
    }

    /** Fetches a deal with its activities and insights and merges it into the store's instance. */
    public CompletableFuture<Deal> loadDealDetails(String dealId) {
        return call(api.get().deal(dealId), full -> {
            root.deals().mergeDetails(full);
            return root.deals().byId(dealId);
        }, null);
    }

    /** Fetches a contact in full and merges it into the store's instance. */
    public CompletableFuture<Contact> loadContactDetails(String contactId) {
        return call(api.get().contact(contactId), full -> {
            root.contacts().mergeDetails(full);
            return root.contacts().byId(contactId);
        }, null);
    }

    /** Saves edited fields of a contact (only the fields the change names); the store takes the server's answer. */
    public CompletableFuture<Contact> updateContact(String contactId, ContactChanges changes) {
        if (changes.has(ContactChanges.Field.NAME) && ((String) changes.get(ContactChanges.Field.NAME)).isBlank()) {
            return failedOnUi("The name cannot be empty.");
        }
        Contact contact = root.contacts().byId(contactId);
        if (contact == null) {
            return failedOnUi("This contact no longer exists.");
        }
        ChangeRecorder recorder = outbox.get();
        if (recorder != null || readOnly.getAsBoolean()) {
            return recordFields(recorder, OutboxKind.CONTACT_EDIT, OutboxTarget.contact(contactId),
                    RecordJson.fields(changes.inverseOn(contact)), RecordJson.fields(changes))
                    .thenApply(saved -> root.contacts().byId(contactId));
        }
        LocalEdit edit = root.contacts().applyLocal(contactId, changes);
        return call(api.get().updateContact(contactId, changes, WriteOptions.NONE), saved -> {
            root.contacts().mergeDetails(saved);
            return root.contacts().byId(contactId);
        }, edit::rollback);
    }

    /** Logs a communication (email, call, meeting, note) with a contact; it appears in the contact's history. */
    public CompletableFuture<CommunicationEvent> logCommunication(String contactId, NewCommunication communication) {
        if (communication.type() == null) {
            return failedOnUi("Choose the kind of communication.");
        }
        if (communication.date() == null) {
            return failedOnUi("Enter the date of the communication.");
        }
        if (communication.summary() == null || communication.summary().isBlank()) {
            return failedOnUi("Summarize the communication.");
        }
        if (root.contacts().byId(contactId) == null) {
            return failedOnUi("This contact no longer exists.");
        }
        ChangeRecorder recorder = outbox.get();
        if (recorder != null || readOnly.getAsBoolean()) {
            return recordPayload(recorder, OutboxKind.LOG_COMMUNICATION, OutboxTarget.contact(contactId),
                    RecordJson.communication(communication)).thenApply(saved -> new CommunicationEvent(
                            PendingLayering.PENDING_ID_PREFIX + saved.id(), communication.type(), communication.date(),
                            communication.subject(), communication.summary(), null, null));
        }
        return call(api.get().logCommunication(contactId, communication, WriteOptions.NONE), saved -> {
            Contact contact = root.contacts().byId(contactId);
            if (contact != null) {
                List<CommunicationEvent> history = new ArrayList<>(contact.getCommunicationHistory());
                history.add(0, saved);
                root.contacts().applyLocal(contactId, new ContactChanges().communicationHistory(history));
            }
            return saved;
        }, null);
    }

    /** Marks a notification read at once and on the server; it turns unread again if the server refuses. */
    public CompletableFuture<Void> markNotificationRead(String notificationId) {
        Notification notification = root.notifications().byId(notificationId);
        if (notification == null || notification.isRead()) {
            return CompletableFuture.completedFuture(null);
        }
        ChangeRecorder recorder = outbox.get();
        if (recorder != null || readOnly.getAsBoolean()) {
            return recordFields(recorder, OutboxKind.MARK_NOTIFICATION_READ, OutboxTarget.notification(notificationId),
                    Map.of("read", RecordJson.bool(false)), Map.of("read", RecordJson.bool(true)))
                    .thenApply(saved -> null);
        }
        root.notifications().markRead(notificationId);
        return call(api.get().markNotificationRead(notificationId, true, WriteOptions.NONE), ignored -> null,
                () -> notification.setRead(false));
    }

    /** Marks every unread notification read. */
    public CompletableFuture<Void> markAllNotificationsRead() {
        ChangeRecorder recorder = outbox.get();
        if (recorder != null || readOnly.getAsBoolean()) {
            if (root.notifications().getUnreadCount() == 0) {
                return CompletableFuture.completedFuture(null);
            }
            if (recorder == null) {
                return failedReadOnly();
            }
            return recorder.record(OutboxKind.MARK_ALL_READ, OutboxTarget.ALL_NOTIFICATIONS, List.of(), null)
                    .thenApply(saved -> null);
        }
        List<CompletableFuture<Void>> calls = root.notifications().getNotifications().stream()
                .filter(n -> !n.isRead())
                .map(n -> markNotificationRead(n.getId()))
                .toList();
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    /** A field change through the outbox: the fields whose value really changes, each with what the rep saw. */
    private CompletableFuture<com.flowcrm.local.OutboxEntry> recordFields(ChangeRecorder recorder, OutboxKind kind,
            OutboxTarget target, Map<String, String> base, Map<String, String> yours) {
        if (recorder == null) {
            return failedReadOnly();
        }
        List<FieldChange> fields = new ArrayList<>();
        yours.forEach((field, value) -> {
            String was = base.getOrDefault(field, "null");
            if (!was.equals(value)) {
                fields.add(FieldChange.of(field, was, value));
            }
        });
        if (fields.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return recorder.record(kind, target, fields, null);
    }

    private CompletableFuture<com.flowcrm.local.OutboxEntry> recordPayload(ChangeRecorder recorder, OutboxKind kind,
            OutboxTarget target, String payload) {
        return recorder == null ? failedReadOnly() : recorder.record(kind, target, List.of(), payload);
    }

    private static <T> CompletableFuture<T> failedReadOnly() {
        return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.EXPIRED, READ_ONLY_MESSAGE));
    }

    /**
     * Completes on the UI executor: what the answer changes in the stores happens there, a failure runs the
     * rollback there and fails with a SessionException a rep can read (and ends the session when it expired).
     */
    private <A, T> CompletableFuture<T> call(CompletableFuture<A> request, Function<A, T> onSuccess, Runnable rollback) {
        CompletableFuture<T> result = new CompletableFuture<>();
        request.whenComplete((answer, error) -> root.dispatcher().submit(() -> {
            if (error == null) {
                try {
                    result.complete(onSuccess.apply(answer));
                    return;
                } catch (RuntimeException e) {
                    finishFailed(result, e, rollback);
                    return;
                }
            }
            finishFailed(result, Failures.unwrap(error), rollback);
        }));
        return result;
    }

    private <T> void finishFailed(CompletableFuture<T> result, Throwable cause, Runnable rollback) {
        if (rollback != null) {
            rollback.run();
        }
        SessionException failure = SessionException.from(cause, false);
        if (failure.kind() == SessionException.Kind.EXPIRED) {
            onExpired.accept(SessionAuth.EXPIRED_MESSAGE);
        }
        result.completeExceptionally(failure);
    }

    private <T> CompletableFuture<T> failedOnUi(String message) {
        return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.REJECTED, message));
    }
}
