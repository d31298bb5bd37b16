package com.flowcrm.ui.offline;

import com.flowcrm.store.PendingChange;
import com.flowcrm.store.PendingChanges;
import com.flowcrm.ui.FxThread;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.kit.DisplayFormats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.WeakListChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pending changes panel: every change of the rep's that the server has not accepted yet, oldest first, with its
 * status and reason; "Retry" and "Discard" for each, "Keep mine" and "Keep theirs" for a conflict, and the record it
 * is about one click away. The actions go to the session's {@link PendingChanges}; the rows follow what it says
 * after. UI thread.
 */
public final class PendingChangesViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(PendingChangesViewModel.class);

    private final PendingChanges pending;
    private final Navigator navigator;
    private final Clock clock;
    private final ObservableList<PendingRow> rows = FXCollections.observableArrayList();
    private final ObservableList<PendingRow> rowsShown = FXCollections.unmodifiableObservableList(rows);
    private final ObservableSet<UUID> busy = FXCollections.observableSet();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ListChangeListener<PendingChange> changesMoved = c -> refresh();
    private final InvalidationListener countsMoved = o -> refreshHeadline();

    public PendingChangesViewModel(PendingChanges pending, Navigator navigator, Clock clock) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        this.clock = Objects.requireNonNull(clock, "clock");
        // the session outlives this window: it holds the panel weakly
        pending.changes().addListener(new WeakListChangeListener<>(changesMoved));
        pending.waitingCountProperty().addListener(new WeakInvalidationListener(countsMoved));
        pending.attentionCountProperty().addListener(new WeakInvalidationListener(countsMoved));
        pending.availableProperty().addListener(new WeakInvalidationListener(countsMoved));
        refresh();
    }

    /** The changes, oldest first. */
    public ObservableList<PendingRow> rows() {
        return rowsShown;
    }

    /** "3 changes waiting to send · 1 needs your attention", or what it means that nothing waits. */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** Why the last action did not work, or null. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether this session keeps a local copy (otherwise every change goes straight to the server). */
    public ReadOnlyBooleanProperty availableProperty() {
        return pending.availableProperty();
    }

    /** Changes an action was asked for and has not finished yet (their buttons wait). */
    public ObservableSet<UUID> busy() {
        return busy;
    }

    public void dismissMessage() {
        message.set(null);
    }

    /** Sends a refused change again, or a waiting one now rather than at its next try. */
    public CompletableFuture<Void> retry(PendingRow row) {
        return act(row, "retry", pending::retry);
    }

    /** Drops the change; the record shows what the server has. */
    public CompletableFuture<Void> discard(PendingRow row) {
        return act(row, "discard", pending::discard);
    }

    /** In a conflict: the rep's values go to the server over what it has now. */
    public CompletableFuture<Void> keepMine(PendingRow row) {
        return act(row, "keep your version of", pending::keepMine);
    }

    /** In a conflict: the server's values stay; the rep's change goes. */
    public CompletableFuture<Void> keepTheirs(PendingRow row) {
        return act(row, "keep the server's version of", pending::keepTheirs);
    }

    /** Shows the deal or contact the change is about. */
    public void open(PendingRow row) {
        if (row == null || !row.canOpen()) {
            return;
        }
        switch (row.target().type()) {
            case DEAL -> navigator.showDeal(row.target().id());
            case CONTACT -> navigator.showContact(row.target().id());
            case NOTIFICATION -> { }
        }
    }

    private CompletableFuture<Void> act(PendingRow row, String what, Function<UUID, CompletableFuture<Void>> action) {
        if (row == null || busy.contains(row.id())) {
            return CompletableFuture.completedFuture(null);
        }
        busy.add(row.id());
        message.set(null);
        // a refused action is said in the panel (messageProperty); the returned future completes either way
        CompletableFuture<Void> done = new CompletableFuture<>();
        action.apply(row.id()).whenComplete((ok, error) -> FxThread.run(() -> {
            busy.remove(row.id());
            if (error != null) {
                String reason = DisplayFormats.failureReason(error);
                LOG.warn("Could not {} change {} on {}: {}", what, row.id(), row.targetLabel(), reason);
                message.set("Could not " + what + " \u201c" + row.targetLabel() + "\u201d: " + reason);
            }
            done.complete(null);
        }));
        return done;
    }

    private void refresh() {
        List<PendingRow> next = new ArrayList<>(pending.changes().size());
        for (PendingChange change : pending.changes()) {
            next.add(PendingRow.of(change, clock));
        }
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
        refreshHeadline();
    }

    private void refreshHeadline() {
        String counts = PendingStatus.describe(pending.waitingText(), pending.attentionCountProperty().get());
        headline.set(!pending.availableProperty().get()
                ? "This session keeps no copy on this computer: every change goes straight to the server."
                : counts == null ? "Nothing is waiting: the server has every change you made." : counts);
    }
}
