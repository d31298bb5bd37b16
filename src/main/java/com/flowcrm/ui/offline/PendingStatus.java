package com.flowcrm.ui.offline;

import com.flowcrm.store.PendingChanges;
import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's word on the rep's changes: "3 changes waiting to send", "1 change needs your attention", both
 * joined when both hold, nothing when the server has every change. A click on it opens the Pending changes panel.
 * Its tone says which: waiting (neutral) or needing the rep (a conflict or a refusal). UI thread.
 */
public final class PendingStatus {
    private final PendingChanges pending;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text");
    private final ReadOnlyObjectWrapper<MarkState> tone = new ReadOnlyObjectWrapper<>(this, "tone", MarkState.NONE);
    private final InvalidationListener moved = o -> refresh();

    public PendingStatus(PendingChanges pending) {
        this.pending = Objects.requireNonNull(pending, "pending");
        pending.waitingCountProperty().addListener(new WeakInvalidationListener(moved));
        pending.attentionCountProperty().addListener(new WeakInvalidationListener(moved));
        refresh();
    }

    /** What the status bar says, or null when nothing is pending. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** {@link MarkState#NONE}, {@link MarkState#WAITING}, or {@link MarkState#CONFLICT} when the rep has to act. */
    public ReadOnlyObjectProperty<MarkState> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    private void refresh() {
        int waiting = pending.waitingCountProperty().get();
        int attention = pending.attentionCountProperty().get();
        text.set(describe(pending.waitingText(), attention));
        tone.set(attention > 0 ? MarkState.CONFLICT : waiting > 0 ? MarkState.WAITING : MarkState.NONE);
    }

    /** The store's "3 changes waiting to send" joined with "1 needs your attention"; null when both are nothing. */
    static String describe(String waitingText, int attention) {
        if (attention == 0) {
            return waitingText;
        }
        if (waitingText == null) {
            return attention == 1 ? "1 change needs your attention" : attention + " changes need your attention";
        }
        return waitingText + " \u00b7 " + (attention == 1 ? "1 needs your attention" : attention + " need your attention");
    }
}
