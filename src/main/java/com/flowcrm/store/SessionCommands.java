package com.flowcrm.store;

import com.flowcrm.api.CrmApi;
import com.flowcrm.api.WriteOptions;
import com.flowcrm.common.Failures;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a rep does to the data, for the views: move a deal, save its fields, log an activity, load a record in
 * full, mark notifications read. Each checks its input, shows an optimistic change at once where it has one,
 * asks the server through the {@link CrmApi}, and completes on the UI executor with the stores updated (or the
 * optimistic change rolled back and a {@link SessionException} a rep can read). Call on the UI thread.
 */
public final class SessionCommands {
    private final RootStore root;
    private final Supplier<CrmApi> api;
    private final Consumer<String> onExpired;

    /**
     * @param api       the REST client of the current server
     * @param onExpired ends the session with the reason a rep reads (the server no longer accepts it)
     */
    public SessionCommands(RootStore root, Supplier<CrmApi> api, Consumer<String> onExpired) {
        this.root = Objects.requireNonNull(root, "root");
        this.api = Objects.requireNonNull(api, "api");
        this.onExpired = Objects.requireNonNull(onExpired, "onExpired");
    }

    /** The stores the commands change. */
    public RootStore root() {
        return root;
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

    /** Marks a notification read at once and on the server; it turns unread again if the server refuses. */
    public CompletableFuture<Void> markNotificationRead(String notificationId) {
        Notification notification = root.notifications().byId(notificationId);
        if (notification == null || notification.isRead()) {
            return CompletableFuture.completedFuture(null);
        }
        root.notifications().markRead(notificationId);
        return call(api.get().markNotificationRead(notificationId, true, WriteOptions.NONE), ignored -> null,
                () -> notification.setRead(false));
    }

    /** Marks every unread notification read. */
    public CompletableFuture<Void> markAllNotificationsRead() {
        List<CompletableFuture<Void>> calls = root.notifications().getNotifications().stream()
                .filter(n -> !n.isRead())
                .map(n -> markNotificationRead(n.getId()))
                .toList();
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
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
