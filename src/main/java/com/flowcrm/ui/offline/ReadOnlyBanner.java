package com.flowcrm.ui.offline;

import com.flowcrm.store.SessionMode;
import java.time.Clock;
import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The banner of a session the server no longer accepts while its local copy stays on screen: "Sign in again to send
 * your changes", what is kept meanwhile, and the sign-in dialog over the window, asked for once when the session turns
 * read-only (the rep may close it and open it again from the banner). Gone when the session is live again. UI thread.
 */
public final class ReadOnlyBanner {
    private final ReadOnlyObjectProperty<SessionMode> mode;
    private final Clock clock;
    private final ReadOnlyIntegerProperty waiting;
    private final ReadOnlyIntegerProperty attention;
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail");
    private final ReadOnlyBooleanWrapper asking = new ReadOnlyBooleanWrapper(this, "asking");
    private final InvalidationListener changed = o -> refresh();

    /**
     * @param waiting   changes still to be sent (the banner says they are kept)
     * @param attention changes refused or in conflict
     */
    public ReadOnlyBanner(ReadOnlyObjectProperty<SessionMode> mode, ReadOnlyIntegerProperty waiting,
            ReadOnlyIntegerProperty attention, Clock clock) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.attention = Objects.requireNonNull(attention, "attention");
        mode.addListener(new WeakInvalidationListener(changed));
        waiting.addListener(new WeakInvalidationListener(changed));
        attention.addListener(new WeakInvalidationListener(changed));
        refresh();
    }

    /** Whether the banner shows: the session is read-only. */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** "Sign in again to send your changes". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What happened and what is kept meanwhile. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** Whether the sign-in dialog is over the window. */
    public ReadOnlyBooleanProperty askingProperty() {
        return asking.getReadOnlyProperty();
    }

    /** The banner's "Sign in again" button. */
    public void askToSignIn() {
        if (shown.get()) {
            asking.set(true);
        }
    }

    /** The dialog was closed ("Not now") or the sign-in went through. */
    public void stopAsking() {
        asking.set(false);
    }

    /** The email the dialog signs in as (fixed), or null. */
    public String email() {
        return mode.get().email();
    }

    private void refresh() {
        SessionMode now = mode.get();
        int kept = waiting.get() + attention.get();
        boolean readOnly = now.kind() == SessionMode.Kind.READ_ONLY;
        if (readOnly && !shown.get()) {
            asking.set(true);
        } else if (!readOnly) {
            asking.set(false);
        }
        shown.set(readOnly);
        title.set(readOnly ? now.describe(clock.getZone(), clock.instant()) : null);
        detail.set(readOnly ? detailOf(kept) : null);
    }

    static String detailOf(int kept) {
        String changes = kept == 0 ? "Nothing you changed is lost"
                : kept == 1 ? "Your 1 change that is not on the server yet is kept on this computer"
                : "Your " + kept + " changes that are not on the server yet are kept on this computer";
        return "The server no longer accepts your session. " + changes
                + "; you see your data as it was, read-only, until you sign in.";
    }
}
