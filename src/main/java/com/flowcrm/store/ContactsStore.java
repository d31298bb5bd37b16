package com.flowcrm.store;

import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.ContactUpdate;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;

/**
 * The contacts, with O(1) lookup by id, a live view filtered, searched and sorted by health (weakest relationship
 * first, so the ones needing attention lead), and stats. Mutated on the UI thread only (through the
 * {@link EventDispatcher}); the view and stats are updated incrementally for the contacts a batch touched.
 */
public final class ContactsStore extends EntityStore<Contact, ContactsStore.ContactEntry, ContactChanges, ContactFilter> {
    /** Where a contact sits in the health view: score, then name, then id so that no two keys tie. */
    record HealthKey(int score, String name, String id) implements Comparable<HealthKey> {
        static HealthKey of(Contact c) {
            return new HealthKey(c.getHealthScore(), c.getName().toLowerCase(Locale.ROOT), c.getId());
        }

        @Override
        public int compareTo(HealthKey o) {
            // written out rather than a Comparator chain: this runs in every binary search of the view
            int c = Integer.compare(score, o.score);
            if (c == 0) {
                c = name.compareTo(o.name);
            }
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    /** One contact and what the view and stats currently count for it. */
    static final class ContactEntry extends StoreEntry<Contact> {
        HealthKey key;
        boolean highValue;
        boolean atRisk;
        boolean followUp;

        ContactEntry(Contact contact) {
            super(contact);
        }
    }

    private final OrderedView<Contact, HealthKey> byHealth = new OrderedView<>(Comparator.naturalOrder());
    private final ReadOnlyObjectWrapper<ContactStats> stats = new ReadOnlyObjectWrapper<>(this, "stats", ContactStats.EMPTY);
    private int highValueCount;
    private int atRiskCount;
    private int followUpCount;
    /** Contact ids in health order from the last reconcile's {@link #presort}, for the rebuild right after it. */
    private List<String> healthOrderHint;

    public ContactsStore(EventDispatcher dispatcher, Clock clock) {
        super(dispatcher, clock, "selectedContact", ContactFilter.ALL);
    }

    /** All contacts in the order the backend listed them; read-only. */
    public ObservableList<Contact> getContacts() {
        return readOnlyItems();
    }

    /** The selected contact; always the store's own instance, so every live event and merged detail reaches it. */
    public ObjectProperty<Contact> selectedContactProperty() {
        return selection();
    }

    /** Contacts passing the filter and the search (name, company, email), lowest health first; live, read-only. */
    public ObservableList<Contact> sortedByHealth() {
        return byHealth.readOnly();
    }

    /** Counts over all contacts (not filtered). */
    public ReadOnlyObjectProperty<ContactStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** contact:updated and contact:health_changed. */
    ApplyOutcome applyUpdate(ContactUpdate update) {
        return applyUpdate(update.id(), update.changes());
    }

    /** The server stored a communication the rep logged (its answer): it joins the contact's confirmed history. */
    void confirmCommunication(String contactId, CommunicationEvent communication) {
        ContactEntry e = entries.get(contactId);
        if (e == null) {
            return;
        }
        Contact confirmed = confirmedById(contactId);
        for (CommunicationEvent c : confirmed.getCommunicationHistory()) {
            if (c.id().equals(communication.id())) {
                return;
            }
        }
        java.util.List<CommunicationEvent> history = new ArrayList<>(confirmed.getCommunicationHistory().size() + 1);
        history.add(communication);
        history.addAll(confirmed.getCommunicationHistory());
        ContactChanges changes = new ContactChanges().communicationHistory(history);
        Instant last = confirmed.getLastContact();
        if (communication.date() != null && (last == null || last.isBefore(communication.date()))) {
            changes.lastContact(communication.date());
        }
        applyConfirmed(e, changes);
        confirmedChanged(contactId);
        flushNow();
    }

    // ---- EntityStore ----------------------------------------------------------------------------------------

    @Override
    String idOf(Contact item) {
        return item.getId();
    }

    @Override
    ContactEntry newEntry(Contact item, int position) {
        return new ContactEntry(item);
    }

    @Override
    void placed(ContactEntry e, int position) {
        // contacts keep the backend's order; the view orders by health
    }

    @Override
    ContactChanges snapshotOf(Contact item) {
        return ContactChanges.of(item);
    }

    @Override
    Contact blank(String id) {
        return new Contact(id);
    }

    /** A waiting communication goes first in the history and moves the last contact forward, until the server has it. */
    @Override
    void addPending(Contact shown, Object appended) {
        CommunicationEvent pending = (CommunicationEvent) appended;
        for (CommunicationEvent c : shown.getCommunicationHistory()) {
            if (PendingActivities.sameCommunication(c, pending.type(), pending.date(), pending.summary())) {
                return;
            }
        }
        shown.getCommunicationHistory().add(0, pending);
        if (pending.date() != null && (shown.getLastContact() == null || shown.getLastContact().isBefore(pending.date()))) {
            shown.setLastContact(pending.date());
        }
    }

    /** List endpoints may leave out history and insights; empty ones must not wipe what the details fetch merged in. */
    @Override
    ContactChanges refreshOf(Contact fresh) {
        ContactChanges changes = ContactChanges.of(fresh);
        if (fresh.communicationList().isEmpty()) {
            changes.without(ContactChanges.Field.COMMUNICATION_HISTORY);
        }
        if (fresh.insightList().isEmpty()) {
            changes.without(ContactChanges.Field.AI_INSIGHTS);
        }
        return changes;
    }

    @Override
    void markChanged(Contact item) {
        item.markChanged();
    }

    @Override
    long versionOf(Contact item) {
        return item.getVersion();
    }

    @Override
    long versionOf(ContactChanges changes) {
        return changes.version();
    }

    @Override
    boolean matches(Contact c, ContactFilter filter, String q, Instant now) {
        return filter.test(c, now) && (q.isEmpty() || StoreRules.containsIgnoreCase(c.getName(), q)
                || StoreRules.containsIgnoreCase(c.getCompany(), q) || StoreRules.containsIgnoreCase(c.getEmail(), q));
    }

    @Override
    void beginOrderedChanges() {
        byHealth.beginChanges();
    }

    @Override
    void endOrderedChanges() {
        byHealth.endChanges();
    }

    @Override
    void account(ContactEntry e, Instant now) {
        Contact c = e.item;
        boolean shown = matches(c, now);
        HealthKey key = HealthKey.of(c);
        boolean unmoved = e.counted && e.shown && shown && e.key.equals(key);
        if (e.counted) {
            countStats(e, -1);
            if (e.shown && !unmoved) {
                byHealth.remove(c, e.key);
            }
        }
        record(e, shown, key, now);
        if (shown && !unmoved) {
            byHealth.insert(c, key);
        }
        countStats(e, 1);
    }

    @Override
    void uncount(ContactEntry e) {
        if (e.counted) {
            countStats(e, -1);
            if (e.shown) {
                byHealth.remove(e.item, e.key);
            }
        }
        e.counted = false;
        publish();
    }

    /**
     * A fresh list in health order, worked out on the thread that read it: the rebuild after the reconcile walks the
     * contacts in this order, so that its sort finds them sorted (one pass instead of 50,000 log 50,000 comparisons
     * on the UI thread).
     */
    @Override
    List<String> presort(List<Contact> ordered) {
        List<Map.Entry<HealthKey, Contact>> keyed = new ArrayList<>(ordered.size());
        for (Contact c : ordered) {
            keyed.add(Map.entry(HealthKey.of(c), c));
        }
        keyed.sort(Map.Entry.comparingByKey());
        List<String> ids = new ArrayList<>(keyed.size());
        for (Map.Entry<HealthKey, Contact> k : keyed) {
            ids.add(k.getValue().getId());
        }
        return ids;
    }

    @Override
    void presorted(List<String> presort) {
        healthOrderHint = presort;
    }

    /**
     * The order the next rebuild walks the contacts in: the reconcile's presorted ids when they are exactly the
     * store's contacts (events applied in the same batch may have added or removed some), else the items.
     */
    private List<ContactEntry> walkOrder() {
        List<String> hint = healthOrderHint;
        healthOrderHint = null;
        List<ContactEntry> order = new ArrayList<>(items.size());
        if (hint != null && hint.size() == items.size() && hint.size() == entries.size()) {
            for (String id : hint) {
                ContactEntry e = entries.get(id);
                if (e == null) {
                    order.clear();
                    break;
                }
                order.add(e);
            }
            if (!order.isEmpty() || items.isEmpty()) {
                return order;
            }
        }
        for (Contact c : items) {
            order.add(entries.get(c.getId()));
        }
        return order;
    }

    @Override
    void rebuild(Instant now) {
        highValueCount = 0;
        atRiskCount = 0;
        followUpCount = 0;
        List<ContactEntry> shown = new ArrayList<>();
        for (ContactEntry e : walkOrder()) {
            Contact c = e.item;
            record(e, matches(c, now), HealthKey.of(c), now);
            if (e.shown) {
                shown.add(e);
            }
            countStats(e, 1);
        }
        shown.sort((x, y) -> x.key.compareTo(y.key));
        List<Contact> sortedItems = new ArrayList<>(shown.size());
        List<HealthKey> keys = new ArrayList<>(shown.size());
        for (ContactEntry e : shown) {
            sortedItems.add(e.item);
            keys.add(e.key);
        }
        byHealth.replaceAll(sortedItems, keys);
        publish();
    }

    @Override
    void publish() {
        ContactStats next = new ContactStats(items.size(), highValueCount, atRiskCount, followUpCount);
        if (!next.equals(stats.get())) {
            stats.set(next);
        }
    }

    private static void record(ContactEntry e, boolean shown, HealthKey key, Instant now) {
        Contact c = e.item;
        e.counted = true;
        e.shown = shown;
        e.key = key;
        e.highValue = ContactFilter.isHighValue(c);
        e.atRisk = ContactFilter.isAtRisk(c);
        e.followUp = ContactFilter.needsFollowUp(c, now);
    }

    private void countStats(ContactEntry e, int sign) {
        highValueCount += e.highValue ? sign : 0;
        atRiskCount += e.atRisk ? sign : 0;
        followUpCount += e.followUp ? sign : 0;
    }
}
