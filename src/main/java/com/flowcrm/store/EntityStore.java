package com.flowcrm.store;

import com.flowcrm.model.change.FieldPatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What {@link DealsStore} and {@link ContactsStore} share: the list beside an id map (O(1) lookup), a selection that
 * holds the store's own instance, filter and search, snapshots and reconciling, optimistic edits, and the
 * once-per-batch bookkeeping of derived views (an item changed by an event is marked dirty and accounted for at
 * the batch end; a snapshot, filter or search change recounts everything once).
 *
 * @param <T> the model type
 * @param <E> the store's entry: the item and what the derived views have counted for it
 * @param <P> the typed partial change of the item
 * @param <F> the filter enum
 */
abstract sealed class EntityStore<T, E extends EntityStore.Entry<T>, P extends FieldPatch<?, T, P>, F extends Enum<F>>
        permits DealsStore, ContactsStore {

    /** One item and whether the derived views currently count it, and as shown or not. */
    static class Entry<T> {
        final T item;
        boolean dirty;
        boolean counted;
        boolean shown;
        /**
         * When server data last wrote each field ({@link #noteServerWrote}); null until the rep's first optimistic edit
         * of the record, so only records the rep edits pay for it.
         */
        Map<Object, Long> serverWroteAt;

        Entry(T item) {
            this.item = item;
        }
    }

    final EventDispatcher dispatcher;
    final Clock clock;
    final ObservableList<T> items = FXCollections.observableArrayList();
    final Map<String, E> entries = new HashMap<>();
    final RemoteChanges remoteChanges = new RemoteChanges();
    private final ObservableList<T> itemsReadOnly = FXCollections.unmodifiableObservableList(items);
    private final ObjectProperty<T> selected;
    private final ObjectProperty<F> filter;
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final List<E> changed = new ArrayList<>();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private String searchLower = "";
    /** Counts writes of server data onto records with an optimistic edit (orders them against the edits). */
    private long serverWrites;
    private boolean rebuildNeeded;
    private boolean contentChanged;

    EntityStore(EventDispatcher dispatcher, Clock clock, String selectedName, F allFilter) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.selected = new SimpleObjectProperty<>(this, selectedName);
        this.filter = new SimpleObjectProperty<>(this, "filter", allFilter);
        filter.addListener((obs, old, now) -> {
            if (now == null) {
                filter.set(allFilter);
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

    // ---- what each store adds -------------------------------------------------------------------------------

    abstract String idOf(T item);

    abstract E newEntry(T item, int position);

    /** The entry's item now sits at this position of a freshly loaded or reconciled list. */
    abstract void placed(E e, int position);

    /** The order a fresh list is kept in (duplicates already dropped). */
    abstract List<T> ordered(List<T> unique);

    abstract P snapshotOf(T item);

    /** What a list refresh may overwrite on a known item; by default everything it carries. */
    P refreshOf(T fresh) {
        return snapshotOf(fresh);
    }

    abstract void markChanged(T item);

    /** The server's version of the item, 0 when unknown. */
    abstract long versionOf(T item);

    /** The version a change brings its item to, 0 when it names none. */
    abstract long versionOf(P changes);

    abstract boolean matches(T item, F filter, String searchLower, Instant now);

    /** Moves one item's contribution to the derived views from what was counted to what it is now. */
    abstract void account(E e, Instant now);

    /** Takes an item out of the derived views (it is being removed). */
    abstract void uncount(E e);

    /** Recounts every derived view in one pass over {@link #items}. */
    abstract void rebuild(Instant now);

    /** Publishes the totals changed by {@link #account} calls. */
    abstract void publish();

    // ---- reading --------------------------------------------------------------------------------------------

    ObservableList<T> readOnlyItems() {
        return itemsReadOnly;
    }

    ObjectProperty<T> selection() {
        return selected;
    }

    /** The store's own instance for an id, or null. O(1). */
    public T byId(String id) {
        E e = id == null ? null : entries.get(id);
        return e == null ? null : e.item;
    }

    public int size() {
        return items.size();
    }

    /** Recounts the derived views; time-based filters (closing soon, recent) move on only when this runs. */
    public void refresh() {
        requestRebuild();
    }

    /** Selects the store's instance for an id (null or unknown clears the selection). */
    public void select(String id) {
        selected.set(byId(id));
    }

    public ObjectProperty<F> filterProperty() {
        return filter;
    }

    /** Text the derived views match, ignoring case. */
    public StringProperty searchTextProperty() {
        return searchText;
    }

    /**
     * Ticks at most once per batch (and once per local edit outside one) when items were added, changed or removed
     * or the views were recounted: one invalidation for whatever derives from the whole store (the Insights view).
     */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Tells the listener, at the end of each batch, which items live events created or changed. */
    public void addRemoteChangeListener(Consumer<RemoteChange> listener) {
        remoteChanges.addListener(listener);
    }

    public void removeRemoteChangeListener(Consumer<RemoteChange> listener) {
        remoteChanges.removeListener(listener);
    }

    // ---- snapshots (REST) -----------------------------------------------------------------------------------

    /** Replaces everything with a freshly loaded list; the selection moves to the new instance with its id. */
    public void loadSnapshot(List<T> snapshot) {
        List<T> fresh = ordered(unique(snapshot));
        entries.clear();
        changed.clear();
        remoteChanges.clear();
        for (int i = 0; i < fresh.size(); i++) {
            entries.put(idOf(fresh.get(i)), newEntry(fresh.get(i), i));
        }
        items.setAll(fresh);
        T current = selected.get();
        if (current != null) {
            selected.set(byId(idOf(current)));
        }
        requestRebuild();
    }

    /**
     * Brings the store in line with a fresh list without replacing instances: known items are updated in place,
     * new ones added, missing ones removed; the selection stays when its item still exists.
     */
    public void reconcile(List<T> freshList) {
        List<T> fresh = ordered(unique(freshList));
        Map<String, E> next = new HashMap<>(fresh.size() * 2);
        List<T> kept = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            T incoming = fresh.get(i);
            E e = entries.get(idOf(incoming));
            if (e == null) {
                e = newEntry(incoming, i);
            } else {
                placed(e, i);
                P refreshed = refreshOf(incoming);
                noteServerWrote(e, refreshed);
                if (refreshed.applyTo(e.item)) {
                    markChanged(e.item);
                }
            }
            next.put(idOf(incoming), e);
            kept.add(e.item);
        }
        for (String id : entries.keySet()) {
            if (!next.containsKey(id)) {
                remoteChanges.deleted(id);
            }
        }
        entries.clear();
        entries.putAll(next);
        changed.clear();
        if (!items.equals(kept)) {
            items.setAll(kept);
        }
        T current = selected.get();
        if (current != null && byId(idOf(current)) != current) {
            selected.set(null);
        }
        requestRebuild();
    }

    /**
     * Merges an item fetched with details into the store's instance (the selection sees it); false when unknown, or
     * when it is older than what the store has (a live event with a higher version was applied while it was fetched).
     */
    public boolean mergeDetails(T full) {
        E e = entries.get(idOf(full));
        if (e == null) {
            return false;
        }
        long known = versionOf(e.item);
        long fetched = versionOf(full);
        if (known > 0 && fetched > 0 && fetched < known) {
            return false;
        }
        P fetchedFields = snapshotOf(full);
        noteServerWrote(e, fetchedFields);
        applyChanges(e, fetchedFields);
        flushUnlessBatching();
        return true;
    }

    /** Empties the store (logout). */
    public void clear() {
        loadSnapshot(List.of());
        selected.set(null);
    }

    /** Removes an item (deleted on the server); false when unknown. Views hear of it as a {@code DELETED} remote change. */
    public boolean remove(String id) {
        E e = entries.remove(id);
        if (e == null) {
            return false;
        }
        uncount(e);
        changed.remove(e);
        items.remove(e.item);
        remoteChanges.deleted(id);
        contentChanged = true;
        if (selected.get() == e.item) {
            selected.set(null);
        }
        flushUnlessBatching();
        return true;
    }

    /** Shows a change at once; the returned edit rolls it back if the server refuses it. */
    public LocalEdit applyLocal(String id, P changes) {
        E e = entries.get(id);
        if (e == null) {
            return LocalEdit.NONE;
        }
        T item = e.item;
        P undo = changes.inverseOn(item);
        if (e.serverWroteAt == null) {
            e.serverWroteAt = new HashMap<>();
        }
        long editedAt = serverWrites;
        applyChanges(e, changes);
        flushUnlessBatching();
        return new LocalEdit(true, () -> {
            E current = entries.get(id);
            if (current != null && current.item == item) {
                applyChanges(current, undo.withoutAll(writtenSince(current, editedAt)));
                flushUnlessBatching();
            }
        });
    }

    /**
     * Server data (an event, an answer, a reload) wrote these fields of the record. A rollback leaves them as the server
     * said: a request whose answer was lost may have been applied, and its event then already brought the truth. The
     * soak (issue 16) found a deal moved back on screen after its move's answer was lost, though the server had it.
     */
    void noteServerWrote(E e, P changes) {
        if (e.serverWroteAt != null) {
            long at = ++serverWrites;
            for (Object field : changes.fields()) {
                e.serverWroteAt.put(field, at);
            }
        }
    }

    private static List<Object> writtenSince(Entry<?> e, long since) {
        List<Object> fields = new ArrayList<>();
        e.serverWroteAt.forEach((field, at) -> {
            if (at > since) {
                fields.add(field);
            }
        });
        return fields;
    }

    // ---- live events ----------------------------------------------------------------------------------------

    /**
     * An update event: the named fields, on the store's instance (which the selection holds). Ignored when stale: the
     * event's version is not above the item's (both known; a server without versions is never skipped).
     */
    ApplyOutcome applyUpdate(String id, P changes) {
        E e = entries.get(id);
        if (e == null || isStale(versionOf(e.item), versionOf(changes))) {
            return ApplyOutcome.IGNORED;
        }
        noteServerWrote(e, changes);
        if (applyChanges(e, changes)) {
            remoteChanges.updated(id);
        }
        return ApplyOutcome.APPLIED;
    }

    /** An event at {@code incoming} is already in an item at {@code current}; 0 on either side means unknown: not stale. */
    static boolean isStale(long current, long incoming) {
        return current > 0 && incoming > 0 && incoming <= current;
    }

    boolean applyChanges(E e, P changes) {
        if (!changes.applyTo(e.item)) {
            return false;
        }
        markChanged(e.item);
        markDirty(e);
        return true;
    }

    void markDirty(E e) {
        contentChanged = true;
        if (!e.dirty) {
            e.dirty = true;
            changed.add(e);
        }
    }

    // ---- derived views --------------------------------------------------------------------------------------

    boolean matches(T item, Instant now) {
        return matches(item, filter.get(), searchLower, now);
    }

    private void requestRebuild() {
        rebuildNeeded = true;
        contentChanged = true;
        flushUnlessBatching();
    }

    private void flushUnlessBatching() {
        if (!dispatcher.isApplying()) {
            flush();
        }
    }

    /** Brings the derived views up to date with what changed since the last flush; runs once per batch. */
    final void flush() {
        Instant now = clock.instant();
        if (rebuildNeeded) {
            rebuildNeeded = false;
            rebuild(now);
        } else if (!changed.isEmpty()) {
            for (E e : changed) {
                account(e, now);
            }
            publish();
        }
        for (E e : changed) {
            e.dirty = false;
        }
        changed.clear();
        if (contentChanged) {
            contentChanged = false;
            revision.set(revision.get() + 1);
        }
        remoteChanges.fire();
    }

    private List<T> unique(List<T> input) {
        Map<String, T> unique = new LinkedHashMap<>();
        for (T item : input) {
            unique.putIfAbsent(idOf(item), item);
        }
        return new ArrayList<>(unique.values());
    }

    static boolean containsIgnoreCase(String text, String lowerNeedle) {
        if (text == null) {
            return false;
        }
        int max = text.length() - lowerNeedle.length();
        for (int i = 0; i <= max; i++) {
            if (text.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return true;
            }
        }
        return false;
    }
}
