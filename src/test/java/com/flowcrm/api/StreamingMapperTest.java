package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.google.gson.JsonIOException;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lists read while they stream in give exactly what the tree mapper gives on the same text: the same records
 * field by field, the same problems, the same skipped count, the same failure for text that is not JSON.
 */
class StreamingMapperTest {
    private final JsonMapper mapper = JsonMapper.create();

    private static final String MESSY_DEALS = """
            [{"id":"d-17","title":"Messy renewal","contact_id":"c-1","contact_name":"Pat Messy","company":"Messy Inc",
              "value":"12500.00","stage":"closed_won","probability":"100","confidence":"high",
              "expected_close_date":"2026-03-01","inserted_at":"2026-01-05T09:30:00+01:00","last_activity_at":1767225600000,
              "description":null,"tags":[{"name":"vip"},"renewal"],"risk_factors":["Budget freeze"],"positive_signals":[],
              "competitor_mentioned":null,"priority":"high","version":7,"owner":{"id":"u-1","teams":[1,2,{"x":null}]},
              "activities":[{"id":"a-1","type":"call","date":"2026-02-01","description":"Called Pat","next_step":"Send quote"},
                            {"id":"a-2","kind":"email","occurredAt":1767225600000},{"type":"call"},7,null],
              "ai_insights":[{"id":"i-1","type":"risk","impact":"severe","confidence":"85.4","actionable":"yes"}]},
             {"_id":42,"name":"Numeric id","amount":"1e4","stage":"Closed Lost","expectedCloseAt":"2026-12-31T23:00:00-05:00",
              "tags":"a, b ,,c","competitor":"  ","risks":"Budget","createdAt":"not a date","probability":250},
             {"title":"no id"},
             {"id":"  ","title":"blank id"},
             {"id":"d-18","value":"twelve","stage":"unknown","confidence":["high"],"tags":{"name":"x"},"activities":"none",
              "lastActivity":true,"priority":null,"contactId":null},
             42, null, "text", [1, 2],
             {"id":"d-19","title":"first spelling","name":"second spelling","contactId":"c-1","contact_id":"c-2"},
             {"id":"d-20","title":"unicode \\u00e9\\u4e2d \\ud83d\\ude00","description":"line\\nbreak \\"quoted\\""}]
            """;
    private static final String MESSY_CONTACTS = """
            [{"id":"c-1","name":"Pat Messy","email":"pat@messy.io","phone":null,"company":"Messy Inc","title":"CTO",
              "relationship_health":"high","health_score":"71","last_contact":"2026-02-02","next_follow_up":null,
              "sentiment":"positive","churn_risk":"15","total_deals":"2","total_deals_value":"30000",
              "tags":[{"name":"vip"},{"label":"key"},{"other":1},null,""],"notes":"Prefers email",
              "communication_history":[{"id":"m-1","type":"email","date":"2026-02-02","subject":"Hi","body":"Hello",
                "sentiment":"neutral","analysis":"ok"},{"id":"m-2","kind":"fax"},{"subject":"no id"}],
              "insights":[{"id":"i-1","type":"opportunity","confidence":101},{"id":"i-2","type":"churn_risk",
                "date":1767225600000,"actionable":"0"}],"version":3},
             {"contactId":"c-2","fullName":"Second","healthScore":-5,"churnRisk":"x","totalDeals":-1,"notes":["a",5,null],
              "relationshipHealth":"unknown","sentiment":7,"lastContactAt":"2026-02-30"},
             {"id":"c-3"}, {}, []]
            """;
    private static final String MESSY_NOTIFICATIONS = """
            [{"id":"n-1","user_id":"u-1","type":"deal_update","title":"Deal won","message":"Messy renewal closed",
              "priority":"high","read":"false","metadata":{"deal_id":"d-17","n":5,"nested":{"a":[1]},"gone":null},
              "created_at":"2026-02-03"},
             {"id":"n-2","kind":"unknown","isRead":"maybe","expiresAt":"soon"}, {"title":"no id"}]
            """;

    private static Reader text(String json) {
        return new StringReader(json);
    }

    @Test
    void messyDealsContactsAndNotificationsMapAsTheTreeMapsThem() {
        SameRecords.assertSameDeals(mapper.streamDeals(text(MESSY_DEALS)), mapper.deals(JsonParser.parseString(MESSY_DEALS)));
        SameRecords.assertSameContacts(mapper.streamContacts(text(MESSY_CONTACTS)),
                mapper.contacts(JsonParser.parseString(MESSY_CONTACTS)));
        SameRecords.assertSameNotifications(mapper.streamNotifications(text(MESSY_NOTIFICATIONS)),
                mapper.notifications(JsonParser.parseString(MESSY_NOTIFICATIONS)));
        MappedList<Deal> deals = mapper.streamDeals(text(MESSY_DEALS));
        assertThat(deals.values()).extracting(Deal::getId).containsExactly("d-17", "42", "d-18", "d-19", "d-20");
        assertThat(deals.skipped()).isEqualTo(6);
        assertThat(deals.describeProblems()).contains("deals[0].activities[2].id: missing required field",
                "deals[2].id: missing required field", "deals[5]: not an object: 42");
        assertThat(deals.values().get(3).getTitle()).as("the later spelling wins").isEqualTo("second spelling");
        assertThat(deals.values()).extracting(Deal::getVersion).as("issue 13's versions stream in too")
                .containsExactly(7L, 0L, 0L, 0L, 0L);
        assertThat(mapper.streamContacts(text(MESSY_CONTACTS)).values().get(0).getVersion()).isEqualTo(3L);
    }

