package com.flowcrm.bench;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Theme;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The app's views, shown in a window while events are applied, styled exactly as the app styles them: the theme's
 * AtlantaFX user-agent stylesheet and our stylesheet on the scene ({@link ThemeSwitcher}, as {@code DesktopShell}
 * does), the views' own stylesheets on their roots. The views are looked up by class name ({@link #APP_VIEWS}), so that
 * a view that lands later is picked up without a change here; when the board or the table is missing, and always for
 * the naive store, stand-in views of the same shape are shown: one list per stage with cells that follow their deal,
 * and a table of contacts by health.
 */
final class BenchViews implements AutoCloseable {
    static final String PIPELINE_VIEW = "com.flowcrm.ui.pipeline.PipelineView";
    static final String CONTACTS_VIEW = "com.flowcrm.ui.contacts.ContactsView";
    /**
     * The app's views the benchmark shows, first on top and the others side by side below it. Required views fall back
     * to the stand-ins when absent; an optional one is shown once its class exists. Extend the list as views land.
     */
    static final List<AppView> APP_VIEWS = List.of(
            new AppView("pipeline", PIPELINE_VIEW, true),
            new AppView("contacts", CONTACTS_VIEW, true),
            new AppView("insights", "com.flowcrm.ui.insights.InsightsView", false));
    static final double WIDTH = 1600;
    static final double HEIGHT = 1000;
    /** {@code -Dbench.theme=dark} measures the dark theme; light is the app's default. */
    static final Theme THEME = Theme.valueOf(System.getProperty("bench.theme", "light").toUpperCase(Locale.ROOT));
    private static boolean themeApplied;

