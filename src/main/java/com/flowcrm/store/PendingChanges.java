package com.flowcrm.store;

import com.flowcrm.local.FieldChange;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.OutboxStatus;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rep's changes on their way to the server, for the window: the list the Pending changes panel shows (outbox
 * order), the counts of the status bar ("3 changes waiting to send"), whether a record or a field has a waiting change
 * (the pending marks of cards, rows and fields; {@link #revisionProperty()} ticks when that changes), what the rep can
 * do with each change, and a word when the server refuses one. Mirrors the outbox of the local workspace: the stores
 * show every waiting, sending or conflicting change layered over the confirmed data; a refused one is rolled back on
 * screen until the rep retries it. Empty and inert while no workspace is open (a live-only session). UI thread only.
 */
public final class PendingChanges {
    private static final Logger LOG = LoggerFactory.getLogger(PendingChanges.class);

    /** What the rep can do with a change; the open workspace's outbox does it. */
    interface Actions {
        CompletableFuture<Void> retry(UUID id);

        CompletableFuture<Void> discard(UUID id);

        CompletableFuture<Void> keepMine(UUID id);

        CompletableFuture<Void> keepTheirs(UUID id);
    }

    private static final Actions NO_WORKSPACE = new Actions() {
        @Override
        public CompletableFuture<Void> retry(UUID id) {
            return none();
        }

        @Override
        public CompletableFuture<Void> discard(UUID id) {
            return none();
        }

        @Override
        public CompletableFuture<Void> keepMine(UUID id) {
            return none();
        }

        @Override
        public CompletableFuture<Void> keepTheirs(UUID id) {
            return none();
        }

        private CompletableFuture<Void> none() {
            return CompletableFuture.failedFuture(new SessionException(SessionException.Kind.REJECTED,
                    "There is no local copy open: nothing is waiting to be sent."));
        }
    };

    /** One entry as this window knows it: the outbox entry, when it was last brought up to date, its layer. */
    private static final class Tracked {
        OutboxEntry entry;
        long stamp;
        boolean layered;
        final long sequence;
        /** The panel's view of the entry, made again when the entry changes (or its record was not loaded yet). */
        PendingChange view;
        boolean labelKnown;

        Tracked(OutboxEntry entry, long stamp, long sequence) {
            this.entry = entry;
            this.stamp = stamp;
            this.sequence = sequence;
        }
    }

    private final RootStore root;
    private final PendingLayering layering;
    private final Map<UUID, Tracked> tracked = new LinkedHashMap<>();
    private final ObservableList<PendingChange> changes = FXCollections.observableArrayList();
    private final ObservableList<PendingChange> changesReadOnly = FXCollections.unmodifiableObservableList(changes);
    private final Map<PendingTarget, Set<String>> fieldsByTarget = new HashMap<>();
    private final Set<PendingTarget> waitingTargets = new HashSet<>();
    private final ReadOnlyIntegerWrapper waitingCount = new ReadOnlyIntegerWrapper(this, "waitingCount");
    private final ReadOnlyIntegerWrapper attentionCount = new ReadOnlyIntegerWrapper(this, "attentionCount");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final List<Consumer<PendingChange>> rejectionListeners = new CopyOnWriteArrayList<>();
    private Actions actions = NO_WORKSPACE;
    private long nextSequence;

    PendingChanges(RootStore root) {
        this.root = Objects.requireNonNull(root, "root");
        this.layering = new PendingLayering(root);
    }

    // ---- for the window -----------------------------------------------------------------------------------------

    /** Every change not yet accepted by the server, in the order the rep made them; read-only. */
    public ObservableList<PendingChange> changes() {
        return changesReadOnly;
    }

    /** Changes still to be sent on their own (waiting or sending): "3 changes waiting to send". */
    public ReadOnlyIntegerProperty waitingCountProperty() {
        return waitingCount.getReadOnlyProperty();
    }

    /** Changes the rep has to act on (refused, or in conflict). */
    public ReadOnlyIntegerProperty attentionCountProperty() {
        return attentionCount.getReadOnlyProperty();
    }

    /** Whether the session keeps a local copy with an outbox (false: live only, every change goes straight out). */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** Ticks whenever a change is added, moves on or goes: re-read the marks then. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The status bar's words: "3 changes waiting to send", "1 change waiting to send", or null when none wait. */
    public String waitingText() {
        int n = waitingCount.get();
        return n == 0 ? null : n == 1 ? "1 change waiting to send" : n + " changes waiting to send";
    }

    /** Whether the record has a change that is not accepted yet (waiting, sending, refused or in conflict). */
    public boolean hasWaitingChange(PendingTarget target) {
        return waitingTargets.contains(target);
    }

    /** The fields of the record (wire names) a waiting or conflicting change sets; empty when none. */
    public Set<String> pendingFields(PendingTarget target) {
        Set<String> fields = fieldsByTarget.get(target);
        return fields == null ? Set.of() : Set.copyOf(fields);
    }

    /** The change with this id, if it is still pending. */
    public java.util.Optional<PendingChange> find(UUID id) {
        Tracked t = tracked.get(id);
        return t == null ? java.util.Optional.empty() : java.util.Optional.of(viewOf(t));
    }

    /** "Retry": a refused change (or one waiting for its next attempt) is sent at the next chance. */
    public CompletableFuture<Void> retry(UUID id) {
        return actions.retry(id);
    }

    /** "Discard": the change is dropped; the record shows what the server has. */
    public CompletableFuture<Void> discard(UUID id) {
        return actions.discard(id);
    }

    /** "Keep mine" in a conflict: the rep's values are sent again over what the server has now. */
    public CompletableFuture<Void> keepMine(UUID id) {
        return actions.keepMine(id);
    }

    /** "Keep theirs" in a conflict: the rep's values are dropped; the server's stay. */
    public CompletableFuture<Void> keepTheirs(UUID id) {
        return actions.keepTheirs(id);
    }

    /** Told (UI thread) of every change the server refused, after it was rolled back on screen; its reason says why. */
    public void addRejectionListener(Consumer<PendingChange> listener) {
        rejectionListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeRejectionListener(Consumer<PendingChange> listener) {
        rejectionListeners.remove(listener);
    }

    // ---- for the outbox (UI thread) ----------------------------------------------------------------------------

    void open(Actions workspaceActions) {
        actions = Objects.requireNonNull(workspaceActions, "workspaceActions");
        available.set(true);
    }

    /** The workspace closed: the changes stay on disk; nothing shows or is layered any more. */
    void close() {
        for (Tracked t : tracked.values()) {
            if (t.layered) {
                layering.unlayer(t.entry);
            }
        }
        tracked.clear();
        actions = NO_WORKSPACE;
        available.set(false);
        republish();
    }

    /** A change the rep just made: shown at once, before its append is committed. */
    void showNew(OutboxEntry entry) {
        Tracked t = new Tracked(entry, 0, nextSequence++);
        tracked.put(entry.id(), t);
        relayer(t, null);
        republish();
    }

    /** The append was refused (disk full): the change goes, the record shows what it showed before. */
    void dropUnsaved(UUID id) {
        remove(id);
    }

    /** The entry moved on (saved, sending, retried later, refused, in conflict, waiting again). */
    void update(OutboxEntry entry, long stamp) {
        Tracked t = tracked.get(entry.id());
        if (t == null) {
            t = new Tracked(entry, stamp, nextSequence++);
            tracked.put(entry.id(), t);
            relayer(t, null);
        } else {
            if (stamp < t.stamp) {
                return;
            }
            OutboxEntry before = t.entry;
            t.entry = entry;
            t.stamp = stamp;
            t.view = null;
            relayer(t, before);
        }
        republish();
    }

    /** The entry left the outbox (accepted by the server, kept theirs, discarded). */
    void removed(UUID id, long stamp) {
        Tracked t = tracked.get(id);
        if (t != null && stamp >= t.stamp) {
            remove(id);
        }
    }

    /**
     * The outbox as read from disk, with the stamp taken just before the read: another process (the command line) may
     * have added, sent or resolved changes. Entries this window updated after that stamp keep what it knows.
     */
    void sync(List<OutboxEntry> outbox, long stampBeforeRead) {
        Set<UUID> seen = new HashSet<>();
        for (OutboxEntry entry : outbox) {
            seen.add(entry.id());
            Tracked t = tracked.get(entry.id());
            if (t == null || (t.stamp <= stampBeforeRead && !entry.equals(t.entry))) {
                update(entry, stampBeforeRead);
            }
        }
        for (Tracked t : List.copyOf(tracked.values())) {
            // saved before the read began and not on disk any more: sent or resolved elsewhere
            if (!seen.contains(t.entry.id()) && t.stamp > 0 && t.stamp <= stampBeforeRead) {
                remove(t.entry.id());
            }
        }
        republish();
    }

    /** Records just came into the stores: the changes about them are named by their titles now. */
    void relabel() {
        if (!tracked.isEmpty()) {
            republish();
        }
    }

    /** Every change this window tracks, as the outbox entries it knows (the sign-out dialog counts them). */
    List<OutboxEntry> entries() {
        List<OutboxEntry> out = new ArrayList<>(tracked.size());
        tracked.values().forEach(t -> out.add(t.entry));
        return out;
    }

    private void remove(UUID id) {
        Tracked t = tracked.remove(id);
        if (t == null) {
            return;
        }
        if (t.layered) {
            layering.unlayer(t.entry);
        }
        republish();
    }

    /** Layers the entry while it waits, sends or conflicts; a refused one shows the confirmed state (and says why). */
    private void relayer(Tracked t, OutboxEntry before) {
        boolean shown = t.entry.status() != OutboxStatus.FAILED;
        if (shown) {
            layering.layer(t.entry, t.sequence);
            t.layered = true;
            if (before != null && before.status() != t.entry.status()) {
                layering.touch(t.entry);
            }
        } else if (t.layered) {
            layering.unlayer(t.entry);
            t.layered = false;
        }
        if (!shown && (before == null || before.status() != OutboxStatus.FAILED) && t.stamp > 0) {
            PendingChange refused = viewOf(t);
            LOG.info("The server refused {} on {}: {}", refused.kind(), refused.label(), refused.reason());
            for (Consumer<PendingChange> listener : rejectionListeners) {
                try {
                    listener.accept(refused);
                } catch (RuntimeException e) {
                    LOG.error("A rejection listener failed", e);
                }
            }
        }
    }

    private void republish() {
        List<PendingChange> views = new ArrayList<>(tracked.size());
        fieldsByTarget.clear();
        waitingTargets.clear();
        int waiting = 0;
        int attention = 0;
        for (Tracked t : tracked.values()) {
            PendingChange view = viewOf(t);
            views.add(view);
            if (view.isWaiting()) {
                waiting++;
            } else {
                attention++;
            }
            waitingTargets.add(view.target());
            if (t.layered) {
                Set<String> fields = fieldsByTarget.computeIfAbsent(view.target(), k -> new HashSet<>());
                t.entry.fields().forEach(f -> fields.add(f.field()));
            }
        }
        if (views.size() == changes.size()) {
            for (int i = 0; i < views.size(); i++) {
                if (views.get(i) != changes.get(i)) {
                    changes.set(i, views.get(i));
                }
            }
        } else {
            changes.setAll(views);
        }
        waitingCount.set(waiting);
        attentionCount.set(attention);
        revision.set(revision.get() + 1);
    }

    private PendingChange viewOf(Tracked t) {
        if (t.view == null || !t.labelKnown) {
            t.view = view(t.entry);
            t.labelKnown = isKnown(t.view.target());
        }
        return t.view;
    }

    private boolean isKnown(PendingTarget target) {
        return switch (target.type()) {
            case DEAL -> root.deals().byId(target.id()) != null;
            case CONTACT -> root.contacts().byId(target.id()) != null;
            case NOTIFICATION -> target.equals(PendingTarget.ALL_NOTIFICATIONS) || root.notifications().byId(target.id()) != null;
        };
    }

    private PendingChange view(OutboxEntry e) {
        PendingTarget target = targetOf(e);
        List<PendingChange.PendingField> fields = new ArrayList<>(e.fields().size());
        for (FieldChange f : e.fields()) {
            fields.add(new PendingChange.PendingField(f.field(), PendingFieldText.label(f.field()),
                    PendingFieldText.readable(e.kind(), f.field(), f.base()),
                    PendingFieldText.readable(e.kind(), f.field(), f.value()),
                    PendingFieldText.readable(e.kind(), f.field(), f.theirs())));
        }
        return new PendingChange(e.id(), e.createdAt(), PendingChange.Kind.valueOf(e.kind().name()), target,
                labelOf(target), statusOf(e.status()), e.reason(), fields, e.nextAttemptAt());
    }

    static PendingTarget targetOf(OutboxEntry e) {
        return new PendingTarget(PendingTarget.Type.valueOf(e.target().type().name()), e.target().id());
    }

    private static PendingChange.Status statusOf(OutboxStatus status) {
        return switch (status) {
            case WAITING -> PendingChange.Status.WAITING;
            case SENDING, SENT -> PendingChange.Status.SENDING;
            case FAILED -> PendingChange.Status.FAILED;
            case CONFLICT -> PendingChange.Status.CONFLICT;
        };
    }

    private String labelOf(PendingTarget target) {
        if (target.equals(PendingTarget.ALL_NOTIFICATIONS)) {
            return "All notifications";
        }
        return switch (target.type()) {
            case DEAL -> {
                Deal d = root.deals().confirmedById(target.id());
                yield d == null || d.getTitle().isBlank() ? "Deal " + target.id() : d.getTitle();
            }
            case CONTACT -> {
                Contact c = root.contacts().confirmedById(target.id());
                yield c == null || c.getName().isBlank() ? "Contact " + target.id() : c.getName();
            }
            case NOTIFICATION -> {
                Notification n = root.notifications().byId(target.id());
                yield n == null || n.getTitle() == null || n.getTitle().isBlank() ? "Notification " + target.id()
                        : n.getTitle();
            }
        };
    }
}
