package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.change.ContactUpdate;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.DealDeleted;
import com.flowcrm.model.change.DealUpdate;
import com.flowcrm.model.change.NotificationUpdate;
import com.flowcrm.model.change.RemoteEvent;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sync protocol's JSON (issue 13): versions in every shape, the new events, and a page of the change log. */
class SyncMappingTest {
    private final JsonMapper mapper = JsonMapper.create();

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    private RemoteEvent event(String name, String data) {
        Mapped<RemoteEvent> mapped = mapper.event(name, json(data));
        assertThat(mapped.isClean()).as(mapped.describeProblems()).isTrue();
        return mapped.value();
    }

    @Test
    void aVersionIsReadFromDealsAndContactsInAnyForm() {
        assertThat(mapper.deal(json("{\"id\":\"d1\",\"version\":7}")).value().getVersion()).isEqualTo(7);
        assertThat(mapper.deal(json("{\"id\":\"d1\",\"version\":\"7\"}")).value().getVersion()).isEqualTo(7);
        assertThat(mapper.deal(json("{\"id\":\"d1\"}")).value().getVersion()).isZero();
        assertThat(mapper.deal(json("{\"id\":\"d1\",\"version\":null}")).value().getVersion()).isZero();
        assertThat(mapper.contact(json("{\"id\":\"c1\",\"version\":1796368966115598}")).value().getVersion())
                .isEqualTo(1796368966115598L);
        MappedList<Deal> list = mapper.deals(json("[{\"id\":\"d1\",\"version\":2},{\"id\":\"d2\",\"version\":3}]"));
        assertThat(list.values()).extracting(Deal::getVersion).containsExactly(2L, 3L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "\"v7\"", "true", "[7]", "{}"})
    void aBadVersionIsNamedAndLeftOut(String bad) {
        Mapped<Deal> deal = mapper.deal(json("{\"id\":\"d1\",\"title\":\"Kept\",\"version\":" + bad + "}"));
        assertThat(deal.value().getTitle()).isEqualTo("Kept");
        assertThat(deal.value().getVersion()).isZero();
        assertThat(deal.describeProblems()).contains("version").contains("not a version");
        Mapped<Contact> contact = mapper.contact(json("{\"id\":\"c1\",\"version\":" + bad + "}"));
        assertThat(contact.isClean()).isFalse();
    }

    @Test
    void everyEventCarriesItsVersion() {
        DealUpdate updated = (DealUpdate) event("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"T\"},\"version\":4}");
        assertThat(updated.changes().version()).isEqualTo(4);
        DealUpdate staged = (DealUpdate) event("deal:stage_changed", "{\"id\":\"d1\",\"stage\":\"proposal\",\"probability\":50,\"version\":5}");
        assertThat(staged.changes().version()).isEqualTo(5);
        DealActivityAdded added = (DealActivityAdded) event("deal:activity_added",
                "{\"dealId\":\"d1\",\"activity\":{\"id\":\"a1\",\"type\":\"call\",\"date\":\"2026-01-01\"},\"version\":6}");
        assertThat(added.version()).isEqualTo(6);
        ContactUpdate contact = (ContactUpdate) event("contact:updated", "{\"id\":\"c1\",\"changes\":{\"title\":\"T\"},\"version\":2}");
        assertThat(contact.changes().version()).isEqualTo(2);
        ContactUpdate health = (ContactUpdate) event("contact:health_changed", "{\"id\":\"c1\",\"oldScore\":1,\"newScore\":2,\"version\":3}");
        assertThat(health.changes().version()).isEqualTo(3);
        assertThat(((DealUpdate) event("deal:updated", "{\"id\":\"d1\",\"changes\":{\"title\":\"T\"}}")).changes().version())
                .as("no version: unknown").isZero();
    }

    @Test
    void theNewEventsAreRead() {
        assertThat(event("deal:deleted", "{\"id\":\"d9\",\"version\":12}")).isEqualTo(new DealDeleted("d9", 12));
        assertThat(event("deal:deleted", "{\"dealId\":\"d9\"}")).isEqualTo(new DealDeleted("d9", 0));
        assertThat(event("notification:updated", "{\"id\":\"n1\",\"changes\":{\"read\":true}}"))
                .isEqualTo(new NotificationUpdate("n1", true));
        assertThat(event("notification:updated", "{\"id\":\"n1\",\"read\":false}")).isEqualTo(new NotificationUpdate("n1", false));
        assertThat(mapper.event("deal:deleted", json("{\"version\":1}")).describeProblems()).contains("id");
        assertThat(mapper.event("notification:updated", json("{\"id\":\"n1\",\"changes\":{}}")).describeProblems())
                .contains("read");
        assertThat(mapper.event("notification:updated", json("{\"id\":\"n1\",\"changes\":[true]}")).isPresent()).isFalse();
    }

