package com.flowcrm.ui.offline;

import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A notice of the session's that a rep reads once (the credential store cannot keep the session, the local copy was
 * damaged and set aside): taken from the session as soon as it says something, which also dismisses it there, so the
 * next screen does not show it again; shown here until the rep dismisses it. UI thread.
 */
public final class OneTimeNotice {
    private final ReadOnlyStringProperty source;
    private final Runnable dismissSource;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text");
    private final InvalidationListener said = o -> take();

    /**
     * @param source        the session's notice (null while there is none)
     * @param dismissSource dismisses it in the session
     */
    public OneTimeNotice(ReadOnlyStringProperty source, Runnable dismissSource) {
        this.source = Objects.requireNonNull(source, "source");
        this.dismissSource = Objects.requireNonNull(dismissSource, "dismissSource");
        source.addListener(new WeakInvalidationListener(said));
        take();
    }

    /** The notice, or null. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public void dismiss() {
        text.set(null);
    }

    private void take() {
        String value = source.get();
        if (value != null && !value.isBlank()) {
            text.set(value);
            dismissSource.run();
        }
    }
}
