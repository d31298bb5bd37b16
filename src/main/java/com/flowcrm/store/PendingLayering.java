package com.flowcrm.store;

import com.flowcrm.api.Mapped;
import com.flowcrm.api.RecordJson;
import com.flowcrm.local.FieldChange;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.OutboxTarget;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.model.change.NewCommunication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an outbox entry on the stores as a waiting change and takes it off again: its fields become a layer over the
 * record's confirmed state, its activity or communication a waiting item at the top of the record's list, a "mark read"
 * a read notification. The same entry always gives the same layer, whether it was just made, read back from disk at
 * launch or appended by another process. UI thread only.
 */
final class PendingLayering {
    private static final Logger LOG = LoggerFactory.getLogger(PendingLayering.class);
    /** Waiting activities and communications have no server id yet; this marks them in the model. */
    static final String PENDING_ID_PREFIX = "pending-";

    private final RootStore root;

    PendingLayering(RootStore root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** Shows the entry over the confirmed state; {@code sequence} orders the layers of one record. */
    void layer(OutboxEntry entry, long sequence) {
        OutboxTarget target = entry.target();
        switch (entry.kind()) {
            case STAGE_MOVE, DEAL_EDIT -> dealChanges(entry).ifPresent(patch -> root.deals().layer(target.id(),
                    new PendingOverlay.Layer<>(entry.id(), sequence, patch, null)));
            case LOG_ACTIVITY -> {
                Mapped<NewActivity> activity = RecordJson.readNewActivity(entry.payloadJson());
                if (unreadable(entry, activity)) {
                    return;
                }
                NewActivity a = activity.value();
                root.deals().layer(target.id(), new PendingOverlay.Layer<>(entry.id(), sequence, null,
                        new DealActivity(PENDING_ID_PREFIX + entry.id(), a.type(), a.date(), a.description(),
                                a.outcome(), a.nextStep())));
            }
            case CONTACT_EDIT -> contactChanges(entry).ifPresent(patch -> root.contacts().layer(target.id(),
                    new PendingOverlay.Layer<>(entry.id(), sequence, patch, null)));
            case LOG_COMMUNICATION -> {
                Mapped<NewCommunication> communication = RecordJson.readNewCommunication(entry.payloadJson());
                if (unreadable(entry, communication)) {
                    return;
                }
                NewCommunication c = communication.value();
                root.contacts().layer(target.id(), new PendingOverlay.Layer<>(entry.id(), sequence, null,
                        new CommunicationEvent(PENDING_ID_PREFIX + entry.id(), c.type(), c.date(), c.subject(),
                                c.summary(), null, null)));
            }
            case MARK_NOTIFICATION_READ -> root.notifications().layerRead(target.id(), entry.id());
            case MARK_ALL_READ -> root.notifications().layerAllRead(entry.id(), entry.createdAt());
        }
    }

    /** Takes the entry off: the record shows its confirmed state with its other waiting changes. */
    void unlayer(OutboxEntry entry) {
        switch (entry.kind()) {
            case STAGE_MOVE, DEAL_EDIT, LOG_ACTIVITY -> root.deals().unlayer(entry.target().id(), entry.id());
            case CONTACT_EDIT, LOG_COMMUNICATION -> root.contacts().unlayer(entry.target().id(), entry.id());
            case MARK_NOTIFICATION_READ, MARK_ALL_READ -> root.notifications().unlayer(entry.id());
        }
    }

    /** Redraws the record (its pending mark changed, its values did not). */
    void touch(OutboxEntry entry) {
        switch (entry.target().type()) {
            case DEAL -> root.deals().touch(entry.target().id());
            case CONTACT -> root.contacts().touch(entry.target().id());
            case NOTIFICATION -> { }
        }
    }

    static java.util.Optional<DealChanges> dealChanges(OutboxEntry entry) {
        Mapped<DealChanges> patch = RecordJson.dealChanges(yours(entry));
        return unreadable(entry, patch) ? java.util.Optional.empty() : java.util.Optional.of(patch.value());
    }

    static java.util.Optional<ContactChanges> contactChanges(OutboxEntry entry) {
        Mapped<ContactChanges> patch = RecordJson.contactChanges(yours(entry));
        return unreadable(entry, patch) ? java.util.Optional.empty() : java.util.Optional.of(patch.value());
    }

    /** The rep's value of every field of the entry, by wire name. */
    static Map<String, String> yours(OutboxEntry entry) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FieldChange f : entry.fields()) {
            values.put(f.field(), f.value());
        }
        return values;
    }

    private static boolean unreadable(OutboxEntry entry, Mapped<?> mapped) {
        if (mapped.isPresent()) {
            return false;
        }
        // written by this app's own writer: only a hand-edited or foreign file gets here
        LOG.warn("The waiting change {} ({} on {}) cannot be shown: {}", entry.id(), entry.kind(), entry.target(),
                mapped.describeProblems());
        return true;
    }
}
