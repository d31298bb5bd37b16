package com.flowcrm.bench;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionConfig;
import com.flowcrm.store.SessionStore;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The pipeline board and the contacts table, shown in a window while events are applied. Uses the app's
 * {@code PipelineView} and {@code ContactsView} when they are on the class path (looked up by name so that this
 * compiles before the UI lands); otherwise, and always for the naive store, stand-in views of the same shape: one
 * list per stage with cells that follow their deal, and a table of contacts by health.
 */
final class BenchViews implements AutoCloseable {
    static final String PIPELINE_VIEW = "com.flowcrm.ui.pipeline.PipelineView";
    static final String CONTACTS_VIEW = "com.flowcrm.ui.contacts.ContactsView";
    private static final double WIDTH = 1600;
    private static final double HEIGHT = 1000;

    private final Stage stage;
    private final SessionStore session;

    private BenchViews(Stage stage, SessionStore session) {
        this.stage = stage;
        this.session = session;
    }

    /** Whether the app's own views are available. */
    static boolean realViewsAvailable() {
        try {
            Class.forName(PIPELINE_VIEW);
            Class.forName(CONTACTS_VIEW);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static String kind(boolean real) {
        return real ? "app views (PipelineView + ContactsView)" : "stand-in views (ListView per stage + TableView)";
    }

    /** On the FX thread: our store's data on the app's views when available, else on the stand-ins. */
    static BenchViews showOurs(RootStore root, String apiUrl, String wsUrl) {
        if (realViewsAvailable()) {
            SessionStore session = new SessionStore(SessionConfig.of(apiUrl, wsUrl), root);
            Node pipeline = realView(PIPELINE_VIEW, session);
            Node contacts = realView(CONTACTS_VIEW, session);
            return show(side(pipeline, contacts), session);
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
        return show(side(board, table), null);
    }

    private static <V> TableColumn<Contact, V> column(String title, Function<Contact, ObservableValue<V>> value) {
        TableColumn<Contact, V> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        return column;
    }

    private static Node side(Node pipeline, Node contacts) {
        VBox box = new VBox(pipeline, contacts);
        VBox.setVgrow(pipeline, Priority.ALWAYS);
        VBox.setVgrow(contacts, Priority.ALWAYS);
        return box;
    }

    private static BenchViews show(Node content, SessionStore session) {
        Stage stage = new Stage();
        stage.setScene(new Scene(new VBox(content), WIDTH, HEIGHT));
        VBox.setVgrow(content, Priority.ALWAYS);
        stage.show();
        return new BenchViews(stage, session);
    }

    Scene scene() {
        return stage.getScene();
    }

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
            Constructor<?> constructor = viewClass.getConstructor(SessionStore.class, navigatorType);
            Object view = constructor.newInstance(session, navigator);
            return (Node) viewClass.getMethod("getNode").invoke(view);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not build " + className, e);
        }
    }

    /** On the FX thread. */
    @Override
    public void close() {
        stage.hide();
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
