package com.flowcrm.store;

import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.DealDeleted;
import com.flowcrm.model.change.DealUpdate;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.insights.RottingLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * The deals of the pipeline, newest first, with O(1) lookup by id and the derived views of the board: deals per
 * stage (filtered and searched, newest first), per-stage summaries of what is shown, and pipeline totals of all
 * open deals. Mutated on the UI thread only (through the {@link EventDispatcher}); the views are updated
 * incrementally, once per batch, for the deals the batch touched.
 */
public final class DealsStore extends EntityStore<Deal, DealsStore.DealEntry, DealChanges, DealFilter> {
    private static final DealStage[] STAGES = DealStage.values();

    /** One deal, its place in the newest-first order, and what the derived views currently count for it. */
    static final class DealEntry extends StoreEntry<Deal> {
        long order;
        boolean open;
        DealStage stage;
        double value;
        int probability;

        DealEntry(Deal deal, long order) {
            super(deal);
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

    private final Map<DealStage, OrderedView<Deal, Long>> stageViews = new EnumMap<>(DealStage.class);
    private final Map<DealStage, Totals> stageTotals = new EnumMap<>(DealStage.class);
    private final Map<DealStage, ReadOnlyObjectWrapper<StageSummary>> summaries = new EnumMap<>(DealStage.class);
    private final ReadOnlyDoubleWrapper pipelineTotal = new ReadOnlyDoubleWrapper(this, "pipelineTotal");
    private final ReadOnlyDoubleWrapper weightedForecast = new ReadOnlyDoubleWrapper(this, "weightedForecast");
    private final ReadOnlyIntegerWrapper openDealCount = new ReadOnlyIntegerWrapper(this, "openDealCount");
    private final EnumSet<DealStage> touchedStages = EnumSet.noneOf(DealStage.class);
    private final ObjectProperty<RottingLimits> rottingLimits =
            new SimpleObjectProperty<>(this, "rottingLimits", RottingLimits.DEFAULTS);
    private final ObjectProperty<DealFocus> focus = new SimpleObjectProperty<>(this, "focus");
    private int openCount;
    private double openValue;
    private double openWeighted;
    /** Created deals get ever smaller order keys, so that they sort before everything loaded earlier. */
    private long newestOrder;

    public DealsStore(EventDispatcher dispatcher, Clock clock) {
        super(dispatcher, clock, "selectedDeal", DealFilter.ALL);
        for (DealStage s : STAGES) {
            stageViews.put(s, new OrderedView<>(Comparator.naturalOrder()));
            stageTotals.put(s, new Totals());
            summaries.put(s, new ReadOnlyObjectWrapper<>(this, "summary-" + s.wireName(), StageSummary.empty(s)));
        }
        rottingLimits.addListener((obs, old, now) -> {
            if (now == null) {
                rottingLimits.set(RottingLimits.DEFAULTS);
                return;
            }
            refresh();
        });
        focus.addListener((obs, old, now) -> refresh());
    }

    /** How long a deal may stay idle per stage; the "At risk" filter and the cards' rotting marks follow it. */
    public ObjectProperty<RottingLimits> rottingLimitsProperty() {
        return rottingLimits;
    }

    /** When set, the columns show only these deals (besides the filter and the search); null shows all. */
    public ObjectProperty<DealFocus> focusProperty() {
        return focus;
    }

    /** All deals, newest first; read-only. */
    public ObservableList<Deal> getDeals() {
        return readOnlyItems();
    }

    /** The selected deal; always the store's own instance, so every live event and merged detail reaches it. */
    public ObjectProperty<Deal> selectedDealProperty() {
        return selection();
    }

    /** The deals of one stage that pass the filter and the search (title, company, contact name); live, read-only. */
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

    /** Logout: the focus goes with the deals it named. */
    @Override
    public void clear() {
        focus.set(null);
        super.clear();
    }

    /** A drag on the board: the stage changes now; the server confirms it or the edit is rolled back. */
    public LocalEdit moveToStage(String id, DealStage stage) {
        return applyLocal(id, new DealChanges().stage(stage));
    }

    // ---- live events (called by RootStore through the dispatcher) -------------------------------------------

    /**
     * deal:created: added at the start. A deal whose id exists already is never duplicated: with versions on both sides
     * the event is a repeat (the sync protocol replays it after a snapshot that had it) and is ignored; from a server
     * without versions it updates the deal in place, as before.
     */
    ApplyOutcome applyCreated(Deal deal) {
        DealEntry existing = entries.get(deal.getId());
        if (existing != null) {
            if (deal.getVersion() > 0 && existing.item.getVersion() > 0) {
                return ApplyOutcome.IGNORED;
            }
            DealChanges created = DealChanges.of(deal);
            noteServerWrote(existing, created);
            if (applyConfirmed(existing, created)) {
                remoteChanges.updated(deal.getId());
            }
        } else {
            DealEntry e = new DealEntry(deal, --newestOrder);
            entries.put(deal.getId(), e);
            items.add(0, deal);
            markDirty(e);
            remoteChanges.created(deal.getId());
            if (overlayOf(deal.getId()) != null) {
                // a deal the rep changed while it was unknown here (loaded later): its waiting change shows again
                reconcileOverlay(deal.getId());
            }
        }
        confirmedChanged(deal.getId());
        return ApplyOutcome.APPLIED;
    }

    /** deal:updated and deal:stage_changed. */
    ApplyOutcome applyUpdate(DealUpdate update) {
        return applyUpdate(update.id(), update.changes());
    }

    /**
     * deal:activity_added: first in the list, lastActivity its date when that is later (as the server keeps it); nothing
     * whose version is not above the deal's (both known). An activity id seen before is not added again, but a
     * versioned event for it still moves the deal to its version, the activity to the top and lastActivity on: the
     * rep's own activity arrives first as the POST's answer (no version) and then as this event; after a reconnect
     * other changes older than it may have been caught up in between. The soak (issue 16) found deals a version
     * behind, with their activities out of order, when the event was dropped as a repeat.
     */
    ApplyOutcome applyActivity(DealActivityAdded added) {
        DealEntry e = entries.get(added.dealId());
        if (e == null || StoreRules.isStale(e.item.getVersion(), added.version())) {
            return ApplyOutcome.IGNORED;
        }
        DealActivity activity = added.activity();
        PendingOverlay<Deal, DealChanges> o = overlayOf(added.dealId());
        Deal target = o != null && o.confirmed != null ? o.confirmed : e.item;
        // read without making the observable list (the lazy model): it is made only when the activity goes in
        List<DealActivity> known = target.activityList();
        int seenAt = indexOf(known, activity.id());
        // a repeat without a version is the same news again; with one, the server's copy of the rep's own activity
        if (seenAt >= 0 && added.version() <= 0) {
            return ApplyOutcome.IGNORED;
        }
        Instant last = target.getLastActivity();
        Instant newest = later(last, activity.date());
        if (target != e.item) {
            // the server's copy gets it; the shown deal is the server's copy with the rep's waiting changes on top
            List<DealActivity> activities = new ArrayList<>(known);
            if (seenAt >= 0) {
                activities.remove(seenAt);
            }
            activities.add(0, activity);
            DealChanges confirmed = new DealChanges().activities(activities).lastActivity(newest);
            applyConfirmed(e, added.version() > 0 ? confirmed.version(added.version()) : confirmed);
        } else {
            if (added.version() > 0) {
                e.item.setVersion(added.version());
            }
            List<DealActivity> activities = e.item.getActivities();
            if (seenAt >= 0) {
                activities.remove(seenAt);
            }
            activities.add(0, activity);
            if (newest != last) {
                e.item.setLastActivity(newest);
            }
            e.item.markChanged();
            markDirty(e);
        }
        remoteChanges.updated(added.dealId());
        confirmedChanged(added.dealId());
        return ApplyOutcome.APPLIED;
    }

    /**
     * The server stored an activity the rep logged (its answer): it joins the deal's confirmed activities, without the
     * highlight of a colleague's change.
     */
    void confirmActivity(String dealId, DealActivity activity) {
        DealEntry e = entries.get(dealId);
        if (e == null) {
            return;
        }
        Deal confirmed = confirmedById(dealId);
        if (indexOf(confirmed.activityList(), activity.id()) >= 0) {
            return;
        }
        applyConfirmed(e, new DealChanges().activities(prepended(confirmed.activityList(), activity))
                .lastActivity(later(confirmed.getLastActivity(), activity.date())));
        confirmedChanged(dealId);
        flushNow();
    }

    private static int indexOf(List<DealActivity> activities, String id) {
        for (int i = 0; i < activities.size(); i++) {
            if (activities.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** lastActivity moves only forward, as the server keeps it. */
    private static Instant later(Instant last, Instant date) {
        return date != null && (last == null || date.isAfter(last)) ? date : last;
    }

    private static List<DealActivity> prepended(List<DealActivity> list, DealActivity first) {
        List<DealActivity> out = new ArrayList<>(list.size() + 1);
        out.add(first);
        out.addAll(list);
        return out;
    }

    /**
     * deal:deleted: the deal leaves the store, the board and the selection (views hear a {@code DELETED} remote change);
     * a deal the store does not have is ignored, so a repeated deletion changes nothing.
     */
    ApplyOutcome applyDeleted(DealDeleted deleted) {
        return remove(deleted.id()) ? ApplyOutcome.APPLIED : ApplyOutcome.IGNORED;
    }

    // ---- EntityStore ----------------------------------------------------------------------------------------

    @Override
    String idOf(Deal item) {
        return item.getId();
    }

    @Override
    DealEntry newEntry(Deal item, int position) {
        return new DealEntry(item, position);
    }

    @Override
    void placed(DealEntry e, int position) {
        e.order = position;
    }

    @Override
    void freshOrderStarts() {
        // a fresh list gets order keys 0..n-1, so created deals restart just below them
        newestOrder = 0;
    }

    /** Newest first by created date (undated last), keeping the given order among equals. */
    @Override
    List<Deal> ordered(List<Deal> unique) {
        List<Deal> sorted = new ArrayList<>(unique);
        sorted.sort(Comparator.comparing(Deal::getCreatedDate, Comparator.nullsLast(Comparator.reverseOrder())));
        return sorted;
    }

    @Override
    DealChanges snapshotOf(Deal item) {
        return DealChanges.of(item);
    }

    @Override
    Deal blank(String id) {
        return new Deal(id);
    }

    /**
     * A waiting activity goes first in the timeline and moves the last activity forward; once the server's copy has
     * the same activity (type, date and text: its answer or its event came before the outbox let go of it), only the
     * server's shows.
     */
    @Override
    void addPending(Deal shown, Object appended) {
        DealActivity pending = (DealActivity) appended;
        for (DealActivity a : shown.getActivities()) {
            if (PendingActivities.sameActivity(a, pending.type(), pending.date(), pending.description())) {
                return;
            }
        }
        shown.getActivities().add(0, pending);
        if (shown.getLastActivity() == null || shown.getLastActivity().isBefore(pending.date())) {
            shown.setLastActivity(pending.date());
        }
    }

    /** List endpoints leave out activities and insights; empty ones must not wipe what the details fetch merged in. */
    @Override
    DealChanges refreshOf(Deal fresh) {
        DealChanges changes = DealChanges.of(fresh);
        if (fresh.activityList().isEmpty()) {
            changes.without(DealChanges.Field.ACTIVITIES);
        }
        if (fresh.insightList().isEmpty()) {
            changes.without(DealChanges.Field.AI_INSIGHTS);
        }
        return changes;
    }

    @Override
    void markChanged(Deal item) {
        item.markChanged();
    }

    @Override
    long versionOf(Deal item) {
        return item.getVersion();
    }

    @Override
    long versionOf(DealChanges changes) {
        return changes.version();
    }

    @Override
    boolean matches(Deal d, DealFilter filter, String q, Instant now) {
        DealFocus only = focus.get();
        return (only == null || only.contains(d.getId())) && filter.test(d, now, rottingLimits.get())
                && (q.isEmpty() || StoreRules.containsIgnoreCase(d.getTitle(), q)
                || StoreRules.containsIgnoreCase(d.getCompany(), q) || StoreRules.containsIgnoreCase(d.getContactName(), q));
    }

    @Override
    void beginOrderedChanges() {
        for (OrderedView<Deal, Long> view : stageViews.values()) {
            view.beginChanges();
        }
    }

    @Override
    void endOrderedChanges() {
        for (OrderedView<Deal, Long> view : stageViews.values()) {
            view.endChanges();
        }
    }

    @Override
    void account(DealEntry e, Instant now) {
        Deal d = e.item;
        boolean shown = matches(d, now);
        DealStage stage = d.getStage();
        boolean sameColumn = e.counted && e.shown && shown && e.stage == stage;
        uncountTotals(e);
        if (e.counted && e.shown && !sameColumn) {
            stageViews.get(e.stage).remove(d, e.order);
        }
        record(e, shown);
        if (shown && !sameColumn) {
            stageViews.get(stage).insert(d, e.order);
        }
        countTotals(e);
    }

    @Override
    void uncount(DealEntry e) {
        if (e.counted && e.shown) {
            stageViews.get(e.stage).remove(e.item, e.order);
        }
        uncountTotals(e);
        e.counted = false;
        publish();
    }

    @Override
    void rebuild(Instant now) {
        Map<DealStage, List<Deal>> columns = new EnumMap<>(DealStage.class);
        Map<DealStage, List<Long>> orders = new EnumMap<>(DealStage.class);
        for (DealStage s : STAGES) {
            columns.put(s, new ArrayList<>());
            orders.put(s, new ArrayList<>());
            stageTotals.put(s, new Totals());
        }
        openCount = 0;
        openValue = 0;
        openWeighted = 0;
        for (Deal d : items) {
            DealEntry e = entries.get(d.getId());
            record(e, matches(d, now));
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
        publish();
    }

    @Override
    void publish() {
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

    /** Notes the deal's current values as what the views count for it. */
    private static void record(DealEntry e, boolean shown) {
        Deal d = e.item;
        e.counted = true;
        e.shown = shown;
        e.stage = d.getStage();
        e.value = d.getValue();
        e.probability = d.getProbability();
        e.open = !e.stage.isClosed();
    }

    private void countTotals(DealEntry e) {
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

    private void uncountTotals(DealEntry e) {
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

    private static double weighted(double value, int probability) {
        return value * probability / 100.0;
    }
}
