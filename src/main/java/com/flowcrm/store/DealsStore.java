package com.flowcrm.store;

import com.flowcrm.api.DealActivityAdded;
import com.flowcrm.api.DealChanges;
import com.flowcrm.api.DealUpdate;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deals of the pipeline, newest first, with O(1) lookup by id and the derived views of the board: deals per
 * stage (filtered and searched), per-stage summaries of what is shown, and pipeline totals of open deals. Mutated
 * on the UI thread only (through the {@link EventDispatcher}); derived views are updated incrementally for the deals
 * a batch touched, once per batch.
 */
public final class DealsStore {
    private static final DealStage[] STAGES = DealStage.values();

    /** One deal and what the derived views currently count for it (its values when they were last accounted). */
    private static final class Entry {
        final Deal deal;
        long order;
        boolean dirty;
        boolean counted;
        boolean shown;
        boolean open;
        DealStage stage;
        double value;
        int probability;

        Entry(Deal deal, long order) {
            this.deal = deal;
            this.order = order;
        }
    }

    /** Running sums of a stage column. */
    private static final class Totals {
        int count;
        double value;
        double weighted;

        void add(double v, int p, int sign) {
            count += sign;
            value += sign * v;
            weighted += sign * weighted(v, p);
        }
    }

    private final EventDispatcher dispatcher;
    private final Clock clock;
    private final ObservableList<Deal> deals = FXCollections.observableArrayList();
    private final ObservableList<Deal> dealsReadOnly = FXCollections.unmodifiableObservableList(deals);
    private final Map<String, Entry> byId = new HashMap<>();
    private final ObjectProperty<Deal> selectedDeal = new SimpleObjectProperty<>(this, "selectedDeal");
    private final ObjectProperty<DealFilter> filter = new SimpleObjectProperty<>(this, "filter", DealFilter.ALL);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final Map<DealStage, OrderedView<Deal, Long>> stageViews = new EnumMap<>(DealStage.class);
    private final Map<DealStage, Totals> stageTotals = new EnumMap<>(DealStage.class);
    private final Map<DealStage, ReadOnlyObjectWrapper<StageSummary>> summaries = new EnumMap<>(DealStage.class);
    private final ReadOnlyDoubleWrapper pipelineTotal = new ReadOnlyDoubleWrapper(this, "pipelineTotal");
    private final ReadOnlyDoubleWrapper weightedForecast = new ReadOnlyDoubleWrapper(this, "weightedForecast");
    private final ReadOnlyIntegerWrapper openDealCount = new ReadOnlyIntegerWrapper(this, "openDealCount");
    private final RemoteChanges remoteChanges = new RemoteChanges();
    private final List<Entry> changed = new ArrayList<>();
    private final EnumSet<DealStage> touchedStages = EnumSet.noneOf(DealStage.class);
    private int openCount;
    private double openValue;
    private double openWeighted;
    private boolean rebuildNeeded;
    private long newestOrder;
    private String searchLower = "";

