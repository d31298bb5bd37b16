package com.flowcrm.ui.pipeline;

import static com.flowcrm.ui.deal.LiveDemoSession.PATIENCE;
import static com.flowcrm.ui.deal.LiveDemoSession.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.kit.DisplayFormats;
import com.flowcrm.ui.kit.FlashEffect;
import com.flowcrm.ui.deal.LiveDemoSession;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The pipeline board against the demo backend: demo data, every live deal event, drag and drop, rollback, filters. */
class PipelineViewTest {
    private final FxRobot robot = new FxRobot();
    private final List<String> navigatedContacts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LiveDemoSession live;
    private PipelineView view;

    @BeforeAll
    static void toolkit() throws Exception {
        LiveDemoSession.prepareToolkit();
    }

    @BeforeEach
    void showBoard() throws Exception {
        live = LiveDemoSession.start();
        Navigator navigator = new Navigator() {
            @Override
            public void showDeal(String dealId) {
                view.reveal(dealId);
            }

            @Override
            public void showContact(String contactId) {
                navigatedContacts.add(contactId);
            }

            @Override
            public void showDeals(com.flowcrm.store.DealFocus focus) {
                throw new AssertionError("this view opens no focused board: " + focus.label());
            }
        };
        view = LiveDemoSession.show(() -> new PipelineView(live.session(), navigator));
    }

    @AfterEach
    void closeBoard() throws Exception {
        FxToolkit.cleanupStages();
        live.close();
    }

