package com.flowcrm.ui.insights;

import com.flowcrm.model.DealStage;
import com.flowcrm.store.ContactsStore;
import com.flowcrm.store.DealFocus;
import com.flowcrm.store.DealsStore;
import com.flowcrm.store.RootStore;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.store.insights.AtRiskDeal;
import com.flowcrm.store.insights.ContactFacts;
import com.flowcrm.store.insights.ContactHealth;
import com.flowcrm.store.insights.DealFacts;
import com.flowcrm.store.insights.DealGroup;
import com.flowcrm.store.insights.ForecastBucket;
import com.flowcrm.store.insights.InsightsCalculator;
import com.flowcrm.store.insights.PipelineInsights;
import com.flowcrm.store.insights.RottingLimits;
import com.flowcrm.ui.Navigator;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the Insights view: the insights computed from the stores (never over REST), recomputed through a
 * {@link RedrawThrottle} at most {@code 1 / REDRAW_INTERVAL} times a second however fast live events arrive, the
 * forecast's weighted/total switch, and the click-throughs to the board, a deal or a contact. A redraw copies what
 * changed since the last one ({@link RecordSnapshots}) on the UI thread and computes on the {@code compute}
 * executor: walking 10,000 deals and 50,000 contacts took the UI thread 25 ms four times a second, longer than a
 * frame, and every live event arriving meanwhile waited for it.
 */