    public DealsStore(EventDispatcher dispatcher, Clock clock) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (DealStage s : STAGES) {
            stageViews.put(s, new OrderedView<>(Comparator.naturalOrder()));
            stageTotals.put(s, new Totals());
            summaries.put(s, new ReadOnlyObjectWrapper<>(this, "summary-" + s.wireName(), StageSummary.empty(s)));
        }
        filter.addListener((obs, old, now) -> {
            if (now == null) {
                filter.set(DealFilter.ALL);
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

    /** All deals, newest first; read-only. */
    public ObservableList<Deal> getDeals() {
        return dealsReadOnly;
    }

    /** The store's own instance for an id, or null. */
    public Deal byId(String id) {
        Entry e = id == null ? null : byId.get(id);
        return e == null ? null : e.deal;
    }

    public int size() {
        return deals.size();
    }

    /** The selected deal; always the store's own instance, so every live event reaches it. */
    public ObjectProperty<Deal> selectedDealProperty() {
        return selectedDeal;
    }

    /** Selects the store's instance for an id (null or unknown clears the selection). */
    public void select(String id) {
        selectedDeal.set(byId(id));
    }

    public ObjectProperty<DealFilter> filterProperty() {
        return filter;
    }

    /** Text matched, ignoring case, against title, company and contact name. */
    public StringProperty searchTextProperty() {
        return searchText;
    }

    /** The deals of one stage that pass the filter and search, newest first; read-only and live. */
    public ObservableList<Deal> dealsInStage(DealStage stage) {
        return stageViews.get(stage).readOnly();
    }

    /** Count, total and weighted value of what {@link #dealsInStage} shows for the stage. */
    public ReadOnlyObjectProperty<StageSummary> stageSummaryProperty(DealStage stage) {
        return summaries.get(stage).getReadOnlyProperty();
    }

    /** Total value of all open deals (not filtered). */
    public ReadOnlyDoubleProperty pipelineTotalProperty() {
        return pipelineTotal.getReadOnlyProperty();
    }

    /** Sum of value x probability over all open deals (not filtered). */
    public ReadOnlyDoubleProperty weightedForecastProperty() {
        return weightedForecast.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty openDealCountProperty() {
        return openDealCount.getReadOnlyProperty();
    }

    /** Tells the listener, at the end of each batch, which deals live events created or changed. */
    public void addRemoteChangeListener(Consumer<RemoteChange> listener) {
        remoteChanges.addListener(listener);
    }

    public void removeRemoteChangeListener(Consumer<RemoteChange> listener) {
        remoteChanges.removeListener(listener);
    }

    // ---- snapshots (REST) -----------------------------------------------------------------------------------

    /** Replaces everything with a freshly loaded list (sorted newest first); the selection moves to the new instance. */
    public void loadSnapshot(List<Deal> snapshot) {
        List<Deal> sorted = newestFirst(snapshot);
        byId.clear();
        changed.clear();
        remoteChanges.clear();
        for (int i = 0; i < sorted.size(); i++) {
            byId.put(sorted.get(i).getId(), new Entry(sorted.get(i), i));
        }
        newestOrder = 0;
        deals.setAll(sorted);
        Deal selected = selectedDeal.get();
        if (selected != null) {
            selectedDeal.set(byId(selected.getId()));
        }
        requestRebuild();
    }

    /**
     * Brings the store in line with a fresh list without replacing instances: known deals are updated in place,
     * new ones added, missing ones removed; the selection stays when its deal still exists.
     */
    public void reconcile(List<Deal> fresh) {
        List<Deal> sorted = newestFirst(fresh);
        Map<String, Entry> next = new HashMap<>(sorted.size() * 2);
        List<Deal> ordered = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Deal incoming = sorted.get(i);
            Entry e = byId.get(incoming.getId());
            if (e == null) {
                e = new Entry(incoming, i);
            } else {
                e.order = i;
                if (DealChanges.of(incoming).applyTo(e.deal)) {
                    e.deal.markChanged();
                }
            }
            next.put(incoming.getId(), e);
            ordered.add(e.deal);
        }
        byId.clear();
        byId.putAll(next);
        changed.clear();
        newestOrder = 0;
        if (!deals.equals(ordered)) {
            deals.setAll(ordered);
        }
        Deal selected = selectedDeal.get();
        if (selected != null && byId(selected.getId()) != selected) {
            selectedDeal.set(null);
        }
        requestRebuild();
    }

    /** Merges a deal fetched with details (activities, insights) into the store's instance; false when unknown. */
    public boolean mergeDetails(Deal full) {
        Entry e = byId.get(full.getId());
        if (e == null) {
            return false;
        }
        if (DealChanges.of(full).applyTo(e.deal)) {
            e.deal.markChanged();
            markDirty(e);
        }
        flushUnlessBatching();
        return true;
    }

    /** Empties the store (logout). */
    public void clear() {
        loadSnapshot(List.of());
        selectedDeal.set(null);
    }

    // ---- optimistic local edits -----------------------------------------------------------------------------

    /** Shows a change at once; the returned edit rolls it back if the server refuses it. */
    public LocalEdit applyLocal(String id, DealChanges changes) {
        Entry e = byId.get(id);
        if (e == null) {
            return LocalEdit.NONE;
        }
        Deal deal = e.deal;
        DealChanges undo = changes.inverseOn(deal);
        applyChanges(e, changes);
        flushUnlessBatching();
        return new LocalEdit(true, () -> {
            Entry current = byId.get(id);
            if (current != null && current.deal == deal) {
                applyChanges(current, undo);
                flushUnlessBatching();
            }
        });
    }

    /** A drag on the board: the stage changes now, the server confirms or the edit is rolled back. */
    public LocalEdit moveToStage(String id, DealStage stage) {
        return applyLocal(id, new DealChanges().stage(stage));
    }

    /** Removes a deal (deleted through REST); false when unknown. */
    public boolean remove(String id) {
        Entry e = byId.remove(id);
        if (e == null) {
            return false;
        }
        uncount(e);
        changed.remove(e);
        deals.remove(e.deal);
        if (selectedDeal.get() == e.deal) {
            selectedDeal.set(null);
        }
        flushUnlessBatching();
        return true;
    }

    // ---- live events (called by RootStore through the dispatcher) -------------------------------------------

    /** deal:created: added at the start; a deal whose id exists already is updated in place, not duplicated. */
    ApplyOutcome applyCreated(Deal deal) {
        Entry existing = byId.get(deal.getId());
        if (existing != null) {
            applyChanges(existing, DealChanges.of(deal));
            remoteChanges.updated(deal.getId());
        } else {
            Entry e = new Entry(deal, --newestOrder);
            byId.put(deal.getId(), e);
            deals.add(0, deal);
            markDirty(e);
            remoteChanges.created(deal.getId());
        }
        return ApplyOutcome.APPLIED;
    }

    /** deal:updated and deal:stage_changed: the named fields, on the store's instance (which the selection holds). */
    ApplyOutcome applyUpdate(DealUpdate update) {
        Entry e = byId.get(update.id());
        if (e == null) {
            return ApplyOutcome.IGNORED;
        }
        if (applyChanges(e, update.changes())) {
            remoteChanges.updated(update.id());
        }
        return ApplyOutcome.APPLIED;
    }

    /** deal:activity_added: first in the list, lastActivity = its date; an activity id seen before is not added again. */
    ApplyOutcome applyActivity(DealActivityAdded added) {
        Entry e = byId.get(added.dealId());
        if (e == null) {
            return ApplyOutcome.IGNORED;
        }
        DealActivity activity = added.activity();
        for (DealActivity a : e.deal.getActivities()) {
            if (a.id().equals(activity.id())) {
                return ApplyOutcome.IGNORED;
            }
        }
        e.deal.getActivities().add(0, activity);
        e.deal.setLastActivity(activity.date());
        e.deal.markChanged();
        markDirty(e);
        remoteChanges.updated(added.dealId());
        return ApplyOutcome.APPLIED;
    }

    // ---- derived views --------------------------------------------------------------------------------------

    private boolean applyChanges(Entry e, DealChanges changes) {
        if (!changes.applyTo(e.deal)) {
            return false;
        }
        e.deal.markChanged();
        markDirty(e);
        return true;
    }

    private void markDirty(Entry e) {
        if (!e.dirty) {
            e.dirty = true;
            changed.add(e);
        }
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

    /** Brings the derived views up to date with what changed since the last flush; runs once per batch. */
    void flush() {
        if (rebuildNeeded) {
            rebuild();
        } else if (!changed.isEmpty()) {
            Instant now = clock.instant();
            for (Entry e : changed) {
                account(e, now);
            }
            publishTotals();
        }
        for (Entry e : changed) {
            e.dirty = false;
        }
        changed.clear();
        remoteChanges.fire();
    }

    /** Moves one deal's contribution from what was counted to what it is now. */
    private void account(Entry e, Instant now) {
        Deal d = e.deal;
        boolean shown = matches(d, now);
        DealStage stage = d.getStage();
        boolean sameColumn = e.counted && e.shown && shown && e.stage == stage;
        uncountTotals(e);
        if (e.counted && e.shown && !sameColumn) {
            stageViews.get(e.stage).remove(d, e.order);
        }
        e.counted = true;
        e.shown = shown;
        e.stage = stage;
        e.value = d.getValue();
        e.probability = d.getProbability();
        e.open = !stage.isClosed();
        if (shown && !sameColumn) {
            stageViews.get(stage).insert(d, e.order);
        }
        countTotals(e);
    }

    private void uncount(Entry e) {
        if (e.counted && e.shown) {
            stageViews.get(e.stage).remove(e.deal, e.order);
        }
        uncountTotals(e);
        e.counted = false;
        publishTotals();
    }

    private void countTotals(Entry e) {
        if (e.shown) {
            stageTotals.get(e.stage).add(e.value, e.probability, 1);
            touchedStages.add(e.stage);
        }
        if (e.open) {
            openCount++;
            openValue += e.value;
            openWeighted += weighted(e.value, e.probability);
        }
    }

    private void uncountTotals(Entry e) {
        if (!e.counted) {
            return;
        }
        if (e.shown) {
            stageTotals.get(e.stage).add(e.value, e.probability, -1);
            touchedStages.add(e.stage);
        }
        if (e.open) {
            openCount--;
            openValue -= e.value;
            openWeighted -= weighted(e.value, e.probability);
        }
    }

    /** Recounts everything in one pass over the deals (after a snapshot, or when the filter or search changed). */
    private void rebuild() {
        rebuildNeeded = false;
        Instant now = clock.instant();
        Map<DealStage, List<Deal>> columns = new EnumMap<>(DealStage.class);
        Map<DealStage, List<Long>> orders = new EnumMap<>(DealStage.class);
        for (DealStage s : STAGES) {
            columns.put(s, new ArrayList<>());
            orders.put(s, new ArrayList<>());
            Totals t = stageTotals.get(s);
            t.count = 0;
            t.value = 0;
            t.weighted = 0;
        }
        openCount = 0;
        openValue = 0;
        openWeighted = 0;
        for (Deal d : deals) {
            Entry e = byId.get(d.getId());
            e.counted = true;
            e.shown = matches(d, now);
            e.stage = d.getStage();
            e.value = d.getValue();
            e.probability = d.getProbability();
            e.open = !e.stage.isClosed();
            if (e.shown) {
                columns.get(e.stage).add(d);
                orders.get(e.stage).add(e.order);
            }
            countTotals(e);
        }
        for (DealStage s : STAGES) {
            stageViews.get(s).replaceAll(columns.get(s), orders.get(s));
        }
        touchedStages.addAll(EnumSet.allOf(DealStage.class));
        publishTotals();
    }

    private void publishTotals() {
        for (DealStage s : touchedStages) {
            Totals t = stageTotals.get(s);
            StageSummary summary = new StageSummary(s, t.count, t.value, t.weighted);
            if (!summary.equals(summaries.get(s).get())) {
                summaries.get(s).set(summary);
            }
        }
        touchedStages.clear();
        openDealCount.set(openCount);
        pipelineTotal.set(openValue);
        weightedForecast.set(openWeighted);
    }

    private boolean matches(Deal d, Instant now) {
        return filter.get().test(d, now) && matchesSearch(d);
    }

    private boolean matchesSearch(Deal d) {
        String q = searchLower;
        return q.isEmpty() || containsIgnoreCase(d.getTitle(), q) || containsIgnoreCase(d.getCompany(), q)
                || containsIgnoreCase(d.getContactName(), q);
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

    private static double weighted(double value, int probability) {
        return value * probability / 100.0;
    }

    /** Newest first by created date (undated last), keeping the given order among equals; duplicate ids dropped. */
    private static List<Deal> newestFirst(List<Deal> input) {
        Map<String, Deal> unique = new LinkedHashMap<>();
        for (Deal d : input) {
            unique.putIfAbsent(d.getId(), d);
        }
        List<Deal> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparing(Deal::getCreatedDate, Comparator.nullsLast(Comparator.reverseOrder())));
        return sorted;
    }
}
