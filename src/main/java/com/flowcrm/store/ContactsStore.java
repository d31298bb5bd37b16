package com.flowcrm.store;

import static com.flowcrm.store.DealsStore.containsIgnoreCase;

import com.flowcrm.api.ContactChanges;
import com.flowcrm.api.ContactUpdate;
import com.flowcrm.model.Contact;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The contacts, with O(1) lookup by id, a live view filtered, searched and sorted by health (weakest relationship
 * first, so the ones needing attention lead), and stats. Mutated on the UI thread only (through the
 * {@link EventDispatcher}); the view and stats are updated incrementally for the contacts a batch touched.
 */
public final class ContactsStore {
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
    private static final class Entry {
        final Contact contact;
        boolean dirty;
        boolean counted;
        boolean shown;
        HealthKey key;
        boolean highValue;
        boolean atRisk;
        boolean followUp;

        Entry(Contact contact) {
            this.contact = contact;
        }
    }

    private final EventDispatcher dispatcher;
    private final Clock clock;
    private final ObservableList<Contact> contacts = FXCollections.observableArrayList();
    private final ObservableList<Contact> contactsReadOnly = FXCollections.unmodifiableObservableList(contacts);
    private final Map<String, Entry> byId = new HashMap<>();
    private final ObjectProperty<Contact> selectedContact = new SimpleObjectProperty<>(this, "selectedContact");
    private final ObjectProperty<ContactFilter> filter = new SimpleObjectProperty<>(this, "filter", ContactFilter.ALL);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final OrderedView<Contact, HealthKey> byHealth = new OrderedView<>(Comparator.naturalOrder());
    private final ReadOnlyObjectWrapper<ContactStats> stats = new ReadOnlyObjectWrapper<>(this, "stats", ContactStats.EMPTY);
    private final RemoteChanges remoteChanges = new RemoteChanges();
    private final List<Entry> changed = new ArrayList<>();
    private int highValueCount;
    private int atRiskCount;
    private int followUpCount;
    private boolean rebuildNeeded;
    private String searchLower = "";

    public ContactsStore(EventDispatcher dispatcher, Clock clock) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        filter.addListener((obs, old, now) -> {
            if (now == null) {
                filter.set(ContactFilter.ALL);
                return;
            }
            requestRebuild();
        });
        searchText.addListener((obs, old, now) -> {
            searchLower = now == null ? "" : now.strip().toLowerCase(Locale.ROOT);
            requestRebuild();
        });
        dispatcher.addBatchEndListener(this::flush);
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** All contacts in the order the backend listed them; read-only. */
    public ObservableList<Contact> getContacts() {
        return contactsReadOnly;
    }

    /** The store's own instance for an id, or null. */
    public Contact byId(String id) {
        Entry e = id == null ? null : byId.get(id);
        return e == null ? null : e.contact;
    }

    public int size() {
        return contacts.size();
    }

    /** The selected contact; always the store's own instance, so every live event reaches it. */
    public ObjectProperty<Contact> selectedContactProperty() {
        return selectedContact;
    }

    /** Selects the store's instance for an id (null or unknown clears the selection). */
    public void select(String id) {
        selectedContact.set(byId(id));
    }

    public ObjectProperty<ContactFilter> filterProperty() {
        return filter;
    }

    /** Text matched, ignoring case, against name, company and email. */
    public StringProperty searchTextProperty() {
        return searchText;
    }

    /** Contacts passing the filter and search, lowest health score first (ties by name); read-only and live. */
    public ObservableList<Contact> sortedByHealth() {
        return byHealth.readOnly();
    }

    /** Counts over all contacts (not filtered). */
    public ReadOnlyObjectProperty<ContactStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** Tells the listener, at the end of each batch, which contacts live events changed. */
    public void addRemoteChangeListener(Consumer<RemoteChange> listener) {
        remoteChanges.addListener(listener);
    }

    public void removeRemoteChangeListener(Consumer<RemoteChange> listener) {
        remoteChanges.removeListener(listener);
    }

    // ---- snapshots (REST) -----------------------------------------------------------------------------------

    /** Replaces everything with a freshly loaded list; the selection moves to the new instance. */
    public void loadSnapshot(List<Contact> snapshot) {
        List<Contact> unique = unique(snapshot);
        byId.clear();
        changed.clear();
        remoteChanges.clear();
        for (Contact c : unique) {
            byId.put(c.getId(), new Entry(c));
        }
        contacts.setAll(unique);
        Contact selected = selectedContact.get();
        if (selected != null) {
            selectedContact.set(byId(selected.getId()));
        }
        requestRebuild();
    }

    /** Updates known contacts in place, adds new ones, removes missing ones; the selection stays if it still exists. */
    public void reconcile(List<Contact> fresh) {
        List<Contact> unique = unique(fresh);
        Map<String, Entry> next = new HashMap<>(unique.size() * 2);
        List<Contact> ordered = new ArrayList<>(unique.size());
        for (Contact incoming : unique) {
            Entry e = byId.get(incoming.getId());
            if (e == null) {
                e = new Entry(incoming);
            } else if (ContactChanges.of(incoming).applyTo(e.contact)) {
                e.contact.markChanged();
            }
            next.put(incoming.getId(), e);
            ordered.add(e.contact);
        }
        byId.clear();
        byId.putAll(next);
        changed.clear();
        if (!contacts.equals(ordered)) {
            contacts.setAll(ordered);
        }
        Contact selected = selectedContact.get();
        if (selected != null && byId(selected.getId()) != selected) {
            selectedContact.set(null);
        }
        requestRebuild();
    }

