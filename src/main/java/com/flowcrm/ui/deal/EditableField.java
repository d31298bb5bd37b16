package com.flowcrm.ui.deal;

import com.flowcrm.model.Deal;
import com.flowcrm.ui.offline.MarkState;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One editable field of the open deal. It follows the deal while the rep leaves it alone; once the rep is
 * in it (focused) or has changed it, a change from someone else no longer replaces the draft but shows as a
 * notice beside it, so nobody's typing is lost. Its pending mark says when a change of the rep's to it is waiting to be
 * sent, refused or in conflict.
 */
public final class EditableField<T> {
    private final String label;
    private final String wireName;
    private final Function<Deal, T> read;
    private final Function<T, String> describe;
    private final ObjectProperty<T> draft = new SimpleObjectProperty<>(this, "draft");
    private final BooleanProperty editing = new SimpleBooleanProperty(this, "editing");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyStringWrapper remoteNotice = new ReadOnlyStringWrapper(this, "remoteNotice");
    private final ReadOnlyObjectWrapper<MarkState> pending = new ReadOnlyObjectWrapper<>(this, "pending", MarkState.NONE);
    private T baseline;

    EditableField(String label, Function<Deal, T> read, Function<T, String> describe) {
        this(label, null, read, describe);
    }

    /** @param wireName the field's name in a change ({@code expectedCloseDate}), for its pending mark */
    EditableField(String label, String wireName, Function<Deal, T> read, Function<T, String> describe) {
        this.label = label;
        this.wireName = wireName;
        this.read = read;
        this.describe = describe;
    }

    public String label() {
        return label;
    }

    /** The field's name in a change ({@code expectedCloseDate}), or null. */
    public String wireName() {
        return wireName;
    }

    /** The mark of a change of the rep's to this field on its way to the server; NONE when there is none. */
    public ReadOnlyObjectProperty<MarkState> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    void setPending(MarkState state) {
        pending.set(state == null ? MarkState.NONE : state);
    }

    /** What the control shows and the rep types; bind the control to it both ways. */
    public ObjectProperty<T> draftProperty() {
        return draft;
    }

    /** True while the rep is in the field (the view sets it from the control's focus). */
    public BooleanProperty editingProperty() {
        return editing;
    }

    /** Why the draft cannot be saved, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** "Changed by someone else: ..." when the deal changed under the rep's draft, or null. */
    public ReadOnlyStringProperty remoteNoticeProperty() {
        return remoteNotice.getReadOnlyProperty();
    }

    /** The rep changed the field since it was last filled from the deal. */
    public boolean isDirty() {
        return !Objects.equals(draft.get(), baseline);
    }

    /** Takes the deal's current value unless the rep is working in the field. */
    void follow(Deal deal) {
        T current = read.apply(deal);
        if (Objects.equals(current, draft.get())) {
            // the deal now says what the rep typed (their own save came back): nothing to warn about
            baseline = current;
            remoteNotice.set(null);
        } else if (!editing.get() && !isDirty()) {
            baseline = current;
            draft.set(current);
            remoteNotice.set(null);
        } else if (!Objects.equals(current, baseline)) {
            remoteNotice.set("Changed by someone else: " + describe.apply(current));
        } else {
            remoteNotice.set(null);
        }
    }

    /** Fills the field from the deal, dropping the draft (after a save, or when another deal opens). */
    void reset(Deal deal) {
        baseline = read.apply(deal);
        draft.set(baseline);
        error.set(null);
        remoteNotice.set(null);
    }

    void setError(String message) {
        error.set(message);
    }
}
