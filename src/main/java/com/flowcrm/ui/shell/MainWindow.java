package com.flowcrm.ui.shell;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.theme.Styles;
import com.flowcrm.model.Theme;
import com.flowcrm.store.DealFocus;
import com.flowcrm.ui.NavigableView;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.components.ConnectionIndicator;
import com.flowcrm.ui.notifications.NotificationToasts;
import com.flowcrm.ui.notifications.NotificationsView;
import com.flowcrm.ui.notifications.NotificationsViewModel;
import com.flowcrm.ui.notifications.ToastPresenter;
import com.flowcrm.ui.offline.OfflineChrome;
import com.flowcrm.ui.offline.PendingChangesView;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The signed-in window: top bar (search, account menu), navigation, the banners of the offline workspace over the
 * current view, and the status bar with the connection indicator and the count of changes waiting to send; dialogs
 * show over all of it. It is the {@link Navigator} the views use to send the user to a deal or a contact.
 */
public final class MainWindow implements Navigator, AutoCloseable {
    private static final KeyCombination FOCUS_SEARCH = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    /** The offline workspace's banners, panel and dialogs. */
    private static final String OFFLINE_STYLESHEET = Objects.requireNonNull(
            MainWindow.class.getResource("/com/flowcrm/ui/offline.css"), "offline.css").toExternalForm();

    private final MainWindowViewModel model;
    private final Map<MainSection, Function<Navigator, NavigableView>> factories = new EnumMap<>(MainSection.class);
    private final Map<MainSection, NavigableView> views = new EnumMap<>(MainSection.class);
    private final Map<MainSection, ToggleButton> navButtons = new EnumMap<>(MainSection.class);
    private final NotificationsViewModel notificationsModel;
    private final NotificationsView notificationsView;
    private final NotificationToasts toasts;
    private final ConnectionIndicator indicator;
    private final SearchBox searchBox;
    private final StackPane content = new StackPane();
    private final BorderPane root = new BorderPane();
    private final ModalPane modal = new ModalPane();
    private final StackPane window = new StackPane(root, modal);
    private final OfflineChrome offline;
    private PendingChangesView pendingView;

    /**
     * @param pipeline  builds the pipeline view (the views engineer's {@code PipelineView})
     * @param contacts  builds the contacts view
     * @param insights  builds the Insights view
     * @param showLogs  opens the log folder
     */
    public MainWindow(MainWindowViewModel model, Function<Navigator, NavigableView> pipeline,
            Function<Navigator, NavigableView> contacts, Function<Navigator, NavigableView> insights, Runnable showLogs,
            Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        factories.put(MainSection.PIPELINE, Objects.requireNonNull(pipeline, "pipeline"));
        factories.put(MainSection.CONTACTS, Objects.requireNonNull(contacts, "contacts"));
        factories.put(MainSection.INSIGHTS, Objects.requireNonNull(insights, "insights"));
        notificationsModel = model.notifications(this);
        notificationsView = new NotificationsView(notificationsModel, clock);
        indicator = new ConnectionIndicator(clock);
        searchBox = new SearchBox(model::search, this::reveal);
        toasts = model.toasts(new ToastPresenter(this::window, this::openToast));
        offline = new OfflineChrome(model.offline(), modal, () -> model.sectionProperty().set(MainSection.PENDING));
        build(Objects.requireNonNull(showLogs, "showLogs"));
        model.sectionProperty().addListener((obs, old, now) -> showSection(now));
        showSection(model.sectionProperty().get());
        offline.start();
    }

    public Parent getNode() {
        return window;
    }

    /** Puts keyboard focus on the view area, so the first key press does not land in the search by accident. */
    public void focusContent() {
        content.requestFocus();
    }

    /** Toasts shown so far; tests read it. */
    public NotificationToasts toasts() {
        return toasts;
    }

    public ConnectionIndicator connectionIndicator() {
        return indicator;
    }

    @Override
    public void showDeal(String dealId) {
        model.sectionProperty().set(MainSection.PIPELINE);
        viewOf(MainSection.PIPELINE).reveal(dealId);
    }

