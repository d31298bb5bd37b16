package com.flowcrm.ui.offline;

import com.flowcrm.store.PendingChanges;
import com.flowcrm.store.SessionMode;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.Navigator;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;

/**
 * The main window's part of the offline workspace, made from the session once per window: the status bar's count, the
 * read-only banner and its sign-in dialog, the word on a refused change, the notice about the local copy, the sign-out
 * choices and the Pending changes panel. UI thread.
 */
public final class OfflineModels implements AutoCloseable {
    private final SessionStore session;
    private final Clock clock;
    private final PendingStatus status;
    private final ReadOnlyBanner readOnly;
    private final SignInAgainModel signInAgain;
    private final SignOutModel signOut;
    private final RejectionNotice rejection;
    private final OneTimeNotice workspaceNotice;

    /** @param afterSignOut told what signing out did with the changes (for the sign-in screen), or null */
    public OfflineModels(SessionStore session, Clock clock, Consumer<String> afterSignOut) {
        this.session = Objects.requireNonNull(session, "session");
        this.clock = Objects.requireNonNull(clock, "clock");
        PendingChanges pending = session.pendingChanges();
        status = new PendingStatus(pending);
        readOnly = new ReadOnlyBanner(session.modeProperty(), pending.waitingCountProperty(),
                pending.attentionCountProperty(), clock);
        signInAgain = new SignInAgainModel(readOnly::email, session::signInAgain);
        signOut = new SignOutModel(pending, session.modeProperty()::get, session::signOut, afterSignOut);
        rejection = new RejectionNotice(pending);
        workspaceNotice = new OneTimeNotice(session.workspaceNoticeProperty(), session::dismissWorkspaceNotice);
    }

    public PendingChanges pending() {
        return session.pendingChanges();
    }

    public ReadOnlyObjectProperty<SessionMode> modeProperty() {
        return session.modeProperty();
    }

    public PendingStatus status() {
        return status;
    }

    public ReadOnlyBanner readOnly() {
        return readOnly;
    }

    public SignInAgainModel signInAgain() {
        return signInAgain;
    }

    public SignOutModel signOut() {
        return signOut;
    }

    public RejectionNotice rejection() {
        return rejection;
    }

    /** A damaged local copy set aside, a file of a newer version: said once. */
    public OneTimeNotice workspaceNotice() {
        return workspaceNotice;
    }

    /** The Pending changes panel; it opens records through the navigator. */
    public PendingChangesViewModel panel(Navigator navigator) {
        return new PendingChangesViewModel(session.pendingChanges(), navigator, clock);
    }

    @Override
    public void close() {
        rejection.close();
    }
}
