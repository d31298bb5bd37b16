package com.flowcrm.ui.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Theme;
import com.flowcrm.store.DealFocus;
import com.flowcrm.store.PendingFixture;
import com.flowcrm.store.RootStore;
import com.flowcrm.ui.MutableClock;
import com.flowcrm.ui.Navigator;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Pending changes panel on screen: a card per change, the conflict's three values, and its buttons clicked. */
class PendingChangesViewTest {
    private final FxRobot robot = new FxRobot();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final RootStore root = new RootStore(Runnable::run);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T16:00:00Z"));
    private PendingFixture outbox;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void lightAgain() throws Exception {
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(ThemeSwitcher.stylesheetOf(Theme.LIGHT)));
    }

    @BeforeEach
    void panel() throws Exception {
        Deal renewal = new Deal("d1");
        renewal.setTitle("Acme renewal");
        renewal.setStage(DealStage.PROSPECT);
        Deal expansion = new Deal("d2");
        expansion.setTitle("Globex expansion");
        root.deals().loadSnapshot(List.of(renewal, expansion));
        outbox = new PendingFixture(root);
        outbox.at(Instant.parse("2026-12-04T14:32:00Z"));
    }

    private void show(Theme theme) throws Exception {
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(ThemeSwitcher.stylesheetOf(theme)));
        FxToolkit.setupStage(stage -> {
            Navigator navigator = new Navigator() {
                @Override
                public void showDeal(String dealId) {
                    opened.add(dealId);
                }

                @Override
                public void showContact(String contactId) {
                    opened.add(contactId);
                }

                @Override
                public void showDeals(DealFocus focus) {
                    opened.add(focus.label());
                }
            };
            PendingChangesView view = new PendingChangesView(new PendingChangesViewModel(outbox.pending(), navigator,
                    clock));
            StackPane window = new StackPane(view.getNode());
            ThemeSwitcher.style(window);
            window.getStylesheets().add(PendingChangesViewTest.class.getResource("/com/flowcrm/ui/offline.css")
                    .toExternalForm());
            stage.setScene(new Scene(window, 1000, 640));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T extends Node> List<T> all(String selector) {
        return new ArrayList<>(robot.lookup(selector).queryAll());
    }

    @Test
    void aConflictShowsWhatYouStartedFromYoursAndTheirsAndKeepMineSendsYoursAgain() throws Exception {
        UUID edit = outbox.dealEdit("d2", "title", "\"Globex expansion\"", "\"Globex expansion 2027\"");
        outbox.conflict(edit, Map.of("title", "\"Globex expansion (EMEA)\""));
        UUID move = outbox.stageMove("d1", "prospect", "proposal");
        outbox.retrying(move, Instant.parse("2026-12-04T16:05:00Z"), "Cannot reach the server at 127.0.0.1:4000");
        show(Theme.LIGHT);

        assertThat(robot.lookup("#pending-headline").queryAs(Label.class).getText())
                .isEqualTo("1 change waiting to send \u00b7 1 needs your attention");
        assertThat(texts(".pending-field-header")).containsExactly("Field", "You started from", "Yours",
                "Theirs (on the server)", "Field", "Was", "Yours");
        assertThat(texts(".pending-field-base")).containsExactly("Globex expansion", "Prospect");
        assertThat(texts(".pending-field-yours")).containsExactly("Globex expansion 2027", "Proposal");
        assertThat(texts(".pending-field-theirs")).containsExactly("Globex expansion (EMEA)");
        assertThat(texts(".pending-reason")).containsExactly("Cannot reach the server at 127.0.0.1:4000");
        assertThat(all(".pending-keep-mine")).hasSize(1);
        Shots.take(robot, "pending-panel-light");

        robot.clickOn(".pending-keep-mine");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(outbox.actions).containsExactly("keepMine " + edit);
        assertThat(all(".pending-keep-mine")).as("no longer in conflict").isEmpty();
        assertThat(texts(".pending-field-base")).as("sent again over what the server has now")
                .containsExactly("Globex expansion (EMEA)", "Prospect");
    }

    @Test
    void keepTheirsDiscardAndRetryGoToTheOutboxAndTheLinkOpensTheDeal() throws Exception {
        UUID edit = outbox.dealEdit("d2", "value", "100", "200");
        outbox.conflict(edit, Map.of("value", "150"));
        UUID refused = outbox.stageMove("d1", "prospect", "closed-won");
        outbox.refused(refused, "Deal is locked by finance");
        show(Theme.DARK);
        Shots.take(robot, "pending-panel-dark");

        robot.clickOn(".pending-keep-theirs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(outbox.actions).containsExactly("keepTheirs " + edit);

        robot.clickOn(".pending-retry");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(".pending-discard");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(outbox.actions).containsExactly("keepTheirs " + edit, "retry " + refused, "discard " + refused);
        assertThat(robot.lookup(".pending-empty").queryAs(Label.class).getText())
                .isEqualTo("Nothing is waiting: the server has every change you made.");

        List<UUID> again = new ArrayList<>();
        robot.interact(() -> again.add(outbox.stageMove("d1", "prospect", "proposal")));
        robot.clickOn(".pending-open");
        assertThat(opened).containsExactly("d1");
        assertThat(outbox.actions).doesNotContain("discard " + again.get(0));
    }

    @Test
    void aRefusedActionIsSaidInThePanelAndItsButtonsComeBack() throws Exception {
        UUID move = outbox.stageMove("d1", "prospect", "proposal");
        outbox.refused(move, "Stage is required");
        outbox.refuseActionsWith("The disk is full.");
        show(Theme.LIGHT);

        robot.clickOn(".pending-retry");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#pending-message-title").queryAs(Label.class).getText())
                .isEqualTo("Could not retry \u201cAcme renewal\u201d: The disk is full.");
        Set<Button> buttons = robot.lookup(".pending-retry").queryAllAs(Button.class);
        assertThat(buttons).allSatisfy(b -> assertThat(b.isDisabled()).isFalse());
    }

    private List<String> texts(String selector) {
        List<Label> labels = all(selector);
        labels.sort((a, b) -> {
            var pa = a.localToScene(0, 0);
            var pb = b.localToScene(0, 0);
            return pa.getY() != pb.getY() ? Double.compare(pa.getY(), pb.getY()) : Double.compare(pa.getX(), pb.getX());
        });
        return labels.stream().map(Label::getText).toList();
    }
}