    /** One of the app's views by class name; {@code required}: the run uses stand-ins when it is missing. */
    record AppView(String name, String className, boolean required) {
        boolean present() {
            try {
                Class.forName(className);
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }

    private final Stage stage;
    private final SessionStore session;
    private final List<String> viewNames;
    private final List<Node> viewNodes;

    private BenchViews(Stage stage, SessionStore session, List<String> viewNames, List<Node> viewNodes) {
        this.stage = stage;
        this.session = session;
        this.viewNames = viewNames;
        this.viewNodes = viewNodes;
    }

    /** Whether the app's own board and table are available (else the run shows stand-ins). */
    static boolean realViewsAvailable() {
        return APP_VIEWS.stream().filter(AppView::required).allMatch(AppView::present);
    }

    /** The app's views a run shows: all present ones, none when a required one is missing (then: stand-ins). */
    static List<AppView> shownViews() {
        return realViewsAvailable() ? APP_VIEWS.stream().filter(AppView::present).toList() : List.of();
    }

    /**
     * Whether a view is measured: all are, unless {@code -Dbench.views=pipeline,contacts} names some; the others then
     * keep their place in the window as empty panes, so that what each view costs alone is measured at its usual size.
     */
    static boolean measured(AppView view) {
        List<String> names = Arrays.stream(System.getProperty("bench.views", "").split(",")).map(String::strip)
                .filter(n -> !n.isEmpty()).toList();
        if (!names.isEmpty() && APP_VIEWS.stream().noneMatch(v -> names.contains(v.name()))) {
            throw new IllegalArgumentException("-Dbench.views=" + names + " names none of " + APP_VIEWS);
        }
        return names.isEmpty() || names.contains(view.name());
    }

    static String kind(boolean real) {
        if (!real) {
            return "stand-in views (ListView per stage + TableView)";
        }
        return "app views (" + shownViews().stream().map(v -> v.className().substring(v.className().lastIndexOf('.') + 1)
                + (measured(v) ? "" : " as an empty pane")).collect(Collectors.joining(" + ")) + "), theme "
                + THEME.wireName() + (FloorCells.enabled() ? ", board cards replaced by one Text node each (floor)" : "");
    }

    /** On the FX thread: our store's data on the app's views when available, else on the stand-ins. */
    static BenchViews showOurs(RootStore root, String apiUrl, String wsUrl) {
        if (realViewsAvailable()) {
            SessionStore session = new SessionStore(SessionConfig.of(apiUrl, wsUrl), root);
            List<AppView> shown = shownViews();
            List<Node> nodes = shown.stream()
                    .map(v -> measured(v) ? realView(v.className(), session) : (Node) new Region())
                    .toList();
            return show(nodes, shown.stream().map(AppView::name).toList(), session);
        }
        return showStandIn(root.deals()::dealsInStage, root.contacts().sortedByHealth());
    }

    /** On the FX thread: stand-in views over any store's derived lists. */
    static BenchViews showStandIn(Function<DealStage, ObservableList<Deal>> dealsInStage,
            ObservableList<Contact> contactsByHealth) {
        HBox board = new HBox(4);
        for (DealStage s : DealStage.values()) {
            ListView<Deal> column = new ListView<>(dealsInStage.apply(s));
            column.setCellFactory(list -> new DealCell());
            HBox.setHgrow(column, Priority.ALWAYS);
            board.getChildren().add(column);
        }
        TableView<Contact> table = new TableView<>(contactsByHealth);
        table.getColumns().add(column("Name", Contact::nameProperty));
        table.getColumns().add(column("Company", Contact::companyProperty));
        table.getColumns().add(column("Health", c -> c.healthScoreProperty().asObject()));
        table.getColumns().add(column("Relationship", Contact::relationshipHealthProperty));
        table.getColumns().add(column("Churn risk", c -> c.churnRiskProperty().asObject()));
        return show(List.of(board, table), List.of("stand-in board", "stand-in table"), null);
    }

    private static <V> TableColumn<Contact, V> column(String title, Function<Contact, ObservableValue<V>> value) {
        TableColumn<Contact, V> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        return column;
    }

    /**
     * The first view on the top half, the others side by side on the bottom half: fixed shares of the window, so that
     * a view keeps its size whatever is beside it (an empty pane from -Dbench.views included).
     */
    private static Node arrange(List<Node> views) {
        GridPane grid = new GridPane();
        int below = Math.max(1, views.size() - 1);
        for (int c = 0; c < below; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / below);
            grid.getColumnConstraints().add(column);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            grid.getRowConstraints().add(row);
        }
        grid.add(views.get(0), 0, 0, below, 1);
        for (int i = 1; i < views.size(); i++) {
            grid.add(views.get(i), i - 1, 1);
        }
        for (Node view : views) {
            GridPane.setHgrow(view, Priority.ALWAYS);
            GridPane.setVgrow(view, Priority.ALWAYS);
            GridPane.setFillWidth(view, true);
            GridPane.setFillHeight(view, true);
        }
        return grid;
    }

    private static BenchViews show(List<Node> views, List<String> names, SessionStore session) {
        Node content = arrange(views);
        applyTheme();
        Rectangle2D screen = Screen.getPrimary().getBounds();
        if (screen.getWidth() < WIDTH || screen.getHeight() < HEIGHT) {
            // a window larger than Monocle's headless screen breaks every frame upload (BufferOverflowException)
            throw new IllegalStateException("the screen is " + screen.getWidth() + "x" + screen.getHeight()
                    + ", smaller than the " + WIDTH + "x" + HEIGHT + " bench window: run with -Dheadless.geometry="
                    + (int) WIDTH + "x" + (int) HEIGHT + "-32 or larger (the bench profile sets it)");
        }
        Stage stage = new Stage();
        Scene scene = new Scene(new VBox(content), WIDTH, HEIGHT);
        // as DesktopShell sets up the app's scene
        scene.getStylesheets().add(ThemeSwitcher.APP_STYLESHEET);
        stage.setScene(scene);
        VBox.setVgrow(content, Priority.ALWAYS);
        stage.show();
        if (FloorCells.enabled() && names.contains("pipeline") && measured(APP_VIEWS.get(0))) {
            FloorCells.apply(scene);
        }
        return new BenchViews(stage, session, names, views);
    }

