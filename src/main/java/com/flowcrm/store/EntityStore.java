package com.flowcrm.store;

import com.flowcrm.model.change.FieldPatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
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
 * the batch end; a snapshot, filter or search change recounts everything once). The rep's waiting changes are layered
 * over what the server confirmed ({@link PendingOverlay}): server data reaches a record with a waiting change through
 * its confirmed copy, so what the rep changed stays on screen until the server accepts or refuses it.
 *
 * @param <T> the model type
 * @param <E> the store's entry: the item and what the derived views have counted for it
 * @param <P> the typed partial change of the item
 * @param <F> the filter enum
 */
abstract sealed class EntityStore<T, E extends StoreEntry<T>, P extends FieldPatch<?, T, P>, F extends Enum<F>>
        permits DealsStore, ContactsStore {

    final EventDispatcher dispatcher;
    final Clock clock;
    final ObservableList<T> items = FXCollections.observableArrayList();
    final Map<String, E> entries = new HashMap<>();
    final RemoteChanges remoteChanges = new RemoteChanges();
    /** The records with a waiting change of the rep's, by id (also ids the store does not hold at the moment). */
    final Map<String, PendingOverlay<T, P>> overlays = new HashMap<>();
    /** Told of every record whose confirmed state a server event or answer changed (the local copy writes it). */
    private ConfirmedListener confirmedListener;
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
    private boolean itemsRemoved;
    private List<T> changedInLastRevision;

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

    /** The order a fresh list is kept in (duplicates already dropped). Pure, any thread ({@link PreparedList#of}). */
    List<T> ordered(List<T> unique) {
        return unique;
    }

    /** A fresh list is about to take the store's order: what that resets in the store (UI thread). */
    void freshOrderStarts() {
    }

    /** The ids in the order the next rebuild should walk them, worked out off the UI thread; null: none. Pure. */
    List<String> presort(List<T> ordered) {
        return null;
    }

    /** Takes the {@link #presort} of the list just reconciled, before the rebuild (UI thread). */
    void presorted(List<String> presort) {
    }

    abstract P snapshotOf(T item);

    /** A new item with only its id, to copy into (the confirmed copy of a record, a composition). */
    abstract T blank(String id);

    /** Adds a waiting item (an activity, a communication) to the shown record, unless the server's copy has it. */
    abstract void addPending(T shown, Object appended);

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

    /** The store's ordered lists gather what {@link #account} does to them into one change each (see OrderedView). */
    void beginOrderedChanges() {
    }

    void endOrderedChanges() {
    }

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

    /**
     * The items created or changed in the batch (or the change outside one) that last ticked {@link #revisionProperty},
     * or null when any item may have changed or gone (a snapshot, a reconcile, a removal, a recount): read in a listener
     * of the revision, it lets a view that keeps copies of the items renew just those instead of walking the store.
     */
    public List<T> changedInLastRevision() {
        return changedInLastRevision;
    }

    /** Tells the listener, at the end of each batch, which items live events created or changed. */
    public void addRemoteChangeListener(Consumer<RemoteChange> listener) {
        remoteChanges.addListener(listener);
    }

    public void removeRemoteChangeListener(Consumer<RemoteChange> listener) {
        remoteChanges.removeListener(listener);
    }

    void setConfirmedListener(ConfirmedListener listener) {
        this.confirmedListener = listener;
    }

    /** The record as the server confirmed it: its confirmed copy while the rep has a waiting change, else the item. */
    T confirmedById(String id) {
        T item = byId(id);
        PendingOverlay<T, P> o = item == null ? null : overlayOf(id);
        return o != null && o.confirmed != null ? o.confirmed : item;
    }

    private void noteConfirmed(String id) {
        if (confirmedListener != null) {
            confirmedListener.changed(id);
        }
    }

    // ---- snapshots (REST) -----------------------------------------------------------------------------------

    /** Replaces everything with a freshly loaded list; the selection moves to the new instance with its id. */
    public void loadSnapshot(List<T> snapshot) {
        freshOrderStarts();
        List<T> fresh = ordered(PreparedList.unique(snapshot, this::idOf));
        entries.clear();
        changed.clear();
        remoteChanges.clear();
        for (int i = 0; i < fresh.size(); i++) {
            entries.put(idOf(fresh.get(i)), newEntry(fresh.get(i), i));
        }
        items.setAll(fresh);
        if (!overlays.isEmpty()) {
            for (Map.Entry<String, PendingOverlay<T, P>> o : overlays.entrySet()) {
                E e = entries.get(o.getKey());
                if (e != null) {
                    attach(e, o.getValue());
                }
            }
        }
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
        reconcile(PreparedList.of(this, freshList));
    }

    /** {@link #reconcile(List)} with a list {@link PreparedList#of prepared} on another thread. */
    void reconcile(PreparedList<T> prepared) {
        freshOrderStarts();
        List<T> fresh = prepared.items();
        Map<String, E> next = new HashMap<>(fresh.size() * 2);
        List<T> kept = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            T incoming = fresh.get(i);
            E e = entries.get(idOf(incoming));
            PendingOverlay<T, P> o = overlayOf(idOf(incoming));
            if (e == null) {
                e = newEntry(incoming, i);
                if (o != null) {
                    attach(e, o);
                }
            } else {
                placed(e, i);
                P refreshed = refreshOf(incoming);
                noteServerWrote(e, refreshed);
                if (o != null && o.confirmed != null) {
                    refreshed.applyTo(o.confirmed);
                    compose(e, o);
                } else if (o != null) {
                    attach(e, o);
                } else if (refreshed.applyTo(e.item)) {
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
        presorted(prepared.presort());
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
        applyConfirmed(e, fetchedFields);
        noteConfirmed(idOf(full));
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
        itemsRemoved = true;
        if (selected.get() == e.item) {
            selected.set(null);
        }
        if (confirmedListener != null) {
            confirmedListener.removed(id);
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
        e.trackServerWrites();
        long editedAt = serverWrites;
        applyChanges(e, changes);
        flushUnlessBatching();
        return new LocalEdit(true, () -> {
            E current = entries.get(id);
            if (current != null && current.item == item) {
                applyChanges(current, undo.withoutAll(current.writtenSince(editedAt)));
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
        if (e.tracksServerWrites()) {
            e.serverWrote(changes.fields(), ++serverWrites);
        }
    }


    // ---- live events ----------------------------------------------------------------------------------------

    /**
     * An update event: the named fields, on the store's instance (which the selection holds). Ignored when stale: the
     * event's version is not above the item's (both known; a server without versions is never skipped).
     */
    ApplyOutcome applyUpdate(String id, P changes) {
        E e = entries.get(id);
        if (e == null || StoreRules.isStale(versionOf(e.item), versionOf(changes))) {
            return ApplyOutcome.IGNORED;
        }
        noteServerWrote(e, changes);
        if (applyConfirmed(e, changes)) {
            remoteChanges.updated(id);
        }
        noteConfirmed(id);
        return ApplyOutcome.APPLIED;
    }

    /**
     * Server data for a record the store holds: straight onto the item, or, while the rep has a waiting change of it,
     * into its confirmed copy (the shown record is then composed again: confirmed + the waiting changes). Returns
     * whether what is shown changed.
     */
    boolean applyConfirmed(E e, P changes) {
        PendingOverlay<T, P> o = overlayOf(idOf(e.item));
        if (o == null || o.confirmed == null) {
            return applyChanges(e, changes);
        }
        changes.applyTo(o.confirmed);
        return compose(e, o);
    }

    /** A record a server event created or changed in a way the store does itself (an activity added). */
    void confirmedChanged(String id) {
        noteConfirmed(id);
    }

    // ---- the rep's waiting changes ----------------------------------------------------------------------------

    PendingOverlay<T, P> overlayOf(String id) {
        return overlays.isEmpty() ? null : overlays.get(id);
    }

    /** Shows a waiting change over the record's confirmed state (also before the record is loaded: it waits for it). */
    void layer(String id, PendingOverlay.Layer<P> layer) {
        E e = entries.get(id);
        PendingOverlay<T, P> o = overlays.get(id);
        if (o == null) {
            o = new PendingOverlay<>(e == null ? null : copyOf(e.item));
            overlays.put(id, o);
        }
        o.put(layer);
        if (e != null && o.confirmed != null) {
            compose(e, o);
            flushUnlessBatching();
        }
    }

    /** Takes a waiting change off: the record shows its confirmed state with the other waiting changes. */
    boolean unlayer(String id, UUID change) {
        PendingOverlay<T, P> o = overlays.get(id);
        if (o == null || !o.remove(change)) {
            return false;
        }
        E e = entries.get(id);
        if (o.layers.isEmpty()) {
            overlays.remove(id);
            if (e != null && o.confirmed != null) {
                applyChanges(e, snapshotOf(o.confirmed));
            }
        } else if (e != null && o.confirmed != null) {
            compose(e, o);
        }
        flushUnlessBatching();
        return true;
    }

    /** Redraws a record whose pending state changed without its values changing (a waiting change now in conflict). */
    void touch(String id) {
        E e = entries.get(id);
        if (e != null) {
            markChanged(e.item);
            markDirty(e);
            flushUnlessBatching();
        }
    }

    /** Forgets every waiting change (sign-out); the records keep what they show. */
    void clearPending() {
        overlays.clear();
    }

    /** A record that just came into the store: what it holds is the confirmed state, the waiting changes go on top. */
    void reconcileOverlay(String id) {
        E e = entries.get(id);
        PendingOverlay<T, P> o = overlayOf(id);
        if (e != null && o != null) {
            attach(e, o);
        }
    }

    /** The record just got a new instance (a load, a record that came back): it is the confirmed state now. */
    private void attach(E e, PendingOverlay<T, P> o) {
        o.confirmed = copyOf(e.item);
        compose(e, o);
    }

    /** Shows confirmed + the waiting changes in order; only the fields that differ from what is shown are set. */
    private boolean compose(E e, PendingOverlay<T, P> o) {
        return applyChanges(e, snapshotOf(o.shown(this::copyOf, this::addPending)));
    }

    private T copyOf(T item) {
        T copy = blank(idOf(item));
        snapshotOf(item).applyTo(copy);
        return copy;
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

    /** Brings the derived views up to date now unless a batch does it at its end. */
    void flushNow() {
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
        boolean everything = rebuildNeeded || itemsRemoved;
        if (rebuildNeeded) {
            rebuildNeeded = false;
            rebuild(now);
        } else if (!changed.isEmpty()) {
            beginOrderedChanges();
            try {
                for (E e : changed) {
                    account(e, now);
                }
            } finally {
                endOrderedChanges();
            }
            publish();
        }
        List<T> changedItems = everything ? null : new ArrayList<>(changed.size());
        for (E e : changed) {
            e.dirty = false;
            if (changedItems != null) {
                changedItems.add(e.item);
            }
        }
        changed.clear();
        if (contentChanged) {
            contentChanged = false;
            itemsRemoved = false;
            changedInLastRevision = changedItems;
            revision.set(revision.get() + 1);
        }
        remoteChanges.fire();
    }
}
