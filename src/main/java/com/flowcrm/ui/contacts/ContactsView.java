package com.flowcrm.ui.contacts;

import atlantafx.base.theme.Styles;
import com.flowcrm.model.Contact;
import com.flowcrm.store.ContactFilter;
import com.flowcrm.store.ContactStats;
import com.flowcrm.store.SessionStore;
import com.flowcrm.ui.NavigableView;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.FlashEffect;
import com.flowcrm.ui.kit.ViewChrome;
import com.flowcrm.ui.kit.RecentChanges;
import com.flowcrm.ui.offline.PendingMarks;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/** Contacts: a sortable, virtualized table with health badges that change live, filters, search and a detail panel. */
public final class ContactsView implements NavigableView {
    private static final String STYLESHEET = Objects.requireNonNull(
            ContactsView.class.getResource("/com/flowcrm/ui/views.css"), "views.css").toExternalForm();
    /** One row height for all rows keeps scrolling through 50,000 contacts cheap. */
    static final double ROW_HEIGHT = 40;

    private final ContactsViewModel viewModel;
    private final Clock clock;
    private final TableView<Contact> table = new TableView<>();
    private final BorderPane root = new BorderPane();

    public ContactsView(SessionStore session, Navigator navigator) {
        this(session, navigator, Clock.systemDefaultZone());
    }

    ContactsView(SessionStore session, Navigator navigator, Clock clock) {
        this.viewModel = new ContactsViewModel(session.commands(), new PendingMarks(session.pendingChanges()));
        this.clock = clock;
        root.getStyleClass().add("contacts-view");
        root.getStylesheets().add(STYLESHEET);
        root.setId("contacts-view");

        VBox top = new VBox(12, header(), toolbar());
        top.getStyleClass().add("view-top");
        root.setTop(top);
        buildTable();
        BorderPane center = new BorderPane(table);
        center.getStyleClass().add("table-holder");
        root.setCenter(center);

        ContactDetailsPanel panel = new ContactDetailsPanel(viewModel, clock);
        panel.setOnClose(() -> viewModel.openContactProperty().set(null));
        panel.setOnOpenDeal(navigator::showDeal);
        viewModel.openContactProperty().addListener((obs, old, contact) -> root.setRight(contact == null ? null : panel));
        ViewChrome.closeOnEscape(root, viewModel.openContactProperty());
    }