public final class InsightsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(InsightsViewModel.class);
    /** At most four redraws a second. */
    static final Duration REDRAW_INTERVAL = Duration.ofMillis(250);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.US);

    private final DealsStore deals;
    private final ContactsStore contacts;
    private final Navigator navigator;
    private final InsightsCalculator calculator;
    private final RedrawThrottle throttle;
    private final ReadOnlyObjectWrapper<PipelineInsights> insights = new ReadOnlyObjectWrapper<>(this, "insights");
    private final BooleanProperty weighted = new SimpleBooleanProperty(this, "weighted", true);
    // held here so that the weak listeners on the long-lived stores live exactly as long as this view model
    private final InvalidationListener dealsChanged;
    private final InvalidationListener limitsChanged;
    private final InvalidationListener contactsChanged;
    /** The contacts' part is recomputed only when contacts changed (or time passed): it walks every contact. */
    private boolean contactsDirty = true;
    private ContactHealth contactHealth;
    private final RecordSnapshots<Deal, DealFacts> dealFacts = new RecordSnapshots<>(Deal::getId, DealFacts::of);
    private final RecordSnapshots<Contact, ContactFacts> contactFacts =
            new RecordSnapshots<>(Contact::getId, ContactFacts::of);
    private final Executor compute;
    private final Executor ui;
    private boolean computing;
    private boolean computeAgain;

    /** Computes on the calling (UI) thread: for tests on virtual time. */
    InsightsViewModel(RootStore root, Navigator navigator, Clock clock, RedrawThrottle.Timer timer, LongSupplier nanoTime) {
        this(root, navigator, clock, timer, nanoTime, Runnable::run, Runnable::run);
    }

    /** {@code compute} runs the computation; {@code ui} brings its result back to the UI thread. */
    InsightsViewModel(RootStore root, Navigator navigator, Clock clock, RedrawThrottle.Timer timer, LongSupplier nanoTime,
            Executor compute, Executor ui) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.deals = root.deals();
        this.contacts = root.contacts();
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        this.calculator = new InsightsCalculator(clock);
        this.throttle = new RedrawThrottle(REDRAW_INTERVAL, nanoTime, timer, this::recompute);
        dealsChanged = o -> {
            noteChanged(dealFacts, deals.changedInLastRevision());
            throttle.invalidate();
        };
        limitsChanged = o -> throttle.invalidate();
        contactsChanged = o -> {
            noteChanged(contactFacts, contacts.changedInLastRevision());
            contactsDirty = true;
            throttle.invalidate();
        };
        deals.revisionProperty().addListener(new WeakInvalidationListener(dealsChanged));
        deals.rottingLimitsProperty().addListener(new WeakInvalidationListener(limitsChanged));
        contacts.revisionProperty().addListener(new WeakInvalidationListener(contactsChanged));
        throttle.invalidate();
    }

    /** The latest insights, replaced at most four times a second; null until the view was first shown. */
    public ReadOnlyObjectProperty<PipelineInsights> insightsProperty() {
        return insights.getReadOnlyProperty();
    }

    /** The forecast shows weighted values (value x probability) when true, total values when false. */
    public BooleanProperty weightedProperty() {
        return weighted;
    }

    /** The rotting limits the at-risk list, the board's chip and the cards follow. */
    public ObjectProperty<RottingLimits> rottingLimitsProperty() {
        return deals.rottingLimitsProperty();
    }

    /** Whether the view is on screen; off screen nothing is computed, and showing it again catches up once. */
    public void setShowing(boolean showing) {
        throttle.setActive(showing);
    }

    /** Time-based figures (idle days, overdue, this month) move on without events; the view calls this now and then. */
    public void timePassed() {
        contactsDirty = true;
        // idle days and overdue follow-ups move on with no revision ticking: re-read every record (once a minute)
        dealFacts.clear();
        contactFacts.clear();
        throttle.invalidate();
    }

    /** How many deals the stores hold now (closed ones too). */
    public int dealCount() {
        return deals.size();
    }

    public int contactCount() {
        return contacts.size();
    }

    /** How many times the insights were recomputed and redrawn. */
    public long redrawCount() {
        return throttle.redraws();
    }

    /** Off screen nothing is copied: showing the view again copies everything once. */
    private <M, S> void noteChanged(RecordSnapshots<M, S> copies, List<M> changed) {
        copies.changed(throttle.isActive() ? changed : null);
    }

    private void recompute() {
        if (computing) {
            // one computation at a time; this redraw's changes are picked up by one more when it is done
            computeAgain = true;
            return;
        }
        List<DealFacts> dealsNow = dealFacts.of(deals.getDeals());
        List<ContactFacts> contactsNow = null;
        if (contactsDirty || contactHealth == null) {
            contactsDirty = false;
            contactsNow = contactFacts.of(contacts.getContacts());
        }
        ContactHealth contactsBefore = contactHealth;
        List<ContactFacts> contactsToWalk = contactsNow;
        RottingLimits limits = deals.rottingLimitsProperty().get();
        PipelineInsights shownBefore = insights.get();
        computing = true;
        CompletableFuture.supplyAsync(() -> {
            ContactHealth health = contactsToWalk == null ? contactsBefore : calculator.contactHealthOfFacts(contactsToWalk);
            PipelineInsights fresh = sharingUnchanged(shownBefore, calculator.computeOfFacts(dealsNow, health, limits));
            return new Computed(fresh.contacts(), fresh);
        }, compute).whenCompleteAsync((done, error) -> {
            computing = false;
            if (error != null) {
                LOG.error("Computing the insights failed; the view keeps showing the last ones", error);
                contactsDirty = contactsDirty || contactsToWalk != null;
            } else {
                contactHealth = done.contacts();
                insights.set(done.insights());
            }
            if (computeAgain) {
                computeAgain = false;
                throttle.invalidate();
            }
        }, ui);
    }

    private record Computed(ContactHealth contacts, PipelineInsights insights) {
    }

    /**
     * The fresh insights with each list that equals the shown one replaced by the shown instance, compared here on the
     * compute thread: the view then tells an unchanged list by identity and never compares long lists on the UI thread.
     */
    static PipelineInsights sharingUnchanged(PipelineInsights shown, PipelineInsights fresh) {
        if (shown == null) {
            return fresh;
        }
        List<AtRiskDeal> atRisk = fresh.atRisk().equals(shown.atRisk()) ? shown.atRisk() : fresh.atRisk();
        ContactHealth health = fresh.contacts();
        if (health != shown.contacts() && health.followUpsDue().equals(shown.contacts().followUpsDue())) {
            health = new ContactHealth(health.high(), health.medium(), health.low(), shown.contacts().followUpsDue());
        }
        if (atRisk == fresh.atRisk() && health == fresh.contacts()) {
            return fresh;
        }
        return new PipelineInsights(fresh.generatedAt(), fresh.limits(), fresh.figures(), fresh.forecast(), fresh.stages(),
                atRisk, health);
    }

    // ---- click-through ---------------------------------------------------------------------------------------

    /** A forecast bar's segment: its stage's deals in that bar. */
    public void openForecast(ForecastBucket bar, DealStage stage) {
        openDeals("Forecast " + barLabel(bar) + " \u00b7 " + stage.label(), bar.stage(stage));
    }

    /** A stage's open deals, from the pipeline-by-stage chart. */
    public void openStage(DealStage stage) {
        PipelineInsights now = insights.get();
        if (now != null) {
            openDeals("Pipeline \u00b7 " + stage.label(), now.stage(stage));
        }
    }

    /** The deals of a tile, under a name the board's chip shows. */
    public void openDeals(String label, DealGroup group) {
        openDeals(label, group.dealIds());
    }

    /** Several groups as one focus (the win-rate tile: won and lost). */
    public void openDeals(String label, List<DealGroup> groups) {
        Set<String> ids = new LinkedHashSet<>();
        groups.forEach(g -> ids.addAll(g.dealIds()));
        openDeals(label, ids);
    }

    /** Exactly these deals on the board; the chip says what they are and how many. */
    public void openDeals(String label, Collection<String> dealIds) {
        Set<String> ids = new LinkedHashSet<>(dealIds);
        navigator.showDeals(new DealFocus(label + " (" + ids.size() + ")", ids));
    }

    public void openDeal(String dealId) {
        navigator.showDeal(dealId);
    }

    public void openContact(String contactId) {
        navigator.showContact(contactId);
    }

    /** "Dec 2026", "Overdue", "Later". */
    static String barLabel(ForecastBucket bar) {
        if (bar.month() != null) {
            return monthLabel(bar.month());
        }
        return ForecastBucket.OVERDUE.equals(bar.key()) ? "Overdue" : "Later";
    }

    static String monthLabel(YearMonth month) {
        return MONTH.format(month);
    }
}
