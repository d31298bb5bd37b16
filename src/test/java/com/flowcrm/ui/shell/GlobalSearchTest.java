package com.flowcrm.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalSearchTest {
    private static Deal deal(String id, String title, String company, String contactName) {
        Deal deal = new Deal(id);
        deal.setTitle(title);
        deal.setCompany(company);
        deal.setContactName(contactName);
        deal.setValue(125000);
        deal.setStage(DealStage.PROPOSAL);
        return deal;
    }

    private static Contact contact(String id, String name, String company, String email) {
        Contact contact = new Contact(id);
        contact.setName(name);
        contact.setCompany(company);
        contact.setEmail(email);
        contact.setTitle("VP Sales");
        return contact;
    }

    private final List<Deal> deals = List.of(
            deal("d1", "Enterprise licence", "Acme Corp", "Sarah Chen"),
            deal("d2", "Acme renewal", "Acme Corp", "Tom Baker"),
            deal("d3", "Pilot", "Globex", "Nina Park"));
    private final List<Contact> contacts = List.of(
            contact("c1", "Sarah Chen", "Acme Corp", "sarah@acme.example"),
            contact("c2", "Nina Park", "Globex", "nina@globex.example"));
    private final GlobalSearch search = new GlobalSearch(() -> deals, () -> contacts);

    @Test
    void findsDealsAndContactsByAnyOfTheirWords() {
        List<SearchHit> hits = search.search("acme", 10);
        assertThat(hits).extracting(SearchHit::id).containsExactly("d2", "d1", "c1");
        assertThat(hits.get(0).kind()).isEqualTo(SearchHit.Kind.DEAL);
        assertThat(hits.get(0).subtitle()).contains("Acme Corp").contains("$125,000").contains("Proposal");
        assertThat(hits.get(2).kind()).isEqualTo(SearchHit.Kind.CONTACT);
    }

    @Test
    void everyTermMustMatchInAnyOrderAndCase() {
        assertThat(search.search("CHEN acme", 10)).extracting(SearchHit::id).containsExactly("d1", "c1");
        assertThat(search.search("chen globex", 10)).isEmpty();
        assertThat(search.search("nina@globex", 10)).extracting(SearchHit::id).containsExactly("c2");
    }

    @Test
    void blankFindsNothingAndTheLimitIsPerKind() {
        assertThat(search.search("   ", 10)).isEmpty();
        assertThat(search.search(null, 10)).isEmpty();
        assertThat(search.search("a", 1)).extracting(SearchHit::kind)
                .containsExactly(SearchHit.Kind.DEAL, SearchHit.Kind.CONTACT);
    }
}
