package com.flowcrm.ui.contacts;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.store.ContactFilter;
import com.flowcrm.store.ContactStats;
import com.flowcrm.store.ContactsStore;
import com.flowcrm.store.SessionCommands;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.RecentChanges;
import com.flowcrm.ui.offline.PendingMarks;
import java.util.Comparator;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * State of the contacts view: the store's filtered contacts, sorted by the table's columns with plain
 * comparators on the model (no cell values are built to sort 50,000 rows), the open contact and its deals, and the
 * rows' pending marks.
 */
public final class ContactsViewModel {
    private final SessionCommands commands;
    private final ContactsStore contacts;
    /**
     * The table's rows: the store's filtered list in health order, or a SortedList over it while a column sort is
     * active. A SortedList walks all its rows on every insert and remove, which at 50,000 contacts and a live
     * stream was most of the FX thread (benchmark), so none exists while the table shows the store's own order.
     */
    private final ReadOnlyObjectWrapper<ObservableList<Contact>> rows = new ReadOnlyObjectWrapper<>(this, "rows");
    private final FilteredList<Deal> openContactDeals;
    private final ObjectProperty<Contact> openContact = new SimpleObjectProperty<>(this, "openContact");
    private final ReadOnlyStringWrapper loadMessage = new ReadOnlyStringWrapper(this, "loadMessage");
    private final RecentChanges recentChanges = new RecentChanges();
    private final PendingMarks pendingMarks;

    public ContactsViewModel(SessionCommands commands) {
        this(commands, PendingMarks.none());
    }

    /** @param pendingMarks which contacts have a change of the rep's waiting, refused or in conflict */
    public ContactsViewModel(SessionCommands commands, PendingMarks pendingMarks) {
        this.commands = commands;
        this.pendingMarks = Objects.requireNonNull(pendingMarks, "pendingMarks");
        this.contacts = commands.root().contacts();
        rows.set(contacts.sortedByHealth());
        openContactDeals = new FilteredList<>(commands.root().deals().getDeals(), deal -> false);
        contacts.addRemoteChangeListener(change -> recentChanges.mark(change.id()));
        openContact.addListener((obs, old, contact) -> onOpen(contact));
    }

    private void onOpen(Contact contact) {
        contacts.selectedContactProperty().set(contact);
        loadMessage.set(null);
        if (contact == null) {
            openContactDeals.setPredicate(deal -> false);
            return;
        }
        String id = contact.getId();
        openContactDeals.setPredicate(deal -> Objects.equals(deal.getContactId(), id));
        commands.loadContactDetails(id).whenComplete((loaded, error) -> {
            if (error != null && openContact.get() == contact) {
                loadMessage.set("Could not load the full history: " + DisplayFormats.failureReason(error));
            }
        });
    }

    /** The rows of the table: filtered by the store, sorted here when a column sort is active. */
    public ObservableList<Contact> rows() {
        return rows.get();
    }

    /** Changes when sorting starts or ends (the table shows another list then). */
    public ReadOnlyObjectProperty<ObservableList<Contact>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** The contacts the filter and search let through, in the store's order (as many as {@link #rows()}). */
    public ObservableList<Contact> shownContacts() {
        return contacts.sortedByHealth();
    }

    /** Sorts the rows; null keeps the store's order (weakest relationship first). */
    public void sortBy(Comparator<Contact> comparator) {
        if (comparator == null) {
            rows.set(contacts.sortedByHealth());
        } else if (rows.get() instanceof SortedList<Contact> sorted) {
            sorted.setComparator(comparator);
        } else {
            rows.set(new SortedList<>(contacts.sortedByHealth(), comparator));
        }
    }

    /** Counts over all contacts: total, high value, at risk, needing a follow-up. */
    public ReadOnlyObjectProperty<ContactStats> statsProperty() {
        return contacts.statsProperty();
    }

    public ObjectProperty<ContactFilter> filterProperty() {
        return contacts.filterProperty();
    }

    public StringProperty searchTextProperty() {
        return contacts.searchTextProperty();
    }

    /** All contacts the store holds, before filter and search. */
    public ObservableList<Contact> allContacts() {
        return contacts.getContacts();
    }

    public ObjectProperty<Contact> openContactProperty() {
        return openContact;
    }

    /** The deals of the open contact, kept live. */
    public ObservableList<Deal> openContactDeals() {
        return openContactDeals;
    }

    public ReadOnlyStringProperty loadMessageProperty() {
        return loadMessage.getReadOnlyProperty();
    }

    public Contact findContact(String id) {
        return id == null ? null : contacts.byId(id);
    }

    public RecentChanges recentChanges() {
        return recentChanges;
    }

    /** The rows' and the panel's pending marks. */
    public PendingMarks pendingMarks() {
        return pendingMarks;
    }
}