    /** Nested lists are mapped as they stream by: the same records, problems in the tree's order, spellings resolved alike. */
    @ParameterizedTest
    @ValueSource(strings = {
        // problems of the nested records between those of the fields before and after them
        "[{\"id\":\"c-1\",\"name\":{\"x\":1},\"communication_history\":[{\"subject\":\"no id\"},{\"id\":\"m-1\","
            + "\"type\":\"fax\",\"date\":\"soon\"},7,null,[],\"text\",{\"id\":\"m-2\",\"date\":1767225600000}],"
            + "\"ai_insights\":[{\"id\":\"i-1\",\"confidence\":\"x\",\"actionable\":\"maybe\"}],\"healthScore\":\"high\","
            + "\"notes\":[1,{\"a\":1}]}]",
        // a list, then a later spelling that is not one; and the other way round
        "[{\"id\":\"c-1\",\"communicationHistory\":[{\"id\":\"m-1\"}],\"communication_history\":5}]",
        "[{\"id\":\"c-1\",\"communication_history\":5,\"communicationHistory\":[{\"id\":\"m-1\"}]}]",
        "[{\"id\":\"c-1\",\"communicationHistory\":[{\"id\":\"m-1\"}],\"communication_history\":null}]",
        "[{\"id\":\"c-1\",\"communicationHistory\":[{\"id\":\"m-1\"}],\"communication_history\":[{\"id\":\"m-2\"}]}]",
        // the nested problems of a record without an id are not reported, as from the tree
        "[{\"communicationHistory\":[{\"subject\":\"no id\"}]},{\"id\":\"c-2\",\"communicationHistory\":[],\"aiInsights\":{}}]",
        "[{\"id\":\"c-1\",\"communicationHistory\":[{\"id\":\"m-1\",\"extra\":{\"deep\":[1,{\"a\":[]}]},\"id\":\"m-9\"}]}]"})
    void nestedListsOfContactsMapAsTheTreeMapsThem(String body) {
        SameRecords.assertSameContacts(mapper.streamContacts(text(body)), mapper.contacts(JsonParser.parseString(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"id\":\"d-1\",\"title\":[],\"activities\":[{\"type\":\"call\"},{\"id\":\"a-1\",\"type\":\"call\","
            + "\"date\":\"2026-02-01\"},{\"id\":\"a-2\",\"type\":\"visit\",\"date\":\"x\"},false],\"ai_insights\":"
            + "[{\"id\":\"i-1\",\"impact\":\"severe\"},{}],\"value\":\"twelve\"}]",
        "[{\"id\":\"d-1\",\"activities\":[{\"id\":\"a-1\",\"type\":\"call\",\"date\":\"2026-02-01\"}],\"activities\":\"none\"}]",
        "[{\"id\":\"d-1\",\"aiInsights\":\"none\",\"ai_insights\":[{\"id\":\"i-1\"}]}]"})
    void nestedListsOfDealsMapAsTheTreeMapsThem(String body) {
        SameRecords.assertSameDeals(mapper.streamDeals(text(body)), mapper.deals(JsonParser.parseString(body)));
    }

    @Test
    void theNestedProblemsComeInTheTreesOrderWithTheirPaths() {
        String body = "[{\"id\":\"c-1\",\"name\":{\"x\":1},\"communicationHistory\":[{\"subject\":\"s\"},7],"
                + "\"healthScore\":\"high\"}]";
        assertThat(mapper.streamContacts(text(body)).problems()).extracting(MappingProblem::path).containsExactly(
                // the order of the contact's fields, whatever the order of the text (as from the tree)
                "contacts[0].name", "contacts[0].healthScore", "contacts[0].communicationHistory[0].id",
                "contacts[0].communicationHistory[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"data\":[{\"id\":\"d1\"}],\"total\":1}",
        "{\"deals\":[{\"id\":\"d1\"}],\"next\":null}",
        "{\"items\":[{\"id\":\"d1\"}],\"data\":\"not the list\"}",
        "{\"results\":[{\"id\":\"d2\"}],\"items\":[{\"id\":\"d1\"}]}",
        "{\"data\":[{\"id\":\"d1\"}],\"data\":5}",
        "{\"data\":5,\"data\":[{\"id\":\"d1\"}]}",
        "{\"error\":\"no access\",\"code\":403}",
        "{\"page\":{\"size\":10,\"items\":[1]},\"comment\":\"a long text that is cut off in the problem's quote\"}",
        "{}", "[]", "\"text\"", "42", "true", "null", "",
        "[{'id':'lenient', title: unquoted, 'tags':['a';'b']}]",
        "[{\"id\":\"d1\" /* a comment */, \"title\":\"t\"} // another\n]",
        "[{\"id\":\"d1\",\"value\":1.0E400,\"probability\":1e-400}]"})
    void wrappersNonListsAndLenientTextGiveTheTreesResult(String body) {
        SameRecords.assertSameDeals(mapper.streamDeals(text(body)), mapper.deals(JsonParser.parseString(body)));
    }

    @Test
    void aHugeStringIsReadAsTheTreeReadsIt() {
        String huge = "x".repeat(5_000_000);
        String deals = "[{\"id\":\"d1\",\"description\":\"" + huge + "\"}]";
        SameRecords.assertSameDeals(mapper.streamDeals(text(deals)), mapper.deals(JsonParser.parseString(deals)));
        assertThat(mapper.streamDeals(text(deals)).values().get(0).getDescription()).hasSize(5_000_000);
        String notAList = "\"" + huge + "\"";
        MappedList<Deal> mapped = mapper.streamDeals(text(notAList));
        SameRecords.assertSameDeals(mapped, mapper.deals(JsonParser.parseString(notAList)));
        assertThat(mapped.describeProblems()).startsWith("deals: not a list: 'xxx").hasSizeLessThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"id\":\"d1\",\"title\":\"cut off", "[{\"id\":\"d1\"},", "[1, 2", "[] trailing",
        "{\"data\":[}", "[{\"id\":\"d1\",\"title\":}]", "[{\"id\" \"d1\"}]", "{\"data\":[{\"id\":\"d1\"}]}}",
        "[{\"id\":\"d1\",\"unknown\":{\"deep\":[1,2}}]", "[\"\\uZZZZ\"]",
        "[{\"id\":\"d1\",\"activities\":[{\"id\":}],\"communicationHistory\":[{\"id\":}]}]",
        "[{\"id\":\"d1\",\"aiInsights\":[{\"id\":\"i\"},"})
    void textThatIsNotJsonFailsTheWholeListAsParsingItWould(String body) {
        assertThatThrownBy(() -> JsonParser.parseString(body)).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> mapper.streamDeals(text(body))).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> mapper.streamContacts(text(body))).isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void aReaderThatFailsIsNotTakenForBadJson() {
        Reader failing = new Reader() {
            private boolean first = true;

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                if (first) {
                    first = false;
                    String start = "[{\"id\":\"d1\"},";
                    start.getChars(0, start.length(), buffer, offset);
                    return start.length();
                }
                throw new IOException("connection reset");
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> mapper.streamDeals(failing)).isInstanceOf(JsonIOException.class)
                .hasRootCauseMessage("connection reset");
    }

