package com.flowcrm.ui.shell;

import com.flowcrm.model.Theme;
import com.flowcrm.model.User;
import com.flowcrm.store.ConnectionReport;
import com.flowcrm.store.DealFilter;
import com.flowcrm.store.DealFocus;
import com.flowcrm.store.SessionStore;
import com.flowcrm.store.SignOutChoice;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.notifications.NotificationToasts;
import com.flowcrm.ui.notifications.NotificationsViewModel;
import com.flowcrm.ui.offline.OfflineModels;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.time.Clock;
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
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * State and actions of the main window: who is signed in, which view is shown, search, theme, sign-out, and the offline
 * workspace's part ({@link OfflineModels}: pending changes, read-only banner, sign-out choices).
 */
public final class MainWindowViewModel implements AutoCloseable {
    private final SessionStore session;
    private final UiPreferences preferences;
    private final ThemeSwitcher themes;
    private final ObjectProperty<MainSection> section = new SimpleObjectProperty<>(this, "section");
    private final StringBinding userName;
    private final StringBinding userRole;
    private final StringBinding userInitials;
    private final GlobalSearch search;
    private final StringBinding storeSummary;
    private final OfflineModels offline;

    public MainWindowViewModel(SessionStore session, UiPreferences preferences, ThemeSwitcher themes) {
        this(session, preferences, themes, Clock.systemDefaultZone(), message -> { });
    }

    /** @param afterSignOut told what signing out did with the rep's changes (a sentence or null), for the sign-in screen */
    public MainWindowViewModel(SessionStore session, UiPreferences preferences, ThemeSwitcher themes, Clock clock,
            Consumer<String> afterSignOut) {
        this.session = Objects.requireNonNull(session, "session");
        this.offline = new OfflineModels(session, clock, afterSignOut);
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
    public ReadOnlyBooleanProperty signingOutProperty() { return offline.signOut().busyProperty(); }
    /** The last failed action in words, or null. */
    public ReadOnlyStringProperty errorProperty() { return offline.signOut().errorProperty(); }
    /** Pending changes, the read-only banner, the sign-out choices. */
    public OfflineModels offline() { return offline; }

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

    /**
     * Signs out keeping any change that is not on the server yet for the next sign-in; the session clears every store
     * and the shell returns to the sign-in screen. (The window asks first when there are such changes.)
     */
    public CompletableFuture<Void> signOut() {
        return offline.signOut().signOut(SignOutChoice.KEEP_FOR_NEXT_TIME).thenApply(result -> null);
    }

    @Override
    public void close() {
        offline.close();
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
