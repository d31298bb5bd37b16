package com.flowcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class DemoDataGeneratorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

    private static DemoState state(int deals, int contacts, long seed) {
        return new DemoState(DemoDataGenerator.generate(deals, contacts, seed, CLOCK), false, CLOCK);
    }

    private static List<JsonObject> objects(JsonArray array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsJsonObject).toList();
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedDifferentData() {
        assertThat(state(40, 60, 7).deals("all", null)).isEqualTo(state(40, 60, 7).deals("all", null));
        assertThat(state(40, 60, 7).contacts("all", null)).isEqualTo(state(40, 60, 7).contacts("all", null));
        assertThat(state(40, 60, 7).deals("all", null)).isNotEqualTo(state(40, 60, 8).deals("all", null));
    }

    @Test
    void dealsAreRealisticAndCoverEveryStage() {
        DemoState state = state(40, 60, 42);
        List<JsonObject> deals = objects(state.deals("all", null));
        assertThat(deals).hasSize(40).allSatisfy(WireShapes::assertDeal);
        Set<String> stages = new HashSet<>();
        Set<String> activityTypes = new HashSet<>();
        for (JsonObject deal : deals) {
            stages.add(deal.get("stage").getAsString());
            deal.getAsJsonArray("activities").forEach(a -> activityTypes.add(a.getAsJsonObject().get("type").getAsString()));
            assertThat(deal.get("probability").getAsInt()).isEqualTo(
                    DealStage.fromWire(deal.get("stage").getAsString()).orElseThrow().probability());
            String contactId = deal.get("contactId").getAsString();
            assertThat(state.contact(contactId).get("name").getAsString()).isEqualTo(deal.get("contactName").getAsString());
        }
        assertThat(stages).hasSize(6);
        assertThat(activityTypes).containsExactlyInAnyOrder("call", "email", "meeting", "proposal", "demo", "note");
        assertThat(deals).anySatisfy(d -> assertThat(d.has("competitorMentioned")).isTrue());
        assertThat(deals).anySatisfy(d -> assertThat(d.getAsJsonArray("riskFactors")).isNotEmpty());
        assertThat(deals).anySatisfy(d -> assertThat(d.getAsJsonArray("positiveSignals")).isNotEmpty());
        assertThat(deals).anySatisfy(d -> assertThat(d.getAsJsonArray("aiInsights")).isNotEmpty());
        assertThat(deals.stream().map(d -> d.get("value").getAsDouble()).distinct().count()).isGreaterThan(20);
    }

    @Test
    void contactsSpreadHealthOverTheWholeRange() {
        List<JsonObject> contacts = objects(state(40, 60, 42).contacts("all", null));
        assertThat(contacts).hasSize(60).allSatisfy(WireShapes::assertContact);
        int min = contacts.stream().mapToInt(c -> c.get("healthScore").getAsInt()).min().orElseThrow();
        int max = contacts.stream().mapToInt(c -> c.get("healthScore").getAsInt()).max().orElseThrow();
        assertThat(min).isLessThanOrEqualTo(10);
        assertThat(max).isGreaterThanOrEqualTo(90);
        assertThat(contacts).extracting(c -> c.get("relationshipHealth").getAsString())
                .contains("high", "medium", "low");
        assertThat(contacts).allSatisfy(c -> assertThat(c.getAsJsonArray("communicationHistory")).isNotEmpty());
        assertThat(contacts).anySatisfy(c -> assertThat(c.getAsJsonArray("aiInsights")).isNotEmpty());
        assertThat(contacts).anySatisfy(c -> assertThat(c.getAsJsonArray("notes")).isNotEmpty());
        assertThat(contacts).allSatisfy(c -> assertThat(c.getAsJsonArray("tags")).isNotEmpty());
        assertThat(contacts.stream().map(c -> c.get("email").getAsString()).distinct().count()).isEqualTo(60);
    }

    @Test
    void usersHaveNotificationsSomeUnreadWithDealOrContactMetadata() {
        DemoState state = state(40, 60, 42);
        for (String userId : state.userIds()) {
            List<JsonObject> notifications = objects(state.notifications(userId, null, 100, 0));
            assertThat(notifications).hasSizeGreaterThanOrEqualTo(10).allSatisfy(WireShapes::assertNotification);
            assertThat(state.unreadCount(userId)).isBetween(1, notifications.size() - 1);
            assertThat(notifications).anySatisfy(n -> assertThat(n.getAsJsonObject("metadata").has("dealId")).isTrue());
            assertThat(notifications).anySatisfy(n -> assertThat(n.getAsJsonObject("metadata").has("contactId")).isTrue());
            for (JsonObject n : notifications) {
                if (n.has("metadata") && n.getAsJsonObject("metadata").has("dealId")) {
                    assertThat(state.deal(n.getAsJsonObject("metadata").get("dealId").getAsString())).isNotNull();
                }
            }
        }
        assertThat(state.user(state.userIdByEmail("manager@flow-crm.local").orElseThrow()).get("role").getAsString())
                .isEqualTo("manager");
    }

    @Test
    void scalesToOneHundredThousandRecordsAndNoFurther() {
        DemoState.Store store = DemoDataGenerator.generate(100_000, 100_000, 1, CLOCK);
        assertThat(store.deals).hasSize(100_000);
        assertThat(store.contacts).hasSize(100_000);
        assertThatThrownBy(() -> DemoDataGenerator.generate(100_001, 10, 1, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoServerConfig.forTests().withData(10, 100_001, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contacts");
    }

    @Test
    void worksWithoutContacts() {
        List<JsonObject> deals = objects(state(10, 0, 3).deals("all", null));
        assertThat(deals).hasSize(10).allSatisfy(d -> assertThat(d.get("company").getAsString()).isNotBlank());
    }
}