    @Test
    void oneRecordsTextMapsAsItsTree() {
        String deal = "{\"id\":\"d-17\",\"value\":\"12500.00\",\"stage\":\"closed_won\",\"tags\":[{\"name\":\"vip\"}],"
                + "\"expected_close_date\":\"2026-12-31T23:00:00-05:00\",\"extra\":{\"a\":[1]}}";
        Mapped<Deal> fromText = mapper.dealFromText(deal);
        Mapped<Deal> fromTree = mapper.deal(JsonParser.parseString(deal));
        assertThat(fromText.problems()).isEqualTo(fromTree.problems());
        SameRecords.assertSameDeal(fromText.value(), fromTree.value());

        String contact = "{\"id\":\"c-1\",\"health_score\":\"71\",\"notes\":\"Prefers email\",\"sentiment\":\"odd\"}";
        Mapped<Contact> contactFromText = mapper.contactFromText(contact);
        assertThat(contactFromText.problems()).isEqualTo(mapper.contact(JsonParser.parseString(contact)).problems());
        SameRecords.assertSameContact(contactFromText.value(), mapper.contact(JsonParser.parseString(contact)).value());
        assertThat(mapper.notificationFromText("{\"id\":\"n-1\",\"read\":\"true\"}").value().isRead()).isTrue();
    }

    @Test
    void oneRecordsTextThatIsNotARecordIsAFailedMapping() {
        assertThat(mapper.dealFromText("{\"id\":\"d1\",").describeProblems()).startsWith("deal: not JSON");
        assertThat(mapper.dealFromText("{\"id\":\"d1\"} {}").describeProblems()).isEqualTo("deal: not JSON: more after the record");
        assertThat(mapper.dealFromText("[1]").describeProblems()).isEqualTo("deal: not an object: [1]");
        assertThat(mapper.dealFromText("{\"title\":\"t\"}").describeProblems()).isEqualTo("deal.id: missing required field");
        assertThat(mapper.contactFromText(null).isPresent()).isFalse();
    }

    @Test
    void textThatIsNotJsonIsAParseFailureOfGsonsKind() {
        // what the REST client turns into "answered with something that is not JSON", for the tree and the stream
        assertThatThrownBy(() -> mapper.streamNotifications(text("[{]"))).isInstanceOf(JsonParseException.class);
    }
}