    @Test
    void boardShowsTheDemoDataWithCorrectCountsAndTotalsPerColumn() throws Exception {
        JsonArray deals = live.server().deals("all", null);
        assertThat(deals.size()).isGreaterThan(0);
        double openTotal = 0;
        for (DealStage stage : DealStage.values()) {
            List<JsonObject> inStage = inStage(deals, stage);
            double total = inStage.stream().mapToDouble(d -> d.get("value").getAsDouble()).sum();
            double weighted = inStage.stream()
                    .mapToDouble(d -> d.get("value").getAsDouble() * d.get("probability").getAsInt() / 100.0).sum();
            if (!stage.isClosed()) {
                openTotal += total;
            }
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(onFx(() -> list(stage).getItems().size())).as(stage + " cards").isEqualTo(inStage.size());
                assertThat(onFx(() -> text("#count-" + stage.wireName()))).isEqualTo(Integer.toString(inStage.size()));
                assertThat(onFx(() -> text("#total-" + stage.wireName()))).isEqualTo(DisplayFormats.compactMoney(total));
                assertThat(onFx(() -> text("#weighted-" + stage.wireName()))).isEqualTo(DisplayFormats.compactMoney(weighted));
            });
        }
        double expectedOpenTotal = openTotal;
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(onFx(() -> text("#pipeline-total"))).isEqualTo(DisplayFormats.money(expectedOpenTotal)));
    }

    @Test
    void aDealCreatedBySomeoneElseAppearsHighlightedAtTheTopOfItsColumn() throws Exception {
        int before = onFx(() -> list(DealStage.QUALIFIED).getItems().size());
        JsonObject body = new JsonObject();
        body.addProperty("title", "Zeta rollout");
        body.addProperty("company", "Zeta Corp");
        body.addProperty("value", 64_000);
        body.addProperty("stage", "qualified");
        String id = live.server().createDeal(body).get("id").getAsString();

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> list(DealStage.QUALIFIED).getItems().get(0).getId())).isEqualTo(id);
            assertThat(onFx(() -> text("#count-qualified"))).isEqualTo(Integer.toString(before + 1));
            assertThat(onFx(() -> cellOf(id).map(c -> c.card().getPseudoClassStates().contains(FlashEffect.REMOTE_CHANGE))
                    .orElse(false))).as("new card highlighted").isTrue();
        });
        assertThat(onFx(() -> cellOf(id).orElseThrow().card().titleText())).isEqualTo("Zeta rollout");
    }

    @Test
    void aStageChangeBySomeoneElseMovesTheCardAndTheTotalsFollow() throws Exception {
        String id = firstId(DealStage.PROSPECT);
        int prospects = onFx(() -> list(DealStage.PROSPECT).getItems().size());
        int proposals = onFx(() -> list(DealStage.PROPOSAL).getItems().size());

        live.server().changeDealStage(id, "proposal");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> ids(DealStage.PROSPECT))).doesNotContain(id);
            assertThat(onFx(() -> ids(DealStage.PROPOSAL))).contains(id);
            assertThat(onFx(() -> text("#count-prospect"))).isEqualTo(Integer.toString(prospects - 1));
            assertThat(onFx(() -> text("#count-proposal"))).isEqualTo(Integer.toString(proposals + 1));
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onFx(() -> cellOf(id)
                .map(c -> c.card().getPseudoClassStates().contains(FlashEffect.REMOTE_CHANGE)).orElse(false))).isTrue());
    }

    @Test
    void aValueUpdatedBySomeoneElseShowsOnTheCardAndInTheColumnTotals() throws Exception {
        String id = firstId(DealStage.NEGOTIATION);
        JsonObject changes = new JsonObject();
        changes.addProperty("value", 777_000);
        live.server().updateDeal(id, changes);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> cellOf(id).orElseThrow().card().valueText())).isEqualTo("$777K");
            List<JsonObject> negotiation = inStage(live.server().deals("all", null), DealStage.NEGOTIATION);
            double total = negotiation.stream().mapToDouble(d -> d.get("value").getAsDouble()).sum();
            assertThat(onFx(() -> text("#total-negotiation"))).isEqualTo(DisplayFormats.compactMoney(total));
        });
    }

    @Test
    void anActivityLoggedBySomeoneElseAppearsInTheOpenPanel() throws Exception {
        String id = firstId(DealStage.PROPOSAL);
        robot.interact(() -> view.reveal(id));
        await().atMost(PATIENCE).until(() -> onFx(() -> robot.lookup("#deal-details").tryQuery().isPresent()));

        JsonObject activity = new JsonObject();
        activity.addProperty("type", "meeting");
        activity.addProperty("date", Instant.now().toString());
        activity.addProperty("description", "Budget review with the CFO");
        live.server().addDealActivity(id, activity);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> timelineTexts().get(0))).isEqualTo("Budget review with the CFO");
            assertThat(onFx(() -> robot.lookup(".details-header").query().getPseudoClassStates()))
                    .as("the panel shows that someone else changed the deal").contains(FlashEffect.REMOTE_CHANGE);
        });
    }

    @Test
    void draggingACardToAnotherColumnChangesTheStageOnTheServer() throws Exception {
        String id = firstId(DealStage.PROSPECT);
        DealCardCell cell = onFx(() -> cellOf(id).orElseThrow());
        Node target = robot.lookup("#list-negotiation").query();
        List<Boolean> savingWhenItArrived = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> list(DealStage.NEGOTIATION).getItems().addListener(
                (javafx.collections.ListChangeListener<Deal>) change -> {
                    if (ids(DealStage.NEGOTIATION).contains(id) && savingWhenItArrived.isEmpty()) {
                        savingWhenItArrived.add(view.viewModel().isSaving(id));
                    }
                }));

        robot.drag(cell, MouseButton.PRIMARY).dropTo(target);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(live.server().deal(id).get("stage").getAsString()).isEqualTo("negotiation");
            assertThat(onFx(() -> ids(DealStage.NEGOTIATION))).contains(id);
            assertThat(onFx(() -> ids(DealStage.PROSPECT))).doesNotContain(id);
            assertThat(onFx(() -> view.viewModel().isSaving(id))).isFalse();
        });
        assertThat(onFx(() -> view.viewModel().messageProperty().get())).isNull();
        assertThat(savingWhenItArrived).as("moved at once, marked as saving").containsExactly(true);
    }

    @Test
    void aStageChangeTheServerRefusesMovesBackAndTellsTheRepWhy() throws Exception {
        String id = firstId(DealStage.QUALIFIED);
        live.server().refuseNextStageChange(409, "Deal is locked for review");
        DealCardCell cell = onFx(() -> cellOf(id).orElseThrow());
        robot.drag(cell, MouseButton.PRIMARY).dropTo(robot.lookup("#list-proposal").<Node>query());

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> text("#board-message"))).contains("Deal is locked for review")
                    .contains("back in Qualified");
            assertThat(onFx(() -> ids(DealStage.QUALIFIED))).contains(id);
            assertThat(onFx(() -> ids(DealStage.PROPOSAL))).doesNotContain(id);
        });
        assertThat(live.server().deal(id).get("stage").getAsString()).isEqualTo("qualified");
        assertThat(onFx(() -> view.viewModel().refusedMoves())).isEqualTo(1);
    }

    @Test
    void keyboardMovesTheSelectionOpensTheDealAndMovesItOneStage() throws Exception {
        String id = firstId(DealStage.PROPOSAL);
        robot.clickOn(onFx(() -> cellOf(id).orElseThrow()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.SHIFT, KeyCode.CONTROL);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(live.server().deal(id).get("stage").getAsString()).isEqualTo("negotiation");
            assertThat(onFx(() -> list(DealStage.NEGOTIATION).getSelectionModel().getSelectedItem().getId())).isEqualTo(id);
        });

        robot.type(KeyCode.LEFT);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(onFx(() -> list(DealStage.PROPOSAL).isFocused()
                        && list(DealStage.PROPOSAL).getSelectionModel().getSelectedItem() != null)).isTrue());
        Deal selected = onFx(() -> list(DealStage.PROPOSAL).getSelectionModel().getSelectedItem());
        robot.type(KeyCode.ENTER);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(onFx(() -> text("#details-title"))).isEqualTo(selected.getTitle()));
    }

    @Test
    void filterChipsAndSearchShowTheMatchingDealsInEveryColumn() throws Exception {
        JsonArray all = live.server().deals("all", null);
        robot.clickOn("#filter-hot");
        assertColumnsShow(all, d -> d.get("probability").getAsInt() > 70);

        robot.clickOn("#filter-at-risk");
        // the Insights rule (issue 14): open, and rotting, past its close date, flagged or up against a competitor
        java.time.Instant now = java.time.Instant.now();
        java.util.Map<String, Integer> limits = java.util.Map.of("prospect", 14, "qualified", 14, "proposal", 10,
                "negotiation", 7);
        assertColumnsShow(all, d -> !d.get("stage").getAsString().startsWith("closed")
                && (d.getAsJsonArray("riskFactors").size() > 0
                        || d.has("competitorMentioned") && !d.get("competitorMentioned").isJsonNull()
                        || java.time.Duration.between(java.time.Instant.parse(d.get("lastActivity").getAsString()), now)
                                .toDays() > limits.get(d.get("stage").getAsString())
                        || java.time.LocalDate.ofInstant(java.time.Instant.parse(d.get("expectedCloseDate").getAsString()),
                                java.time.ZoneOffset.UTC).isBefore(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC))));

        robot.clickOn("#filter-all");
        String company = all.get(0).getAsJsonObject().get("company").getAsString();
        String query = company.substring(0, Math.min(company.length(), 6)).toLowerCase(Locale.ROOT);
        robot.clickOn("#deal-search").write(query);
        assertColumnsShow(all, d -> contains(d, "title", query) || contains(d, "company", query)
                || contains(d, "contactName", query));

        robot.interact(() -> robot.lookup("#deal-search").<TextInputControl>query().clear());
        assertColumnsShow(all, d -> true);
    }

    private void assertColumnsShow(JsonArray all, java.util.function.Predicate<JsonObject> rule) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (DealStage stage : DealStage.values()) {
                List<String> expected = inStage(all, stage).stream().filter(rule).map(d -> d.get("id").getAsString()).toList();
                assertThat(onFx(() -> ids(stage))).as(stage.label()).containsExactlyInAnyOrderElementsOf(expected);
            }
        });
    }

    private static boolean contains(JsonObject deal, String field, String query) {
        return deal.has(field) && !deal.get(field).isJsonNull()
                && deal.get(field).getAsString().toLowerCase(Locale.ROOT).contains(query);
    }

    @Test
    void loggingAnActivityReachesTheServerAndShowsFirstInTheTimeline() throws Exception {
        String id = firstId(DealStage.NEGOTIATION);
        robot.interact(() -> view.reveal(id));
        await().atMost(PATIENCE).until(() -> onFx(() -> robot.lookup("#log-activity").tryQuery().isPresent()));

        robot.clickOn(scrolledTo("#log-activity"));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(onFx(() -> text("#activity-description-error"))).isEqualTo("Describe what happened."));

        robot.interact(() -> robot.lookup("#activity-type").<ComboBox<ActivityType>>query().setValue(ActivityType.DEMO));
        fill("#activity-description", "Walked the team through the pricing");
        fill("#activity-outcome", "They want a pilot");
        fill("#activity-next-step", "Send the pilot plan");
        robot.clickOn(scrolledTo("#log-activity"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonObject first = live.server().deal(id).getAsJsonArray("activities").get(0).getAsJsonObject();
            assertThat(first.get("description").getAsString()).isEqualTo("Walked the team through the pricing");
            assertThat(first.get("type").getAsString()).isEqualTo("demo");
            assertThat(first.get("outcome").getAsString()).isEqualTo("They want a pilot");
            assertThat(first.get("nextStep").getAsString()).isEqualTo("Send the pilot plan");
            assertThat(onFx(() -> timelineTexts().get(0))).isEqualTo("Walked the team through the pricing");
            assertThat(onFx(() -> text("#activity-message"))).isEqualTo("Activity logged.");
        });
    }

    @Test
    void editingRefusesBadValuesAtTheFieldAndSavesGoodOnesToTheServer() throws Exception {
        String id = firstId(DealStage.PROPOSAL);
        robot.interact(() -> view.reveal(id));
        await().atMost(PATIENCE).until(() -> onFx(() -> robot.lookup("#edit-value").tryQuery().isPresent()));

        fill("#edit-value", "-5");
        fill("#edit-close", "2027-02-30");
        robot.clickOn(scrolledTo("#save-deal"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> text("#edit-value-error"))).contains("non-negative number");
            assertThat(onFx(() -> text("#edit-close-error"))).contains("real date");
        });
        assertThat(onFx(() -> view.details().refusedInputs())).isEqualTo(1);
        assertThat(live.server().deal(id).get("value").getAsDouble()).as("nothing sent").isNotEqualTo(-5.0);

        fill("#edit-value", "250000");
        fill("#edit-close", "2027-02-28");
        robot.clickOn(scrolledTo("#save-deal"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonObject saved = live.server().deal(id);
            assertThat(saved.get("value").getAsDouble()).isEqualTo(250_000.0);
            assertThat(saved.get("expectedCloseDate").getAsString()).startsWith("2027-02-28");
            assertThat(onFx(() -> text("#save-message"))).isEqualTo("Saved.");
            assertThat(onFx(() -> cellOf(id).orElseThrow().card().valueText())).isEqualTo("$250K");
        });
        assertThat(onFx(() -> robot.lookup("#edit-value-error").<Label>query().isVisible())).isFalse();
    }

    @Test
    void aChangeBySomeoneElseNeverOverwritesTheFieldTheRepIsTypingIn() throws Exception {
        String id = firstId(DealStage.QUALIFIED);
        robot.interact(() -> view.reveal(id));
        await().atMost(PATIENCE).until(() -> onFx(() -> robot.lookup("#edit-title").tryQuery().isPresent()));
        String original = onFx(() -> text("#details-title"));
        robot.clickOn(scrolledTo("#edit-title")).type(KeyCode.END).write(" (draft)");

        JsonObject changes = new JsonObject();
        changes.addProperty("title", "Renamed by the manager");
        changes.addProperty("value", 123_000);
        live.server().updateDeal(id, changes);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> text("#details-title"))).isEqualTo("Renamed by the manager");
            assertThat(onFx(() -> text("#edit-title-notice"))).isEqualTo("Changed by someone else: Renamed by the manager");
            assertThat(onFx(() -> robot.lookup("#edit-title").<TextInputControl>query().getText()))
                    .isEqualTo(original + " (draft)");
            // a field the rep is not in takes the new value at once
            assertThat(onFx(() -> robot.lookup("#edit-value").<TextInputControl>query().getText())).isEqualTo("123000");
        });
    }

    @Test
    void closedColumnsCollapseToAStripAndExpandAgain() throws Exception {
        String won = onFx(() -> text("#count-closed-won"));
        robot.clickOn("#collapse-closed-won");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> robot.lookup("#list-closed-won").tryQuery().map(Node::isVisible).orElse(false))).isFalse();
            assertThat(onFx(() -> robot.lookup("#column-closed-won").<Node>query().getBoundsInParent().getWidth()))
                    .isLessThan(80);
        });
        robot.clickOn("#expand-closed-won");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(onFx(() -> list(DealStage.CLOSED_WON).isVisible() && list(DealStage.CLOSED_WON).getScene() != null)).isTrue();
            assertThat(onFx(() -> text("#count-closed-won"))).isEqualTo(won);
        });
    }

    @Test
    void theContactOfTheOpenDealOpensThroughTheNavigator() throws Exception {
        String id = onFx(() -> list(DealStage.PROPOSAL).getItems().stream().filter(d -> d.getContactId() != null)
                .findFirst().orElseThrow().getId());
        robot.interact(() -> view.reveal(id));
        await().atMost(PATIENCE).until(() -> onFx(() -> robot.lookup("#open-contact").tryQuery().isPresent()));
        robot.clickOn("#open-contact");
        String contactId = onFx(() -> view.viewModel().findDeal(id).getContactId());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(navigatedContacts).containsExactly(contactId));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static List<JsonObject> inStage(JsonArray deals, DealStage stage) {
        List<JsonObject> result = new ArrayList<>();
        for (JsonElement element : deals) {
            JsonObject deal = element.getAsJsonObject();
            if (deal.get("stage").getAsString().equals(stage.wireName())) {
                result.add(deal);
            }
        }
        return result;
    }

    private ListView<Deal> list(DealStage stage) {
        return robot.lookup("#list-" + stage.wireName()).query();
    }

    private List<String> ids(DealStage stage) {
        return list(stage).getItems().stream().map(Deal::getId).toList();
    }

    private int shownCount() {
        int count = 0;
        for (DealStage stage : DealStage.values()) {
            count += list(stage).getItems().size();
        }
        return count;
    }

    private String firstId(DealStage stage) throws Exception {
        return onFx(() -> list(stage).getItems().get(0).getId());
    }

    private Optional<DealCardCell> cellOf(String id) {
        return robot.lookup(".deal-card-cell").queryAllAs(DealCardCell.class).stream()
                .filter(c -> c.getItem() != null && !c.isEmpty() && c.getItem().getId().equals(id) && c.isVisible())
                .findFirst();
    }

    private String text(String query) {
        Node node = robot.lookup(query).query();
        return node instanceof Label label ? label.getText() : ((TextInputControl) node).getText();
    }

    private List<String> timelineTexts() {
        VBox timeline = robot.lookup("#timeline").query();
        return timeline.getChildren().stream()
                .flatMap(entry -> robot.from(entry).lookup(".timeline-description").queryAllAs(Label.class).stream())
                .map(Label::getText).toList();
    }

    private void fill(String query, String text) {
        TextInputControl field = (TextInputControl) scrolledTo(query);
        robot.interact(field::clear);
        robot.clickOn(field).write(text);
    }

    /** Scrolls the details panel so that the node is on screen, as a rep would before clicking it. */
    private Node scrolledTo(String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> {
            Node parent = node.getParent();
            while (parent != null && !(parent instanceof ScrollPane)) {
                parent = parent.getParent();
            }
            if (parent instanceof ScrollPane scroller) {
                Node content = scroller.getContent();
                double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
                double range = content.getLayoutBounds().getHeight() - scroller.getViewportBounds().getHeight();
                scroller.setVvalue(range <= 0 ? 0 : Math.max(0, Math.min(1, (y - 60) / range)));
            }
        });
        return node;
    }
}