    private Node header() {
        Label shown = new Label();
        shown.setId("contacts-shown");
        shown.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.shownContacts().size() + " of " + viewModel.allContacts().size(), viewModel.shownContacts(),
                viewModel.allContacts()));
        return ViewChrome.liveTitleRow("Contacts",
                ViewChrome.stat("High value", statLabel("stat-high-value", ContactStats::highValue), Feather.STAR),
                ViewChrome.stat("At risk", statLabel("stat-at-risk", ContactStats::atRisk), Feather.ALERT_TRIANGLE),
                ViewChrome.stat("Need a follow-up", statLabel("stat-follow-up", ContactStats::needsFollowUp), Feather.CLOCK),
                ViewChrome.stat("Shown", shown, Feather.USERS));
    }

    private Label statLabel(String id, java.util.function.ToIntFunction<ContactStats> count) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(Bindings.createStringBinding(
                () -> Integer.toString(count.applyAsInt(viewModel.statsProperty().get())), viewModel.statsProperty()));
        return label;
    }

    private Node toolbar() {
        HBox chipRow = ViewChrome.chips(ContactFilter.values(), viewModel.filterProperty(), ContactsView::chipText,
                "contact-filter-");
        HBox searchBox = ViewChrome.searchBox(viewModel.searchTextProperty(), "Search name, company or email",
                "contact-search");

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(12, chipRow, spacer, searchBox);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static String chipText(ContactFilter filter) {
        return switch (filter) {
            case ALL -> "All";
            case HIGH_VALUE -> "High value";
            case AT_RISK -> "At risk";
            case RECENT -> "Recent";
        };
    }

    private void buildTable() {
        table.setId("contacts-table");
        table.getStyleClass().addAll("contacts-table", Styles.STRIPED);
        table.itemsProperty().bind(viewModel.rowsProperty());
        table.setFixedCellSize(ROW_HEIGHT);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No contacts match."));
        RecentChanges changes = viewModel.recentChanges();

        TableColumn<Contact, Contact> name = column("Name", Contact::getName,
                Comparator.comparing(Contact::getName, String.CASE_INSENSITIVE_ORDER), c -> "contact-name", 160);
        name.setCellFactory(col -> new MarkedNameCell(viewModel.pendingMarks()));
        TableColumn<Contact, Contact> company = column("Company", Contact::getCompany,
                Comparator.comparing(Contact::getCompany, String.CASE_INSENSITIVE_ORDER), c -> null, 140);
        TableColumn<Contact, Contact> title = column("Title", Contact::getTitle,
                Comparator.comparing(Contact::getTitle, String.CASE_INSENSITIVE_ORDER), c -> null, 130);
        TableColumn<Contact, Contact> health = new TableColumn<>("Health");
        health.setId("col-health");
        health.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        health.setCellFactory(col -> new HealthCell(changes));
        health.setComparator(Comparator.comparingInt(Contact::getHealthScore));
        health.setPrefWidth(130);
        health.setMinWidth(124);
        TableColumn<Contact, Contact> churn = column("Churn risk", c -> c.getChurnRisk() + "%",
                Comparator.comparingInt(Contact::getChurnRisk), ContactsView::churnStyle, 106);
        TableColumn<Contact, Contact> last = column("Last contact", c -> DisplayFormats.relative(c.getLastContact(), clock),
                Comparator.comparing(Contact::getLastContact, Comparator.nullsFirst(Comparator.naturalOrder())), c -> null, 118);
        TableColumn<Contact, Contact> next = column("Next follow-up",
                c -> c.getNextFollowUp() == null ? "\u2014" : DisplayFormats.date(c.getNextFollowUp(), clock.getZone()),
                Comparator.comparing(Contact::getNextFollowUp, Comparator.nullsLast(Comparator.naturalOrder())),
                c -> c.getNextFollowUp() != null && c.getNextFollowUp().isBefore(clock.instant()) ? "followup-overdue" : null, 126);
        TableColumn<Contact, Contact> deals = column("Deals", c -> Integer.toString(c.getTotalDeals()),
                Comparator.comparingInt(Contact::getTotalDeals), c -> null, 68);
        TableColumn<Contact, Contact> value = column("Total value", c -> DisplayFormats.money(c.getTotalValue()),
                Comparator.comparingDouble(Contact::getTotalValue), c -> null, 112);
        table.getColumns().setAll(java.util.List.of(name, company, title, health, churn, last, next, deals, value));

        // sort with model comparators: the default policy would build a cell value per comparison
        table.setSortPolicy(t -> {
            Comparator<Contact> order = null;
            for (TableColumn<Contact, ?> column : t.getSortOrder()) {
                @SuppressWarnings("unchecked")
                Comparator<Contact> byColumn = (Comparator<Contact>) (Comparator<?>) column.getComparator();
                if (column.getSortType() == TableColumn.SortType.DESCENDING) {
                    byColumn = byColumn.reversed();
                }
                order = order == null ? byColumn : order.thenComparing(byColumn);
            }
            viewModel.sortBy(order);
            return true;
        });

        table.setRowFactory(t -> new HighlightedRow(changes));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, contact) -> {
            if (contact != null && table.isFocused()) {
                viewModel.openContactProperty().set(contact);
            }
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            Contact selected = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                viewModel.openContactProperty().set(selected);
                e.consume();
            }
        });
    }

    private TableColumn<Contact, Contact> column(String title, Function<Contact, String> text, Comparator<Contact> order,
            Function<Contact, String> style, double width) {
        TableColumn<Contact, Contact> column = new TableColumn<>(title);
        column.setId("col-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
        column.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        column.setCellFactory(col -> new ContactCell(text, style, clock));
        column.setComparator(order);
        column.setPrefWidth(width);
        // the header stays readable; a narrow window scrolls sideways instead
        column.setMinWidth(width);
        return column;
    }

    private static String churnStyle(Contact contact) {
        if (contact.getChurnRisk() >= 60) {
            return "churn-high";
        }
        return contact.getChurnRisk() >= 35 ? "churn-medium" : null;
    }

    /** A row that lights up for a moment when someone else changed its contact, and opens it on click. */
    private final class HighlightedRow extends TableRow<Contact> {
        private final RecentChanges changes;
        private final PauseTransition fade = new PauseTransition();
        private final InvalidationListener remotePulse = o -> highlight();

        HighlightedRow(RecentChanges changes) {
            this.changes = changes;
            fade.setOnFinished(e -> pseudoClassStateChanged(FlashEffect.REMOTE_CHANGE, false));
            changes.pulseProperty().addListener(new WeakInvalidationListener(remotePulse));
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && getItem() != null) {
                    viewModel.openContactProperty().set(getItem());
                }
            });
        }

        @Override
        protected void updateItem(Contact contact, boolean empty) {
            Contact before = getItem();
            super.updateItem(contact, empty);
            if (before != contact) {
                highlight();
            }
        }

        private void highlight() {
            Contact contact = getItem();
            java.time.Duration left = contact == null ? java.time.Duration.ZERO : changes.remaining(contact.getId());
            fade.stop();
            boolean on = !left.isZero();
            pseudoClassStateChanged(FlashEffect.REMOTE_CHANGE, on);
            if (on) {
                fade.setDuration(Duration.millis(left.toMillis()));
                fade.playFromStart();
            }
        }
    }

    @Override
    public Node getNode() {
        return root;
    }

    @Override
    public void reveal(String id) {
        Contact contact = viewModel.findContact(id);
        if (contact == null) {
            return;
        }
        if (!viewModel.rows().contains(contact)) {
            viewModel.filterProperty().set(ContactFilter.ALL);
            viewModel.searchTextProperty().set("");
        }
        int index = viewModel.rows().indexOf(contact);
        if (index >= 0) {
            table.getSelectionModel().clearAndSelect(index);
            // only as far as needed: TableView.scrollTo puts the row at the top, which fails for the last rows
            if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.scrollTo(index);
            } else {
                table.scrollTo(index);
            }
        }
        viewModel.openContactProperty().set(contact);
    }

    ContactsViewModel viewModel() {
        return viewModel;
    }

    TableView<Contact> table() {
        return table;
    }
}