    @Test
    void aPutBodyNeverCarriesTheVersion() {
        DealChanges changes = new DealChanges().title("T").version(9);
        assertThat(mapper.toJson(changes).keySet()).containsExactly("title");
    }

    // ---- a page of /sync/changes ----------------------------------------------------------------------------

    @Test
    void aPageIsReadInOrderWithItsNextAndHasMore() {
        Mapped<ChangePage> page = mapper.changePage(json("""
                {"changes":[{"seq":11,"event":"deal:updated","data":{"id":"d1","changes":{"value":5},"version":2}},
                            {"seq":13,"event":"deal:deleted","data":{"id":"d2","version":4}}],
                 "next":15,"hasMore":false}"""), 10);

        assertThat(page.isClean()).isTrue();
        assertThat(page.value().next()).isEqualTo(15);
        assertThat(page.value().hasMore()).isFalse();
        assertThat(page.value().changes()).extracting(ChangePage.Entry::seq).containsExactly(11L, 13L);
        assertThat(page.value().changes()).extracting(ChangePage.Entry::event).containsExactly("deal:updated", "deal:deleted");
        assertThat(page.value().changes().get(1).change().value()).isEqualTo(new DealDeleted("d2", 4));
    }

    @Test
    void anEntryThatCannotBeAppliedStaysInThePageAsAFailureWithItsSeq() {
        ChangePage page = mapper.changePage(json("""
                {"changes":[{"seq":11,"event":"deal:exploded","data":{}},
                            {"seq":12,"event":"deal:updated","data":{"id":"d1"}},
                            {"seq":"x","event":"deal:deleted","data":{"id":"d1"}},
                            {"seq":12,"event":"deal:deleted","data":{"id":"d1"}},
                            {"seq":14,"data":{"id":"d1"}},
                            7,
                            {"seq":16,"event":"deal:deleted","data":{"id":"d1"}}],
                 "next":"16","hasMore":"false"}"""), 10).value();

        assertThat(page.changes()).hasSize(7);
        assertThat(page.changes()).extracting(e -> e.change().isClean()).containsExactly(false, false, false, false, false, false, true);
        assertThat(page.changes().get(0).change().describeProblems()).contains("unknown event 'deal:exploded'");
        assertThat(page.changes().get(1).change().describeProblems()).contains("changes");
        assertThat(page.changes().get(2).change().describeProblems()).contains("not a seq");
        assertThat(page.changes().get(3).change().describeProblems()).contains("not after the change before it");
        assertThat(page.changes().get(4).change().describeProblems()).contains("missing event name");
        assertThat(page.changes()).extracting(ChangePage.Entry::seq).containsExactly(11L, 12L, -1L, 12L, 14L, -1L, 16L);
        assertThat(page.next()).isEqualTo(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "{\"next\":12,\"hasMore\":false}",
        "{\"changes\":{},\"next\":12,\"hasMore\":false}",
        "{\"changes\":[],\"hasMore\":false}",
        "{\"changes\":[],\"next\":-1,\"hasMore\":false}",
        "{\"changes\":[],\"next\":12}",
        "{\"changes\":[],\"next\":12,\"hasMore\":\"perhaps\"}",
        "{\"changes\":[],\"next\":10,\"hasMore\":true}",
        "{\"changes\":[],\"next\":5,\"hasMore\":false}",
        "{\"changes\":[{\"seq\":12,\"event\":\"deal:deleted\",\"data\":{\"id\":\"d1\"}}],\"next\":11,\"hasMore\":false}",
    })
    void aPageThatCannotBePlacedInTheLogIsNoPage(String text) {
        Mapped<ChangePage> page = mapper.changePage(json(text), 10);
        assertThat(page.isPresent()).isFalse();
        assertThat(page.describeProblems()).isNotBlank();
    }
}
