package com.flowcrm.soak;

import com.flowcrm.api.CrmApi;
import com.flowcrm.api.MappedList;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.store.RootStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A client's stores against the server's REST state, field by field: every deal and contact field (as the
 * {@code DealChanges}/{@code ContactChanges} of a whole record name them) and each notification's read flag. A
 * record one side has and the other has not counts all its fields. Read from the server first, compared on the
 * store thread (where the stores live) with the server quiet (no simulator, no other writes). The server's
 * notification list is its newest page: a client that heard of more since it loaded holds older ones too, which are
 * compared with the server's full list (a notification the server does not have at all is extra).
 */
final class StoreComparison {
    private static final int EXAMPLES = 20;

    /** How many fields differ, in how many records, and the first few differences. */
    record Result(long fieldsCompared, long diffFields, int missingRecords, int extraRecords, List<String> examples) {
    }

    private StoreComparison() {
    }

    /**
     * @param allNotifications every notification of the user on the server (beyond the list's page), by id, with the
     *                         fields compared ({@link #notificationFields})
     */
    static Result compare(CrmApi server, RootStore root, Executor storeThread,
            Map<String, Map<String, Object>> allNotifications) throws Exception {
        CompletableFuture<MappedList<Deal>> deals = server.deals();
        CompletableFuture<MappedList<Contact>> contacts = server.contacts();
        CompletableFuture<MappedList<Notification>> notifications = server.notifications();
        List<Deal> serverDeals = deals.get(2, TimeUnit.MINUTES).values();
        List<Contact> serverContacts = contacts.get(2, TimeUnit.MINUTES).values();
        List<Notification> serverNotifications = notifications.get(2, TimeUnit.MINUTES).values();
        CompletableFuture<Result> result = new CompletableFuture<>();
        storeThread.execute(() -> {
            try {
                Tally tally = new Tally();
                tally.records("deal", serverDeals, root.deals().getDeals(), Deal::getId,
                        d -> fields(DealChanges.of(d)), Map.of());
                tally.records("contact", serverContacts, root.contacts().getContacts(), Contact::getId,
                        c -> fields(ContactChanges.of(c)), Map.of());
                tally.records("notification", serverNotifications, root.notifications().getNotifications(),
                        Notification::getId, n -> notificationFields(n.isRead(), n.getTitle()), allNotifications);
                result.complete(tally.result());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(2, TimeUnit.MINUTES);
    }

    /** The fields of a notification compared. */
    static Map<String, Object> notificationFields(boolean read, String title) {
        return Map.of("read", read, "title", String.valueOf(title));
    }

    private static <F extends Enum<F>> Map<String, Object> fields(com.flowcrm.model.change.FieldPatch<F, ?, ?> patch) {
        Map<String, Object> values = new HashMap<>();
        for (F field : patch.fields()) {
            values.put(field.name(), patch.get(field));
        }
        return values;
    }

    /** Counts as it goes. */
    private static final class Tally {
        private long compared;
        private long differing;
        private int missing;
        private int extra;
        private final List<String> examples = new ArrayList<>();

        /** @param beyondPage records on the server that its list left out (by id, their fields) */
        <T> void records(String type, List<T> onServer, List<T> inStore, Function<T, String> id,
                Function<T, Map<String, Object>> fieldsOf, Map<String, Map<String, Object>> beyondPage) {
            Map<String, T> mine = new HashMap<>();
            for (T item : inStore) {
                mine.put(id.apply(item), item);
            }
            for (T theirs : onServer) {
                Map<String, Object> serverFields = fieldsOf.apply(theirs);
                T local = mine.remove(id.apply(theirs));
                compared += serverFields.size();
                if (local == null) {
                    missing++;
                    differing += serverFields.size();
                    example(type + " " + id.apply(theirs) + " is on the server, not in the client's store");
                    continue;
                }
                compareFields(type, id.apply(theirs), serverFields, fieldsOf.apply(local));
            }
            for (T leftover : mine.values()) {
                Map<String, Object> onServerBeyondPage = beyondPage.get(id.apply(leftover));
                if (onServerBeyondPage != null) {
                    compared += onServerBeyondPage.size();
                    compareFields(type, id.apply(leftover), onServerBeyondPage, fieldsOf.apply(leftover));
                    continue;
                }
                extra++;
                differing += fieldsOf.apply(leftover).size();
                example(type + " " + id.apply(leftover) + " is in the client's store, not on the server");
            }
        }

        private void compareFields(String type, String id, Map<String, Object> serverFields,
                Map<String, Object> localFields) {
            serverFields.forEach((field, value) -> {
                if (!Objects.equals(value, localFields.get(field))) {
                    differing++;
                    example(type + " " + id + " " + field + ": client " + shorten(localFields.get(field))
                            + ", server " + shorten(value));
                }
            });
        }

        private void example(String text) {
            if (examples.size() < EXAMPLES) {
                examples.add(text);
            }
        }

        private static String shorten(Object value) {
            String text = String.valueOf(value);
            return text.length() > 160 ? text.substring(0, 160) + "..." : text;
        }

        Result result() {
            return new Result(compared, differing, missing, extra, List.copyOf(examples));
        }
    }
}
