package com.flowcrm.ui.offline;

import com.flowcrm.store.PendingChange;
import com.flowcrm.store.PendingChanges;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The word to the rep when the server refused one of their changes: which change, on what, the server's reason, and
 * that the record shows the server's version again (the store rolled it back). The latest refusal shows; more that
 * arrive before it is dismissed are counted and listed in the Pending changes panel. UI thread.
 */
public final class RejectionNotice implements AutoCloseable {
    private final PendingChanges pending;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final Consumer<PendingChange> refused = this::refused;
    private int unseen;

    public RejectionNotice(PendingChanges pending) {
        this.pending = Objects.requireNonNull(pending, "pending");
        pending.addRejectionListener(refused);
    }

    /** What to tell the rep, or null. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void dismiss() {
        unseen = 0;
        message.set(null);
    }

    private void refused(PendingChange change) {
        unseen++;
        message.set(describe(change, unseen - 1));
    }

    static String describe(PendingChange change, int more) {
        String reason = change.reason() == null || change.reason().isBlank() ? "no reason given" : change.reason();
        String text = "The server refused your " + change.kind().label().toLowerCase(java.util.Locale.ROOT) + " on \u201c"
                + change.label() + "\u201d: " + reason + ". It shows the server's version again.";
        if (more > 0) {
            text += more == 1 ? " 1 more change was refused" : " " + more + " more changes were refused";
            text += ": see Pending changes.";
        }
        return text;
    }

    /** Stops listening (the window closed). */
    @Override
    public void close() {
        pending.removeRejectionListener(refused);
    }
}
