package com.flowcrm.ui.signin;

import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.FxThread;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.UiPreferences.ServerAddress;
import com.flowcrm.ui.UserMessages;
import com.flowcrm.ui.offline.OneTimeNotice;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and actions of the sign-in screen: credentials, server, progress and the error in words, and what the rep
 * should know once (the session cannot be kept on this computer, the local copy was set aside, what signing out did
 * with the changes).
 */
public final class SignInViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(SignInViewModel.class);

    private final SessionStore session;
    private final UiPreferences preferences;
    private final StringProperty email = new SimpleStringProperty(this, "email", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty apiUrl = new SimpleStringProperty(this, "apiUrl", "");
    private final StringProperty wsUrl = new SimpleStringProperty(this, "wsUrl", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyBooleanWrapper demoMode = new ReadOnlyBooleanWrapper(this, "demoMode");
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper(this, "starting");
    private final BooleanBinding canSubmit;
    private final ServerAddress launchServer;
    private final ReadOnlyStringWrapper signOutNotice = new ReadOnlyStringWrapper(this, "signOutNotice");
    private final OneTimeNotice credentialNotice;
    private final OneTimeNotice workspaceNotice;
    private final StringBinding notice;

    /**
     * @param launchServer the server the configuration named when the app started (options / environment); what
     *                     the user picks in the "Server" section is remembered relative to it
     */
    public SignInViewModel(SessionStore session, UiPreferences preferences, ServerAddress launchServer) {
        this(session, preferences, launchServer, CompletableFuture.completedFuture(null));
    }

    /**
     * @param backendReady completes when the session can sign in: in demo mode once the embedded backend is up (the
     *                     screen says it is starting and sign-in waits until then), or exceptionally when it failed
     */
    public SignInViewModel(SessionStore session, UiPreferences preferences, ServerAddress launchServer,
            CompletionStage<Void> backendReady) {
        this.session = Objects.requireNonNull(session, "session");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        this.launchServer = Objects.requireNonNull(launchServer, "launchServer");
        canSubmit = Bindings.createBooleanBinding(() -> !busy.get() && !starting.get() && !email.get().isBlank()
                        && !password.get().isEmpty() && !apiUrl.get().isBlank() && !wsUrl.get().isBlank(),
                busy, starting, email, password, apiUrl, wsUrl);
        credentialNotice = new OneTimeNotice(session.credentialNoticeProperty(), session::dismissCredentialNotice);
        workspaceNotice = new OneTimeNotice(session.workspaceNoticeProperty(), session::dismissWorkspaceNotice);
        notice = Bindings.createStringBinding(() -> joined(signOutNotice.get(), workspaceNotice.textProperty().get(),
                credentialNotice.textProperty().get()), signOutNotice, workspaceNotice.textProperty(),
                credentialNotice.textProperty());
        prefill();
        CompletableFuture<Void> ready = backendReady.toCompletableFuture();
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            starting.set(!ready.isDone());
            ready.whenComplete((ok, failure) -> FxThread.run(() -> backendStarted(failure)));
        }
    }

    /** The demo backend is up (the session now points at its address) or could not start. */
    private void backendStarted(Throwable failure) {
        starting.set(false);
        if (failure != null) {
            error.set("The demo server could not start (" + UserMessages.of(failure)
                    + "). Enter another server under \"Server\".");
            return;
        }
        if (demoMode.get()) {
            apiUrl.set(nullToEmpty(session.config().apiUrl()));
            wsUrl.set(nullToEmpty(session.config().wsUrl()));
        }
    }

    private void prefill() {
        SessionConfig config = session.config();
        ServerAddress current = new ServerAddress(nullToEmpty(config.apiUrl()), nullToEmpty(config.wsUrl()));
        demoMode.set(config.demoMode());
        if (config.demoMode()) {
            // The embedded demo server picks its own address each run, so nothing remembered applies.
            email.set(nullToEmpty(config.demoEmail()));
            password.set(nullToEmpty(config.demoPassword()));
            apiUrl.set(current.apiUrl());
            wsUrl.set(current.wsUrl());
            return;
        }
        email.set(preferences.lastEmail().orElse(""));
        // Changed earlier in this run (then signed out): that is the freshest choice.
        ServerAddress server = current.equals(launchServer) ? preferences.serverFor(launchServer) : current;
        apiUrl.set(server.apiUrl());
        wsUrl.set(server.wsUrl());
    }

    public StringProperty emailProperty() { return email; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty apiUrlProperty() { return apiUrl; }
    public StringProperty wsUrlProperty() { return wsUrl; }
    /** True from the click until the server answered. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** The last problem in words, or null. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty demoModeProperty() { return demoMode.getReadOnlyProperty(); }
    /** True while the embedded demo backend is still starting; sign-in waits for it. */
    public ReadOnlyBooleanProperty startingProperty() { return starting.getReadOnlyProperty(); }
    public BooleanBinding canSubmitProperty() { return canSubmit; }
    /** What the rep should know once (not an error), or null. */
    public StringBinding noticeProperty() { return notice; }

    /** Says what signing out did with the rep's changes ("2 changes are kept on this computer ..."); null: nothing. */
    public void showNotice(String text) {
        signOutNotice.set(text == null || text.isBlank() ? null : text);
    }

    private static String joined(String... texts) {
        String out = null;
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                out = out == null ? text : out + "\n\n" + text;
            }
        }
        return out;
    }

    /** Shows why the user is back here, e.g. "Your session expired. Please sign in again.". */
    public void showReason(String reason) {
        error.set(reason == null || reason.isBlank() ? null : reason);
    }

    /** Signs in with the entered credentials against the entered server; the session does the work off the FX thread. */
    public void signIn() {
        if (!canSubmit.get()) {
            return;
        }
        String api = apiUrl.get().strip();
        String ws = wsUrl.get().strip();
        String user = email.get().strip();
        error.set(null);
        SessionConfig config = session.config();
        if (!api.equals(config.apiUrl()) || !ws.equals(config.wsUrl())) {
            try {
                session.changeServer(api, ws);
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.warn("Rejected server address {} / {}: {}", api, ws, e.getMessage());
                error.set(e.getMessage());
                return;
            }
        }
        busy.set(true);
        session.login(user, password.get()).whenComplete((signedIn, failure) -> FxThread.run(() -> {
            busy.set(false);
            if (failure != null) {
                String message = UserMessages.of(failure);
                LOG.info("Sign-in as {} at {} failed: {}", user, api, message);
                error.set(message);
                return;
            }
            password.set("");
            preferences.saveLastEmail(user);
            if (!demoMode.get()) {
                preferences.saveServer(launchServer, new ServerAddress(api, ws));
            }
            preferences.flush();
        }));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
