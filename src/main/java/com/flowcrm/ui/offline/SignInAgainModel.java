package com.flowcrm.ui.offline;

import com.flowcrm.model.User;
import com.flowcrm.ui.FxThread;
import com.flowcrm.ui.UserMessages;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in dialog over a read-only main window: the email is fixed (the same rep, the same local copy), only the
 * password is asked; a wrong password says so and keeps the dialog and the data. UI thread.
 */
public final class SignInAgainModel {
    private static final Logger LOG = LoggerFactory.getLogger(SignInAgainModel.class);

    private final Supplier<String> email;
    private final Function<String, CompletableFuture<User>> signInAgain;
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final BooleanBinding canSubmit;

    /**
     * @param email       who signs in (the read-only session's user)
     * @param signInAgain the session's sign-in with that email and this password
     */
    public SignInAgainModel(Supplier<String> email, Function<String, CompletableFuture<User>> signInAgain) {
        this.email = Objects.requireNonNull(email, "email");
        this.signInAgain = Objects.requireNonNull(signInAgain, "signInAgain");
        canSubmit = Bindings.createBooleanBinding(() -> !busy.get() && !password.get().isEmpty(), busy, password);
    }

    public String email() {
        String value = email.get();
        return value == null ? "" : value;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the last try did not work, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }

    /** Forgets what was typed (the dialog opens again clean). */
    public void reset() {
        password.set("");
        error.set(null);
    }

    /** Signs in; completes true when the session is live again (then the dialog closes), false otherwise. */
    public CompletableFuture<Boolean> submit() {
        if (!canSubmit.get()) {
            return CompletableFuture.completedFuture(false);
        }
        busy.set(true);
        error.set(null);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        signInAgain.apply(password.get()).whenComplete((user, failure) -> FxThread.run(() -> {
            busy.set(false);
            if (failure != null) {
                String message = UserMessages.of(failure);
                LOG.info("Signing in again as {} failed: {}", email(), message);
                error.set(message);
                done.complete(false);
                return;
            }
            password.set("");
            done.complete(true);
        }));
        return done;
    }
}