    /** The app's theme, set once for the whole toolkit as the app's ThemeSwitcher does. */
    private static void applyTheme() {
        if (!themeApplied) {
            new ThemeSwitcher().apply(THEME);
            themeApplied = true;
        }
    }

    Scene scene() {
        return stage.getScene();
    }

    /**
     * Nodes in the scene, in all and per view (FX thread): every pulse that has anything dirty walks all of them
     * (Parent.updateBounds), so this is what a card or a row with fewer nodes saves.
     */
    Map<String, Integer> nodeCounts() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        counts.put("scene", count(stage.getScene().getRoot()));
        for (int i = 0; i < viewNodes.size(); i++) {
            counts.put(viewNames.get(i), count(viewNodes.get(i)));
        }
        // per visible board card and table row, by the app's style classes (absent ones are left out)
        for (String cell : List.of("deal-card-cell", FloorCells.STYLE_CLASS, "table-row-cell")) {
            List<Node> cells = stage.getScene().getRoot().lookupAll("." + cell).stream().filter(Node::isVisible).toList();
            if (!cells.isEmpty()) {
                counts.put(cell + " (visible)", cells.size());
                counts.put("nodes per " + cell, cells.stream().mapToInt(BenchViews::count).sum() / cells.size());
            }
        }
        return counts;
    }

    private static int count(Node node) {
        int n = 1;
        if (node instanceof javafx.scene.Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                n += count(child);
            }
        }
        return n;
    }

    /**
     * Builds a view through its public constructor taking some of (SessionStore, Navigator, Clock), as the app's
     * views do; a view that needs something else fails the run loudly, so that the lead extends this method.
     */
    private static Node realView(String className, SessionStore session) {
        try {
            Class<?> viewClass = Class.forName(className);
            Class<?> navigatorType = Class.forName("com.flowcrm.ui.Navigator");
            Object navigator = Proxy.newProxyInstance(navigatorType.getClassLoader(), new Class<?>[] {navigatorType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "bench navigator";
                        default -> null;
                    });
            Map<Class<?>, Object> available = Map.of(SessionStore.class, session, navigatorType, navigator,
                    Clock.class, Clock.systemDefaultZone());
            for (Constructor<?> constructor : viewClass.getConstructors()) {
                Class<?>[] types = constructor.getParameterTypes();
                if (Arrays.stream(types).allMatch(available::containsKey)) {
                    Object view = constructor.newInstance(Arrays.stream(types).map(available::get).toArray());
                    return view instanceof Node node ? node : (Node) viewClass.getMethod("getNode").invoke(view);
                }
            }
            throw new IllegalStateException(className + " has no public constructor taking only SessionStore,"
                    + " Navigator or Clock; teach BenchViews.realView what it needs");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not build " + className, e);
        }
    }

    /** On the FX thread. */
    @Override
    public void close() {
        stage.hide();
        // the views leave their scene, as when the app switches away from them: a view that runs timers while shown
        // (InsightsView's clock tick) stops them; else the animation timer holds it, its store and 60,000 records
        // after every round, and the full run runs out of its 2 GB heap in the end-to-end rounds
        stage.getScene().setRoot(new Region());
        stage.setScene(null);
        if (session != null) {
            session.close();
        }
    }

    /** A card-like cell: title, company, value and probability, redrawn when its deal changes. */
    private static final class DealCell extends ListCell<Deal> {
        private final InvalidationListener redraw = o -> redraw();
        private Deal watched;

        @Override
        protected void updateItem(Deal deal, boolean empty) {
            super.updateItem(deal, empty);
            if (watched != null) {
                watched.revisionProperty().removeListener(redraw);
            }
            watched = empty ? null : deal;
            if (watched != null) {
                watched.revisionProperty().addListener(redraw);
            }
            redraw();
        }

        private void redraw() {
            Deal d = watched;
            setText(d == null ? null : d.getTitle() + "\n" + d.getCompany() + "\n$" + Math.round(d.getValue())
                    + " \u00b7 " + d.getProbability() + "%");
        }
    }
}
