package com.flowcrm.ui.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.api.ApiException;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.store.FakeCrmApi;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionCommands;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contacts view-model against a fake server on the direct executor: no toolkit, no server. */
class ContactsViewModelTest {
    private final FakeCrmApi api = new FakeCrmApi();
    private RootStore root;
    private ContactsViewModel viewModel;

    private static Contact contact(String id, String name, int health) {
        Contact contact = new Contact(id);
        contact.setName(name);
        contact.setHealthScore(health);
        return contact;
    }

    @BeforeEach
    void load() {
        root = new RootStore(Runnable::run);
        root.contacts().loadSnapshot(List.of(contact("c1", "Zoe", 80), contact("c2", "Adam", 20)));
        Deal ofZoe = new Deal("d1");
        ofZoe.setContactId("c1");
        root.deals().loadSnapshot(List.of(ofZoe, new Deal("d2")));
        api.contacts.add(contact("c1", "Zoe", 80));
        viewModel = new ContactsViewModel(new SessionCommands(root, () -> api, reason -> { }));
    }

    @Test
    void theRowsAreWeakestRelationshipFirstUntilAColumnSorts() {
        assertThat(viewModel.rows()).extracting(Contact::getName).containsExactly("Adam", "Zoe");

        viewModel.sortBy(Comparator.comparing(Contact::getName).reversed());
        assertThat(viewModel.rows()).extracting(Contact::getName).containsExactly("Zoe", "Adam");

        viewModel.sortBy(null);
        assertThat(viewModel.rows()).isSameAs(viewModel.shownContacts());
    }

    @Test
    void openingAContactShowsItsDealsAndLoadsItInFull() {
        api.contacts.get(0).setTitle("CFO");

        viewModel.openContactProperty().set(viewModel.findContact("c1"));

        assertThat(viewModel.openContactDeals()).extracting(Deal::getId).containsExactly("d1");
        assertThat(root.contacts().byId("c1").getTitle()).isEqualTo("CFO");
        assertThat(root.contacts().selectedContactProperty().get()).isSameAs(root.contacts().byId("c1"));
        assertThat(viewModel.loadMessageProperty().get()).isNull();
    }

    @Test
    void aContactThatCannotBeLoadedInFullSaysSo() {
        api.failNext(ApiException.Kind.UNREACHABLE, 0, "Cannot reach the server");

        viewModel.openContactProperty().set(viewModel.findContact("c2"));

        assertThat(viewModel.loadMessageProperty().get())
                .isEqualTo("Could not load the full history: Cannot reach the server");
        viewModel.openContactProperty().set(null);
        assertThat(viewModel.openContactDeals()).isEmpty();
    }
}
