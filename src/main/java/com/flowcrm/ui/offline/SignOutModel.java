package com.flowcrm.ui.offline;

import com.flowcrm.store.PendingChanges;
import com.flowcrm.store.SessionMode;
import com.flowcrm.store.SignOutChoice;
import com.flowcrm.store.SignOutResult;
import com.flowcrm.ui.FxThread;
import com.flowcrm.ui.UserMessages;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Sign out" and "Sign out and remove local data": whether to ask first (changes not on the server yet), which
 * choices fit (send now only while the server answers), what the confirmation of removing the local copy says will be
 * lost, and the result's sentence for the sign-in screen. UI thread.
 */
public final class SignOutModel {
    private static final Logger LOG = LoggerFactory.getLogger(SignOutModel.class);

    private final PendingChanges pending;
    private final Supplier<SessionMode> mode;
    private final Function<SignOutChoice, CompletableFuture<SignOutResult>> signOut;
    private final Consumer<String> afterSignOut;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    /**
     * @param signOut      the session's sign-out with a choice
     * @param afterSignOut told the result's sentence (null when there is nothing to say), for the sign-in screen
     */
    public SignOutModel(PendingChanges pending, Supplier<SessionMode> mode,
            Function<SignOutChoice, CompletableFuture<SignOutResult>> signOut, Consumer<String> afterSignOut) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.signOut = Objects.requireNonNull(signOut, "signOut");
        this.afterSignOut = Objects.requireNonNull(afterSignOut, "afterSignOut");
    }

    /** True from the choice until the session is signed out. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why signing out did not work, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Changes the server does not have yet: waiting, refused or in conflict. */
    public int outstanding() {
        return pending.waitingCountProperty().get() + pending.attentionCountProperty().get();
    }

    /** Whether "Sign out" asks what to do with the changes first. */
    public boolean asksFirst() {
        return pending.availableProperty().get() && outstanding() > 0;
    }

    /** Whether this session keeps a local copy that "Sign out and remove local data" would delete. */
    public boolean hasLocalCopy() {
        return pending.availableProperty().get();
    }

    /** "Send now" only while the server answers; offline or read-only they can only be kept or discarded. */
    public boolean canSendNow() {
        return mode.get().kind() == SessionMode.Kind.LIVE;
    }

    /** The question of the sign-out dialog. */
    public String question() {
        int n = outstanding();
        return (n == 1 ? "1 change you made is" : n + " changes you made are") + " not on the server yet.";
    }

    /** Why "Send now" is not offered, or null when it is. */
    public String sendNowUnavailable() {
        return switch (mode.get().kind()) {
            case LIVE -> null;
            case OFFLINE -> "The server cannot be reached now.";
            case READ_ONLY -> "The server no longer accepts your session.";
            case SIGNED_OUT -> "You are not signed in.";
        };
    }

    /** What the confirmation of "Sign out and remove local data" says will be lost. */
    public String removalWarning() {
        int n = outstanding();
        String changes = n == 0 ? "" : n == 1 ? ", including 1 change that is not on the server yet and will be lost"
                : ", including " + n + " changes that are not on the server yet and will be lost";
        return "This deletes the copy of your deals, contacts and notifications on this computer" + changes
                + ". The next sign-in needs the network and downloads everything again.";
    }

    /** Signs out with this choice; the sign-in screen then says what happened to the changes. */
    public CompletableFuture<SignOutResult> signOut(SignOutChoice choice) {
        Objects.requireNonNull(choice, "choice");
        if (busy.get()) {
            return CompletableFuture.completedFuture(SignOutResult.NOTHING);
        }
        busy.set(true);
        error.set(null);
        LOG.info("Signing out: {}", choice);
        return signOut.apply(choice).whenComplete((result, failure) -> FxThread.run(() -> {
            busy.set(false);
            if (failure != null) {
                String message = UserMessages.of(failure);
                LOG.warn("Sign-out failed: {}", message);
                error.set("Could not sign out: " + message);
                return;
            }
            afterSignOut.accept(result == null ? null : result.message());
        }));
    }
}
