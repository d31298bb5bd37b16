package com.flowcrm.ui.pipeline;

import static com.flowcrm.ui.deal.LiveDemoSession.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.contacts.ContactsView;
import com.flowcrm.ui.deal.LiveDemoSession;
import java.time.Duration;
import java.util.Comparator;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * 10,000 deals and 50,000 contacts: the views stay virtualized (a screenful of cells, not one per item), and
 * filtering, scrolling and sorting finish within bounds a rep would not notice on a normal machine (the bounds
 * here are loose enough for a busy build machine; the measured times are logged).
 */
class ViewsAtScaleTest {
    private static final Logger LOG = LoggerFactory.getLogger(ViewsAtScaleTest.class);
    private static final Duration SLOW = Duration.ofSeconds(8);
    private static final Navigator NOWHERE = new Navigator() {
        @Override
        public void showDeal(String dealId) {
        }

        @Override
        public void showContact(String contactId) {
        }

        @Override
        public void showDeals(com.flowcrm.store.DealFocus focus) {
        }
    };

    private static LiveDemoSession live;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void bigBackend() throws Exception {
        LiveDemoSession.prepareToolkit();
        // loading 60,000 records over REST takes a while on a busy build machine
        live = LiveDemoSession.start(DemoServerConfig.forTests().withData(10_000, 50_000, 7), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        FxToolkit.cleanupStages();
        if (live != null) {
            live.close();
        }
    }

    @Test
    void tenThousandDealsFilterAndScrollWithAScreenfulOfCells() throws Exception {
        PipelineView view = LiveDemoSession.show(() -> new PipelineView(live.session(), NOWHERE));
        assertThat(onFx(this::shownDeals)).isEqualTo(10_000);
        assertThat(onFx(() -> robot.lookup(".deal-card-cell").queryAll().size())).as("cells on the board").isLessThan(150);

        long start = System.nanoTime();
        robot.clickOn("#filter-hot");
        await().atMost(SLOW).until(() -> onFx(() -> list(DealStage.PROPOSAL).getItems().stream().allMatch(Deal::isHot)
                && shownDeals() < 10_000));
        long filterMillis = (System.nanoTime() - start) / 1_000_000;

        robot.clickOn("#filter-all");
        await().atMost(SLOW).until(() -> onFx(() -> shownDeals() == 10_000));

        start = System.nanoTime();
        for (DealStage stage : DealStage.values()) {
            ListView<Deal> list = list(stage);
            Deal last = onFx(() -> list.getItems().get(list.getItems().size() - 1));
            // as a rep would: the scroll bar dragged to the end
            robot.interact(() -> ((javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow")).setPosition(1.0));
            await().atMost(SLOW).alias(stage.label() + " scrolled to its last deal").until(() -> onFx(() ->
                    robot.from(list).lookup(".deal-card-cell").queryAllAs(DealCardCell.class)
                            .stream().anyMatch(c -> c.getItem() == last && !c.isEmpty())));
        }
        long scrollMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(onFx(() -> robot.lookup(".deal-card-cell").queryAll().size())).as("cells after scrolling").isLessThan(150);
        LOG.info("10,000 deals: hot filter applied in {} ms, six columns scrolled to the end in {} ms", filterMillis,
                scrollMillis);

        // revealing a deal deep down a column (search result, notification) brings its card into sight
        ListView<Deal> negotiation = list(DealStage.NEGOTIATION);
        robot.interact(() -> ((javafx.scene.control.skin.VirtualFlow<?>) negotiation.lookup(".virtual-flow")).setPosition(0));
        Deal deep = onFx(() -> negotiation.getItems().get(negotiation.getItems().size() - 1));
        robot.interact(() -> view.reveal(deep.getId()));
        await().atMost(SLOW).until(() -> onFx(() -> negotiation.getSelectionModel().getSelectedItem() == deep
                && robot.from(negotiation).lookup(".deal-card-cell").queryAllAs(DealCardCell.class).stream()
                        .anyMatch(c -> c.getItem() == deep && !c.isEmpty())));
    }

    @Test
    void fiftyThousandContactsSortWithAScreenfulOfRows() throws Exception {
        LiveDemoSession.show(() -> new ContactsView(live.session(), NOWHERE));
        TableView<Contact> table = robot.lookup("#contacts-table").query();
        assertThat(onFx(() -> table.getItems().size())).isEqualTo(50_000);

        long start = System.nanoTime();
        robot.clickOn(robot.lookup(".column-header").lookup((Label l) -> "Name".equals(l.getText())).<Node>query());
        await().atMost(SLOW).until(() -> onFx(() -> isSortedByName(table)));
        long sortMillis = (System.nanoTime() - start) / 1_000_000;

        start = System.nanoTime();
        robot.interact(() -> table.scrollTo(49_999));
        Contact last = onFx(() -> table.getItems().get(49_999));
        await().atMost(SLOW).until(() -> onFx(() -> robot.from(table).lookup(".table-row-cell").queryAll().stream()
                .anyMatch(row -> ((javafx.scene.control.TableRow<?>) row).getItem() == last)));
        long scrollMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(onFx(() -> robot.from(table).lookup(".table-row-cell").queryAll().size())).as("rows").isLessThan(80);
        LOG.info("50,000 contacts: sorted by name in {} ms, scrolled to the end in {} ms", sortMillis, scrollMillis);
    }

    private static boolean isSortedByName(TableView<Contact> table) {
        Comparator<String> order = String.CASE_INSENSITIVE_ORDER;
        for (int i = 1; i < table.getItems().size(); i++) {
            if (order.compare(table.getItems().get(i - 1).getName(), table.getItems().get(i).getName()) > 0) {
                return false;
            }
        }
        return true;
    }

    private ListView<Deal> list(DealStage stage) {
        return robot.lookup("#list-" + stage.wireName()).query();
    }

    private int shownDeals() {
        int count = 0;
        for (DealStage stage : DealStage.values()) {
            count += list(stage).getItems().size();
        }
        return count;
    }
}