    @Override
    public void showContact(String contactId) {
        model.sectionProperty().set(MainSection.CONTACTS);
        viewOf(MainSection.CONTACTS).reveal(contactId);
    }

    @Override
    public void showDeals(DealFocus focus) {
        model.focusDeals(focus);
        model.sectionProperty().set(MainSection.PIPELINE);
    }

    /** The search results offered right now, in their order. */
    public java.util.List<SearchHit> searchHits() {
        return searchBox.shownHits();
    }

    /** Ctrl+K lands here. */
    public void focusSearch() {
        searchBox.focus();
    }

    private void reveal(SearchHit hit) {
        if (hit.kind() == SearchHit.Kind.DEAL) {
            showDeal(hit.id());
        } else {
            showContact(hit.id());
        }
    }

    private void openToast(NotificationToasts.Toast toast) {
        Window window = window();
        if (window instanceof javafx.stage.Stage stage) {
            stage.toFront();
        }
        if (toast.folded()) {
            // several at once: the list shows them all, each still unread
            model.sectionProperty().set(MainSection.NOTIFICATIONS);
        } else if (NotificationsViewModel.leadsSomewhere(toast.notification())) {
            notificationsModel.open(toast.notification());
        } else {
            notificationsModel.markRead(toast.notification());
            model.sectionProperty().set(MainSection.NOTIFICATIONS);
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private PendingChangesView pendingView() {
        if (pendingView == null) {
            pendingView = new PendingChangesView(model.offline().panel(this));
        }
        return pendingView;
    }

    private NavigableView viewOf(MainSection section) {
        return views.computeIfAbsent(section, s -> factories.get(s).apply(this));
    }

    private void showSection(MainSection section) {
        MainSection shown = section == null ? MainSection.PIPELINE : section;
        ToggleButton button = navButtons.get(shown);
        if (!button.isSelected()) {
            button.setSelected(true);
        }
        Node node = switch (shown) {
            case NOTIFICATIONS -> notificationsView.getNode();
            case PENDING -> pendingView().getNode();
            default -> viewOf(shown).getNode();
        };
        content.getChildren().setAll(node);
        if (shown == MainSection.NOTIFICATIONS) {
            notificationsView.focus();
        } else if (shown == MainSection.PENDING) {
            pendingView().focus();
        }
    }

    private void build(Runnable showLogs) {
        root.getStyleClass().add("main-window");
        ThemeSwitcher.style(root);
        ThemeSwitcher.style(window);
        window.getStylesheets().add(OFFLINE_STYLESHEET);
        root.setTop(topBar(showLogs));
        root.setLeft(navigation());
        content.getStyleClass().add("content");
        VBox center = new VBox(offline.banners(), content);
        VBox.setVgrow(content, Priority.ALWAYS);
        root.setCenter(center);
        root.setBottom(statusBar());
        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (FOCUS_SEARCH.match(event)) {
                focusSearch();
                event.consume();
                return;
            }
            for (MainSection section : MainSection.values()) {
                KeyCombination shortcut = shortcutOf(section);
                if (shortcut.match(event)) {
                    model.sectionProperty().set(section);
                    event.consume();
                    return;
                }
            }
        });
    }

