package com.flowcrm.store;

import static com.flowcrm.store.Frames.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.Contact;
import com.flowcrm.model.RelationshipHealth;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactsStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final JsonMapper mapper = JsonMapper.create();
    private ManualExecutor ui;
    private RootStore root;
    private LiveFrames live;
    private ContactsStore contacts;

    @BeforeEach
    void load() {
        ui = new ManualExecutor();
        root = new RootStore(ui, Clock.fixed(NOW, ZoneOffset.UTC));
        live = new LiveFrames(root);
        contacts = root.contacts();
        root.loadSnapshot(null, List.of(
                contact("{\"id\":\"a\",\"name\":\"Ann\",\"company\":\"Acme\",\"healthScore\":80,\"totalValue\":150000,"
                        + "\"lastContact\":\"2026-02-27\",\"nextFollowUp\":\"2026-03-05\"}"),
                contact("{\"id\":\"b\",\"name\":\"Bob\",\"company\":\"Globex\",\"healthScore\":30,\"churnRisk\":20,"
                        + "\"lastContact\":\"2026-01-01\"}"),
                contact("{\"id\":\"c\",\"name\":\"Cy\",\"email\":\"cy@initech.com\",\"healthScore\":60,\"churnRisk\":65,"
                        + "\"lastContact\":\"2026-02-28\",\"nextFollowUp\":\"2026-02-28\"}")), null);
        ui.pulse();
    }

    private Contact contact(String text) {
        return mapper.contact(json(text)).value();
    }

    private static List<String> ids(List<Contact> list) {
        return list.stream().map(Contact::getId).toList();
    }

    @Test
    void sortedByHealthWeakestFirstAndStats() {
        assertThat(ids(contacts.sortedByHealth())).containsExactly("b", "c", "a");
        assertThat(contacts.statsProperty().get()).isEqualTo(new ContactStats(3, 1, 2, 2));
    }

    @Test
    void healthChangeReordersTheViewAndUpdatesStats() {
        live.send("contact:health_changed", json("{\"id\":\"b\",\"oldScore\":30,\"newScore\":95}"));
        ui.pulse();
        assertThat(ids(contacts.sortedByHealth())).containsExactly("c", "a", "b");
        assertThat(contacts.byId("b").getRelationshipHealth()).isEqualTo(RelationshipHealth.HIGH);
        assertThat(contacts.statsProperty().get().atRisk()).isEqualTo(1);
    }

    @Test
    void filtersAndSearch() {
        contacts.filterProperty().set(ContactFilter.HIGH_VALUE);
        assertThat(ids(contacts.sortedByHealth())).containsExactly("a");
        contacts.filterProperty().set(ContactFilter.AT_RISK);
        assertThat(ids(contacts.sortedByHealth())).containsExactly("b", "c");
        contacts.filterProperty().set(ContactFilter.RECENT);
        assertThat(ids(contacts.sortedByHealth())).containsExactly("c", "a");

        live.send("contact:updated", json("{\"id\":\"b\",\"changes\":{\"last_contact\":\"2026-03-01T09:00:00Z\"}}"));
        ui.pulse();
        assertThat(ids(contacts.sortedByHealth())).containsExactly("b", "c", "a");

        contacts.filterProperty().set(ContactFilter.ALL);
        contacts.searchTextProperty().set("INITECH");
        assertThat(ids(contacts.sortedByHealth())).containsExactly("c");
        contacts.searchTextProperty().set("glob");
        assertThat(ids(contacts.sortedByHealth())).containsExactly("b");
    }

    @Test
    void remoteChangesNameTheContact() {
        List<RemoteChange> seen = new ArrayList<>();
        contacts.addRemoteChangeListener(seen::add);
        live.send("contact:health_changed", json("{\"id\":\"a\",\"newScore\":10}"));
        live.send("contact:health_changed", json("{\"id\":\"a\",\"newScore\":80}"));
        ui.pulse();
        assertThat(seen).containsExactly(new RemoteChange(RemoteChange.Kind.UPDATED, "a"));
    }

    @Test
    void reconcileKeepsInstancesAndSelection() {
        contacts.select("a");
        Contact a = contacts.selectedContactProperty().get();
        contacts.reconcile(List.of(contact("{\"id\":\"a\",\"name\":\"Ann B\",\"healthScore\":20}"),
                contact("{\"id\":\"d\",\"name\":\"Dee\",\"healthScore\":50}")));
        assertThat(contacts.selectedContactProperty().get()).isSameAs(a);
        assertThat(a.getName()).isEqualTo("Ann B");
        assertThat(a.getRelationshipHealth()).isEqualTo(RelationshipHealth.LOW);
        assertThat(ids(contacts.getContacts())).containsExactly("a", "d");
        assertThat(ids(contacts.sortedByHealth())).containsExactly("a", "d");
        assertThat(contacts.statsProperty().get().total()).isEqualTo(2);
    }

    @Test
    void optimisticEditRollsBackHealthToo() {
        LocalEdit edit = contacts.applyLocal("a", new ContactChanges().healthScore(10));
        assertThat(contacts.byId("a").getRelationshipHealth()).isEqualTo(RelationshipHealth.LOW);
        assertThat(ids(contacts.sortedByHealth())).containsExactly("a", "b", "c");
        edit.rollback();
        assertThat(contacts.byId("a").getHealthScore()).isEqualTo(80);
        assertThat(contacts.byId("a").getRelationshipHealth()).isEqualTo(RelationshipHealth.HIGH);
        assertThat(ids(contacts.sortedByHealth())).containsExactly("b", "c", "a");
    }

    @Test
    void aResyncsHealthOrderWorkedOutOffTheUiThreadGivesTheSameViewAsSortingOnIt() {
        List<Contact> fresh = List.of(
                contact("{\"id\":\"d\",\"name\":\"dee\",\"healthScore\":30}"),
                contact("{\"id\":\"a\",\"name\":\"Ann\",\"healthScore\":10}"),
                contact("{\"id\":\"e\",\"name\":\"Dee\",\"healthScore\":30}"),
                contact("{\"id\":\"b\",\"name\":\"Bob\",\"healthScore\":90}"));
        // the session's path: prepared on the thread that read the list, reconciled on the UI thread
        root.completeResync(null, fresh, null);
        ui.pulse();
        assertThat(ids(contacts.sortedByHealth())).containsExactly("a", "d", "e", "b");
        assertThat(ids(contacts.getContacts())).as("the contacts keep the server's order").containsExactly("d", "a", "e", "b");
    }

    @Test
    void aHealthOrderThatNoLongerFitsTheContactsIsNotTrusted() {
        List<Contact> fresh = List.of(
                contact("{\"id\":\"x\",\"name\":\"Xi\",\"healthScore\":50}"),
                contact("{\"id\":\"y\",\"name\":\"Yu\",\"healthScore\":20}"),
                contact("{\"id\":\"z\",\"name\":\"Zed\",\"healthScore\":70}"));
        // worked out for other contacts (the same number of them), and for the same contacts in the wrong order
        PreparedList<Contact> other = PreparedList.of(contacts, List.of(contact("{\"id\":\"a\"}"),
                contact("{\"id\":\"b\"}"), contact("{\"id\":\"c\"}")));
        root.dispatcher().submit(() -> contacts.reconcile(new PreparedList<>(fresh, other.presort())));
        ui.pulse();
        assertThat(ids(contacts.sortedByHealth())).containsExactly("y", "x", "z");

        List<Contact> again = List.of(fresh.get(0), fresh.get(1), fresh.get(2));
        root.dispatcher().submit(() -> contacts.reconcile(new PreparedList<>(again, List.of("z", "x", "y"))));
        ui.pulse();
        assertThat(ids(contacts.sortedByHealth())).containsExactly("y", "x", "z");
    }
}
