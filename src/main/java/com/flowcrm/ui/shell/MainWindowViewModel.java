package com.flowcrm.ui.shell;

import com.flowcrm.model.Theme;
import com.flowcrm.model.User;
import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.DealFilter;
import com.flowcrm.store.DealFocus;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.FxThread;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.UserMessages;
import com.flowcrm.ui.notifications.NotificationToasts;
import com.flowcrm.ui.notifications.NotificationsViewModel;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** State and actions of the main window: who is signed in, which view is shown, search, theme, sign-out. */
public final class MainWindowViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindowViewModel.class);

    private final SessionStore session;
    private final UiPreferences preferences;
    private final ThemeSwitcher themes;
    private final ObjectProperty<MainSection> section = new SimpleObjectProperty<>(this, "section");
    private final ReadOnlyBooleanWrapper signingOut = new ReadOnlyBooleanWrapper(this, "signingOut");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final StringBinding userName;
    private final StringBinding userRole;
    private final StringBinding userInitials;
    private final GlobalSearch search;
    private final StringBinding storeSummary;

    public MainWindowViewModel(SessionStore session, UiPreferences preferences, ThemeSwitcher themes) {
        this.session = Objects.requireNonNull(session, "session");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        this.themes = Objects.requireNonNull(themes, "themes");
        var user = session.currentUserProperty();
        userName = Bindings.createStringBinding(() -> user.get() == null ? "" : user.get().name(), user);
        userRole = Bindings.createStringBinding(() -> user.get() == null ? "" : roleLabel(user.get()), user);
        userInitials = Bindings.createStringBinding(() -> user.get() == null ? "" : initials(user.get().name()), user);
        IntegerBinding deals = Bindings.size(session.root().deals().getDeals());
        IntegerBinding contacts = Bindings.size(session.root().contacts().getContacts());
        storeSummary = Bindings.createStringBinding(
                () -> deals.get() + " deals  \u00b7  " + contacts.get() + " contacts", deals, contacts);
        search = new GlobalSearch(() -> session.root().deals().getDeals(), () -> session.root().contacts().getContacts());
        section.set(preferences.lastView().flatMap(MainSection::named).orElse(MainSection.PIPELINE));
        section.addListener((obs, old, now) -> {
            if (now != null) {
                preferences.saveLastView(now.name());
            }
        });
    }

    /** The view on screen; remembered for the next start. */
    public ObjectProperty<MainSection> sectionProperty() { return section; }
    public StringBinding userNameProperty() { return userName; }
    public StringBinding userRoleProperty() { return userRole; }
    public StringBinding userInitialsProperty() { return userInitials; }
    public boolean isDemoMode() { return session.config().demoMode(); }
    public ReadOnlyIntegerProperty unreadCountProperty() { return session.root().notifications().unreadCountProperty(); }
    public ReadOnlyObjectProperty<ConnectionReport> connectionProperty() { return session.connectionProperty(); }
    public ReadOnlyObjectProperty<Theme> themeProperty() { return themes.themeProperty(); }
    public ReadOnlyBooleanProperty signingOutProperty() { return signingOut.getReadOnlyProperty(); }
    /** The last failed action in words, or null. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** "40 deals  ·  60 contacts" for the status bar. */
    public StringBinding storeSummaryProperty() {
        return storeSummary;
    }

    /** The notifications view's model; it opens deals and contacts through the navigator. */
    public NotificationsViewModel notifications(Navigator navigator) {
        return new NotificationsViewModel(session.commands(), navigator);
    }

    /** Starts toasting notifications that arrive from now on. */
    public NotificationToasts toasts(Consumer<NotificationToasts.Toast> presenter) {
        return new NotificationToasts(session, presenter);
    }

    /** Deals and contacts matching the typed text, a few of each. */
    public List<SearchHit> search(String text) {
        return search.search(text, 6);
    }

    /** The board shows exactly these deals: no other filter or search hides any of them. */
    public void focusDeals(DealFocus focus) {
        var deals = session.root().deals();
        deals.filterProperty().set(DealFilter.ALL);
        deals.searchTextProperty().set("");
        deals.focusProperty().set(focus);
    }

    public void retryConnection() {
        session.retryConnectionNow();
    }

    /** Switches the theme for every window and remembers it for the sign-in screen of the next start. */
    public void chooseTheme(Theme theme) {
        themes.apply(theme);
        preferences.saveTheme(theme);
        preferences.flush();
    }

    /** Signs out; the session clears every store and the shell returns to the sign-in screen. */
    public CompletableFuture<Void> signOut() {
        if (signingOut.get()) {
            return CompletableFuture.completedFuture(null);
        }
        signingOut.set(true);
        error.set(null);
        return session.logout().whenComplete((ok, failure) -> FxThread.run(() -> {
            signingOut.set(false);
            if (failure != null) {
                String message = UserMessages.of(failure);
                LOG.warn("Sign-out failed: {}", message);
                error.set("Could not sign out: " + message);
            }
        }));
    }

    static String roleLabel(User user) {
        String wire = user.role().wireName();
        return wire.substring(0, 1).toUpperCase(Locale.ROOT) + wire.substring(1);
    }

    /** "Sarah Chen" -> "SC", "maria" -> "M". */
    static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        String[] words = name.strip().split("\\s+");
        String first = words[0].substring(0, 1);
        String last = words.length > 1 ? words[words.length - 1].substring(0, 1) : "";
        return (first + last).toUpperCase(Locale.ROOT);
    }
}