    /** Merges a contact fetched with details into the store's instance; false when unknown. */
    public boolean mergeDetails(Contact full) {
        Entry e = byId.get(full.getId());
        if (e == null) {
            return false;
        }
        applyChanges(e, ContactChanges.of(full));
        flushUnlessBatching();
        return true;
    }

    /** Empties the store (logout). */
    public void clear() {
        loadSnapshot(List.of());
        selectedContact.set(null);
    }

    /** Shows a change at once; the returned edit rolls it back if the server refuses it. */
    public LocalEdit applyLocal(String id, ContactChanges changes) {
        Entry e = byId.get(id);
        if (e == null) {
            return LocalEdit.NONE;
        }
        Contact contact = e.contact;
        ContactChanges undo = changes.inverseOn(contact);
        applyChanges(e, changes);
        flushUnlessBatching();
        return new LocalEdit(true, () -> {
            Entry current = byId.get(id);
            if (current != null && current.contact == contact) {
                applyChanges(current, undo);
                flushUnlessBatching();
            }
        });
    }

    // ---- live events ----------------------------------------------------------------------------------------

    /** contact:updated and contact:health_changed: the named fields, on the store's instance (which the selection holds). */
    ApplyOutcome applyUpdate(ContactUpdate update) {
        Entry e = byId.get(update.id());
        if (e == null) {
            return ApplyOutcome.IGNORED;
        }
        if (applyChanges(e, update.changes())) {
            remoteChanges.updated(update.id());
        }
        return ApplyOutcome.APPLIED;
    }

    // ---- derived views --------------------------------------------------------------------------------------

    private boolean applyChanges(Entry e, ContactChanges changes) {
        if (!changes.applyTo(e.contact)) {
            return false;
        }
        e.contact.markChanged();
        if (!e.dirty) {
            e.dirty = true;
            changed.add(e);
        }
        return true;
    }

    private void requestRebuild() {
        rebuildNeeded = true;
        flushUnlessBatching();
    }

    private void flushUnlessBatching() {
        if (!dispatcher.isApplying()) {
            flush();
        }
    }

    /** Brings the view and stats up to date with what changed since the last flush; runs once per batch. */
    void flush() {
        if (rebuildNeeded) {
            rebuild();
        } else if (!changed.isEmpty()) {
            Instant now = clock.instant();
            for (Entry e : changed) {
                account(e, now);
            }
            publishStats();
        }
        for (Entry e : changed) {
            e.dirty = false;
        }
        changed.clear();
        remoteChanges.fire();
    }

    private void account(Entry e, Instant now) {
        Contact c = e.contact;
        boolean shown = matches(c, now);
        HealthKey key = HealthKey.of(c);
        boolean unmoved = e.counted && e.shown && shown && e.key.equals(key);
        if (e.counted) {
            countStats(e, -1);
            if (e.shown && !unmoved) {
                byHealth.remove(c, e.key);
            }
        }
        classify(e, now);
        e.shown = shown;
        e.key = key;
        if (shown && !unmoved) {
            byHealth.insert(c, key);
        }
        countStats(e, 1);
    }

    private void classify(Entry e, Instant now) {
        Contact c = e.contact;
        e.counted = true;
        e.highValue = ContactFilter.isHighValue(c);
        e.atRisk = ContactFilter.isAtRisk(c);
        e.followUp = ContactFilter.needsFollowUp(c, now);
    }

    private void countStats(Entry e, int sign) {
        highValueCount += e.highValue ? sign : 0;
        atRiskCount += e.atRisk ? sign : 0;
        followUpCount += e.followUp ? sign : 0;
    }

    private void rebuild() {
        rebuildNeeded = false;
        Instant now = clock.instant();
        highValueCount = 0;
        atRiskCount = 0;
        followUpCount = 0;
        List<Entry> shown = new ArrayList<>();
        for (Contact c : contacts) {
            Entry e = byId.get(c.getId());
            classify(e, now);
            e.shown = matches(c, now);
            e.key = HealthKey.of(c);
            if (e.shown) {
                shown.add(e);
            }
            countStats(e, 1);
        }
        shown.sort((x, y) -> x.key.compareTo(y.key));
        List<Contact> items = new ArrayList<>(shown.size());
        List<HealthKey> keys = new ArrayList<>(shown.size());
        for (Entry e : shown) {
            items.add(e.contact);
            keys.add(e.key);
        }
        byHealth.replaceAll(items, keys);
        publishStats();
    }

    private void publishStats() {
        ContactStats next = new ContactStats(contacts.size(), highValueCount, atRiskCount, followUpCount);
        if (!next.equals(stats.get())) {
            stats.set(next);
        }
    }

    private boolean matches(Contact c, Instant now) {
        if (!filter.get().test(c, now)) {
            return false;
        }
        String q = searchLower;
        return q.isEmpty() || containsIgnoreCase(c.getName(), q) || containsIgnoreCase(c.getCompany(), q)
                || containsIgnoreCase(c.getEmail(), q);
    }

    private static List<Contact> unique(List<Contact> input) {
        Map<String, Contact> unique = new LinkedHashMap<>();
        for (Contact c : input) {
            unique.putIfAbsent(c.getId(), c);
        }
        return new ArrayList<>(unique.values());
    }
}
