package com.flowcrm.ui.contacts;

import static com.flowcrm.ui.deal.LiveDemoSession.PATIENCE;
import static com.flowcrm.ui.deal.LiveDemoSession.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.model.Contact;
import com.flowcrm.model.RelationshipHealth;
import com.flowcrm.store.ContactFilter;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.kit.FlashEffect;
import com.flowcrm.ui.deal.LiveDemoSession;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The contacts table against the demo backend: live contact events, the 70/40 health boundaries, filters, sorting. */
class ContactsViewTest {
    private final FxRobot robot = new FxRobot();
    private final List<String> navigatedDeals = new CopyOnWriteArrayList<>();
    private LiveDemoSession live;
    private ContactsView view;

    @BeforeAll
    static void toolkit() throws Exception {
        LiveDemoSession.prepareToolkit();
    }

    @BeforeEach
    void showContacts() throws Exception {
        live = LiveDemoSession.start();
        Navigator navigator = new Navigator() {
            @Override
            public void showDeal(String dealId) {
                navigatedDeals.add(dealId);
            }

            @Override
            public void showContact(String contactId) {
                view.reveal(contactId);
            }

            @Override
            public void showDeals(com.flowcrm.store.DealFocus focus) {
                throw new AssertionError("this view opens no focused board: " + focus.label());
            }
        };
        view = LiveDemoSession.show(() -> new ContactsView(live.session(), navigator));
    }

    @AfterEach
    void closeContacts() throws Exception {
        FxToolkit.cleanupStages();
        live.close();
    }