    private static KeyCombination shortcutOf(MainSection section) {
        KeyCode digit = KeyCode.valueOf("DIGIT" + (section.ordinal() + 1));
        return new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN);
    }

    private Node topBar(Runnable showLogs) {
        FontIcon logo = new FontIcon(Feather.ACTIVITY);
        logo.getStyleClass().add("brand-icon");
        StackPane logoBadge = new StackPane(logo);
        logoBadge.getStyleClass().addAll("brand-badge", Styles.SMALL);
        Label product = new Label("Flow CRM");
        product.getStyleClass().add("brand-name");
        HBox brand = new HBox(10, logoBadge, product);
        brand.setAlignment(Pos.CENTER_LEFT);
        brand.getStyleClass().add("brand");

        Label demo = new Label("Demo data", new FontIcon(Feather.DATABASE));
        demo.setId("demoBadge");
        demo.getStyleClass().add("demo-badge");
        demo.setTooltip(new Tooltip("You are using the built-in demo server with sample data."));
        demo.setVisible(model.isDemoMode());
        demo.setManaged(model.isDemoMode());

        Node search = searchBox.getNode();
        searchBox.getNode().setPrefWidth(460);
        searchBox.getNode().setMaxWidth(460);
        Region left = new Region();
        Region right = new Region();
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);

        HBox bar = new HBox(12, brand, demo, left, search, right, accountMenu(showLogs));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    private MenuButton accountMenu(Runnable showLogs) {
        Label initials = new Label();
        initials.textProperty().bind(model.userInitialsProperty());
        StackPane avatar = new StackPane(initials);
        avatar.getStyleClass().add("avatar");
        Label name = new Label();
        name.setId("userName");
        name.textProperty().bind(model.userNameProperty());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label role = new Label();
        role.setId("userRole");
        role.textProperty().bind(model.userRoleProperty());
        role.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox who = new VBox(0, name, role);
        who.setAlignment(Pos.CENTER_LEFT);
        HBox graphic = new HBox(10, avatar, who);
        graphic.setAlignment(Pos.CENTER_LEFT);

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light");
        light.setId("themeLight");
        light.setToggleGroup(themes);
        light.setGraphic(new FontIcon(Feather.SUN));
        light.setOnAction(e -> model.chooseTheme(Theme.LIGHT));
        RadioMenuItem dark = new RadioMenuItem("Dark");
        dark.setId("themeDark");
        dark.setToggleGroup(themes);
        dark.setGraphic(new FontIcon(Feather.MOON));
        dark.setOnAction(e -> model.chooseTheme(Theme.DARK));
        Runnable syncTheme = () -> {
            light.setSelected(model.themeProperty().get() != Theme.DARK);
            dark.setSelected(model.themeProperty().get() == Theme.DARK);
        };
        model.themeProperty().addListener((obs, old, now) -> syncTheme.run());
        syncTheme.run();
        Menu theme = new Menu("Theme", new FontIcon(Feather.EYE), light, dark);

        MenuItem logs = new MenuItem("Show logs", new FontIcon(Feather.FILE_TEXT));
        logs.setId("showLogs");
        logs.setOnAction(e -> showLogs.run());
        MenuItem signOut = new MenuItem("Sign out", new FontIcon(Feather.LOG_OUT));
        signOut.setId("signOut");
        signOut.disableProperty().bind(model.signingOutProperty());
        signOut.setOnAction(e -> offline.signOut());
        MenuItem removeLocal = new MenuItem("Sign out and remove local data", new FontIcon(Feather.TRASH_2));
        removeLocal.setId("signOutRemoveLocal");
        removeLocal.disableProperty().bind(model.signingOutProperty());
        removeLocal.visibleProperty().bind(model.offline().pending().availableProperty());
        removeLocal.setOnAction(e -> offline.removeLocalData());

        MenuButton menu = new MenuButton(null, graphic, theme, logs, new SeparatorMenuItem(), signOut, removeLocal);
        menu.setId("accountMenu");
        menu.getStyleClass().addAll(Styles.FLAT, "account-menu");
        menu.setTooltip(new Tooltip("Account, theme and sign out"));
        return menu;
    }

    private Node navigation() {
        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(4);
        nav.getStyleClass().add("side-nav");
        Label caption = new Label("WORKSPACE");
        caption.getStyleClass().add("nav-caption");
        nav.getChildren().add(caption);
        for (MainSection section : MainSection.values()) {
            ToggleButton button = navButton(section);
            button.setToggleGroup(group);
            navButtons.put(section, button);
            nav.getChildren().add(button);
        }
        // A toggle group lets the user deselect everything; the nav always shows where one is.
        // Arrow keys select inside a toggle group without firing the button, so the selection drives the section.
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            } else if (now != null) {
                model.sectionProperty().set((MainSection) now.getUserData());
            }
        });
        return nav;
    }

    private ToggleButton navButton(MainSection section) {
        Feather icon = switch (section) {
            case PIPELINE -> Feather.TRELLO;
            case CONTACTS -> Feather.USERS;
            case NOTIFICATIONS -> Feather.BELL;
            case INSIGHTS -> Feather.BAR_CHART_2;
            case PENDING -> Feather.UPLOAD_CLOUD;
        };
        Label text = new Label(section.label());
        text.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox graphic = new HBox(12, new FontIcon(icon), text, grow);
        graphic.setAlignment(Pos.CENTER_LEFT);
        if (section == MainSection.NOTIFICATIONS) {
            Label badge = new Label();
            badge.setId("unreadBadge");
            badge.getStyleClass().add("count-badge");
            badge.textProperty().bind(Bindings.createStringBinding(() -> {
                int unread = model.unreadCountProperty().get();
                return unread > 99 ? "99+" : Integer.toString(unread);
            }, model.unreadCountProperty()));
            badge.visibleProperty().bind(model.unreadCountProperty().greaterThan(0));
            graphic.getChildren().add(badge);
        }
        if (section == MainSection.PENDING) {
            graphic.getChildren().add(pendingBadge());
        }
        ToggleButton button = new ToggleButton(null, graphic);
        button.setId("nav" + section.label());
        button.getStyleClass().add("nav-item");
        button.setMaxWidth(Double.MAX_VALUE);
        button.setAlignment(Pos.CENTER_LEFT);
        button.setTooltip(new Tooltip(section.label() + " (" + shortcutOf(section).getDisplayText() + ")"));
        button.setUserData(section);
        if (section == MainSection.PENDING) {
            // a live-only session has no local copy and nothing ever waits: no entry (Ctrl+5 still says why)
            button.visibleProperty().bind(model.offline().pending().availableProperty());
            button.managedProperty().bind(button.visibleProperty());
        }
        return button;
    }

    /** How many changes are not on the server yet; red while some need the rep. */
    private Label pendingBadge() {
        var pending = model.offline().pending();
        Label badge = new Label();
        badge.setId("pendingBadge");
        badge.getStyleClass().add("pending-badge");
        var count = pending.waitingCountProperty().add(pending.attentionCountProperty());
        badge.textProperty().bind(Bindings.createStringBinding(
                () -> count.intValue() > 99 ? "99+" : Integer.toString(count.intValue()), count));
        badge.visibleProperty().bind(count.greaterThan(0));
        // the binding listens to the session weakly and the badge holds it: the badge goes with its window
        var attention = pending.attentionCountProperty().greaterThan(0);
        badge.getProperties().put("attention", attention);
        javafx.css.PseudoClass red = javafx.css.PseudoClass.getPseudoClass("attention");
        attention.addListener((obs, old, now) -> badge.pseudoClassStateChanged(red, now));
        badge.pseudoClassStateChanged(red, attention.get());
        return badge;
    }

    private Node statusBar() {
        indicator.setId("connectionIndicator");
        indicator.connectionProperty().bind(model.connectionProperty());
        indicator.modeProperty().bind(model.offline().modeProperty());
        indicator.setOnRetry(model::retryConnection);

        Label error = new Label();
        error.setId("shellError");
        error.getStyleClass().add("status-error");
        error.textProperty().bind(Bindings.createStringBinding(
                () -> model.errorProperty().get() == null ? "" : model.errorProperty().get(), model.errorProperty()));

        Label counts = new Label();
        counts.setId("storeCounts");
        counts.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        counts.textProperty().bind(model.storeSummaryProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(16, indicator, offline.statusLink(), error, grow, counts);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    @Override
    public void close() {
        toasts.close();
        offline.close();
        model.close();
        indicator.connectionProperty().unbind();
        indicator.modeProperty().unbind();
        indicator.setConnection(null);
    }
}