    @Test
    void theTableShowsEveryContactWeakestRelationshipFirst() throws Exception {
        int total = live.server().contacts("all", null).size();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> table().getItems().size())).isEqualTo(total);
            assertThat(onFx(() -> text("#contacts-shown"))).isEqualTo(total + " of " + total);
            JsonObject stats = live.server().contactStats();
            assertThat(onFx(() -> text("#stat-high-value"))).isEqualTo(stats.get("highValue").getAsString());
        });
        List<Integer> scores = onFx(() -> table().getItems().stream().map(Contact::getHealthScore).toList());
        assertThat(scores).isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void aContactUpdatedBySomeoneElseChangesItsRowInPlace() throws Exception {
        Contact contact = onFx(() -> table().getItems().get(0));
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3)).minus(Duration.ofHours(1));
        JsonObject changes = new JsonObject();
        changes.addProperty("company", "Neue Logistik GmbH");
        changes.addProperty("title", "Chief Operating Officer");
        changes.addProperty("churnRisk", 12);
        changes.addProperty("lastContact", threeDaysAgo.toString());
        live.server().updateContact(contact.getId(), changes);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> cellText(contact, "col-company"))).isEqualTo("Neue Logistik GmbH");
            assertThat(onFx(() -> cellText(contact, "col-title"))).isEqualTo("Chief Operating Officer");
            assertThat(onFx(() -> cellText(contact, "col-churn-risk"))).isEqualTo("12%");
            assertThat(onFx(() -> cellText(contact, "col-last-contact"))).isEqualTo("3 days ago");
        });
    }

    @Test
    void healthChangesUpdateTheBadgeLiveAcrossThe70And40Boundaries() throws Exception {
        Contact contact = onFx(() -> table().getItems().get(table().getItems().size() / 2));
        robot.clickOn("#contact-search").write(contact.getEmail());
        await().atMost(PATIENCE).until(() -> onFx(() -> table().getItems().size() == 1));

        int[] scores = {71, 70, 41, 40, 0, 100};
        RelationshipHealth[] levels = {RelationshipHealth.HIGH, RelationshipHealth.MEDIUM, RelationshipHealth.MEDIUM,
                RelationshipHealth.LOW, RelationshipHealth.LOW, RelationshipHealth.HIGH};
        for (int i = 0; i < scores.length; i++) {
            int score = scores[i];
            RelationshipHealth level = levels[i];
            live.server().changeContactHealth(contact.getId(), score);
            await().atMost(PATIENCE).untilAsserted(() -> {
                HealthCell cell = onFx(() -> healthCell(contact).orElseThrow());
                assertThat(onFx(() -> cell.badge().text())).isEqualTo(label(level) + " \u00b7 " + score);
                assertThat(onFx(() -> cell.badge().shownHealth())).isEqualTo(level);
                assertThat(onFx(() -> cell.badge().getChildrenUnmodifiable().get(0).getStyleClass()))
                        .contains("health-" + level.wireName());
                assertThat(onFx(() -> cell.badge().getPseudoClassStates().contains(FlashEffect.REMOTE_CHANGE)))
                        .as("highlighted after the change to " + score).isTrue();
            });
        }
    }

    @Test
    void filterChipsAndSearchNarrowTheTable() throws Exception {
        for (ContactFilter filter : List.of(ContactFilter.HIGH_VALUE, ContactFilter.AT_RISK, ContactFilter.RECENT)) {
            robot.clickOn("#contact-filter-" + filter.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            await().atMost(PATIENCE).untilAsserted(() -> {
                Instant now = Instant.now();
                List<Contact> shown = onFx(() -> List.copyOf(table().getItems()));
                long expected = onFx(() -> view.viewModel().allContacts().stream().filter(c -> filter.test(c, now)).count());
                assertThat(shown).allMatch(c -> filter.test(c, now));
                assertThat((long) shown.size()).as(filter.label()).isEqualTo(expected);
            });
        }
        robot.clickOn("#contact-filter-all");
        Contact someone = onFx(() -> table().getItems().get(5));
        String query = someone.getName().split(" ")[0];
        robot.clickOn("#contact-search").write(query);
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Contact> shown = onFx(() -> List.copyOf(table().getItems()));
            assertThat(shown).contains(someone);
            assertThat(shown).allMatch(c -> (c.getName() + c.getCompany() + c.getEmail()).toLowerCase().contains(query.toLowerCase()));
        });
    }

    @Test
    void clickingAColumnHeaderSortsAndClickingAgainReverses() throws Exception {
        robot.clickOn(robot.lookup(".column-header").lookup((Label l) -> "Name".equals(l.getText())).<Node>query());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onFx(() -> names()))
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER));
        robot.clickOn(robot.lookup(".column-header").lookup((Label l) -> "Name".equals(l.getText())).<Node>query());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onFx(() -> names()))
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER.reversed()));

        robot.clickOn(robot.lookup(".column-header").lookup((Label l) -> "Total value".equals(l.getText())).<Node>query());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onFx(() -> table().getItems().stream()
                .map(Contact::getTotalValue).toList())).isSortedAccordingTo(Comparator.naturalOrder()));

        robot.clickOn(robot.lookup(".column-header").lookup((Label l) -> "Health".equals(l.getText())).<Node>query());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onFx(() -> table().getItems().stream()
                .map(Contact::getHealthScore).toList())).isSortedAccordingTo(Comparator.naturalOrder()));

        // a live change keeps the order: the weakest contact, now at 100, moves to the end
        Contact weakest = onFx(() -> table().getItems().get(0));
        live.server().changeContactHealth(weakest.getId(), 100);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> table().getItems().indexOf(weakest))).isGreaterThan(0);
            assertThat(onFx(() -> table().getItems().stream().map(Contact::getHealthScore).toList()))
                    .isSortedAccordingTo(Comparator.naturalOrder()).endsWith(100);
        });
    }

    @Test
    void theDetailPanelShowsHistoryInsightsAndTheContactsDeals() throws Exception {
        String contactId = null;
        for (JsonElement deal : live.server().deals("all", null)) {
            JsonObject d = deal.getAsJsonObject();
            if (d.has("contactId") && !d.get("contactId").isJsonNull()) {
                contactId = d.get("contactId").getAsString();
                break;
            }
        }
        assertThat(contactId).isNotNull();
        String id = contactId;
        JsonObject server = live.server().contact(id);
        List<String> dealIds = new ArrayList<>();
        for (JsonElement deal : live.server().deals("all", null)) {
            JsonObject d = deal.getAsJsonObject();
            if (d.has("contactId") && !d.get("contactId").isJsonNull() && d.get("contactId").getAsString().equals(id)) {
                dealIds.add(d.get("id").getAsString());
            }
        }
        robot.interact(() -> view.reveal(id));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> text("#contact-details-name"))).isEqualTo(server.get("name").getAsString());
            assertThat(onFx(() -> robot.lookup("#communication-history").<VBox>query().getChildren()
                    .stream().filter(n -> n.getStyleClass().contains("communication-entry")).count()))
                    .isEqualTo((long) server.getAsJsonArray("communicationHistory").size());
            assertThat(onFx(() -> robot.lookup("#contact-deals").<VBox>query().getChildren().stream()
                    .filter(n -> n.getStyleClass().contains("contact-deal")).count())).isEqualTo((long) dealIds.size());
        });

        Node firstDeal = onFx(() -> robot.lookup("#contact-deals").<VBox>query().getChildren().get(0));
        robot.clickOn(firstDeal);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(navigatedDeals).hasSize(1).allMatch(dealIds::contains));

        live.server().changeContactHealth(id, 35);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(onFx(() -> robot.lookup("#contact-details-health").<HealthBadge>query().text())).isEqualTo("Low \u00b7 35"));
    }

    @Test
    void clickingARowOpensItsPanelAndEscapeClosesIt() throws Exception {
        Contact second = onFx(() -> table().getItems().get(1));
        robot.clickOn(onFx(() -> robot.lookup(".table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                .filter(r -> r.getItem() == second).findFirst().orElseThrow()));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(onFx(() -> text("#contact-details-name"))).isEqualTo(second.getName()));

        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(onFx(() -> robot.lookup("#contact-details").tryQuery().map(Node::getScene).isPresent())).isFalse());
        assertThat(onFx(() -> view.viewModel().openContactProperty().get())).isNull();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private TableView<Contact> table() {
        return robot.lookup("#contacts-table").query();
    }

    private List<String> names() {
        return table().getItems().stream().map(Contact::getName).toList();
    }

    private String text(String query) {
        Node node = robot.lookup(query).query();
        return node instanceof Label label ? label.getText() : ((TextInputControl) node).getText();
    }

    private String cellText(Contact contact, String columnId) {
        return robot.lookup(".table-cell").queryAllAs(ContactCell.class).stream()
                .filter(c -> c.getItem() == contact && c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId()))
                .map(ContactCell::getText).findFirst().orElse(null);
    }

    private Optional<HealthCell> healthCell(Contact contact) {
        return robot.lookup(".health-cell").queryAllAs(HealthCell.class).stream()
                .filter(c -> c.getItem() == contact).findFirst();
    }

    private static String label(RelationshipHealth health) {
        return switch (health) {
            case HIGH -> "High";
            case MEDIUM -> "Medium";
            case LOW -> "Low";
        };
    }
}
