package com.flowcrm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.local.Workspaces;
import com.flowcrm.local.credentials.InMemoryCredentialStore;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.realtime.RealtimeSettings;
import com.flowcrm.store.LocalStorage;
import com.flowcrm.store.SessionState;
import com.flowcrm.ui.UiPreferences;
import com.flowcrm.ui.components.ConnectionIndicator;
import com.flowcrm.ui.offline.PendingMarkStyle;
import com.flowcrm.ui.shell.DesktopShell;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window, wired as the app wires it (AppContext, the real views, a local workspace folder, an in-memory
 * credential store), against a demo backend keeping its data in a folder: signed in, the server goes away, the rep
 * drags a card, closes the app and opens it again with the server still down; the board shows from the local copy with
 * the card where the rep put it, still marked pending; the server comes back on the same data and port and the change
 * reaches it.
 */
@ExtendWith(ApplicationExtension.class)
class OfflineRoundTripUiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Reconnects soon after the server returns: the first session's socket and the reopened one's sign-in loop. */
    private static final RealtimeSettings QUICK = RealtimeSettings.defaults()
            .withBackoff(Duration.ofMillis(200), 3)
            .withJitter(0, () -> 0)
            .withOfflineRetry(Duration.ofSeconds(2), Duration.ofSeconds(2))
            .withConnectTimeout(Duration.ofSeconds(2));
    private static final DealStage FROM = DealStage.PROSPECT;
    private static final DealStage TO = DealStage.QUALIFIED;

    @TempDir
    Path temp;
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    private final HttpClient http = HttpClient.newHttpClient();
    private Preferences node;
    private UiPreferences preferences;
    private LocalStorage storage;
    private DemoServer demo;
    private AppContext context;
    private DesktopShell shell;
    private Stage stage;

    @Start
    void start(Stage first) {
        this.stage = first;
    }

    @AfterEach
    void stop() throws Exception {
        closeApp();
        if (demo != null) {
            demo.close();
        }
        if (node != null) {
            node.removeNode();
        }
    }

    @Test
    void aCardDraggedOfflineSurvivesAReopenWithoutTheServerAndIsSentWhenTheServerReturns(FxRobot robot)
            throws Exception {
        Path serverData = temp.resolve("server-data");
        demo = DemoServer.start(DemoServerConfig.forTests().withDataDir(serverData));
        int apiPort = demo.apiPort();
        int wsPort = demo.wsPort();
        String apiUrl = demo.apiUrl();
        String wsUrl = demo.wsUrl();
        node = Preferences.userRoot().node("/com/flowcrm/test/" + UUID.randomUUID());
        preferences = new UiPreferences(node);
        storage = new LocalStorage(new Workspaces(temp.resolve("app-data").resolve("workspaces")), credentials);

        // 1. signed in through the form, the board live
        openApp(robot, apiUrl, wsUrl);
        robot.interact(() -> {
            shell.signInModel().emailProperty().set(DemoServer.DEMO_EMAIL);
            shell.signInModel().passwordProperty().set(DemoServer.DEMO_PASSWORD);
        });
        robot.clickOn("#signIn");
        await().atMost(WAIT).until(() -> onFx(() -> shell.mainWindow() != null
                && context.session().getState() == SessionState.ACTIVE));
        await().atMost(WAIT).until(() -> indicatorText().equals("Live"));
        await().atMost(WAIT).until(() -> !onFx(() -> list(FROM).getItems().isEmpty()));
        String dealId = onFx(() -> list(FROM).getItems().get(0).getId());
        assertThat(serverStage(apiUrl, dealId)).isEqualTo(FROM.wireName());

        // 2. the server goes away; the rep drags the card to the next stage
        demo.close();
        demo = null;
        await().atMost(WAIT).until(() -> !indicatorText().equals("Live"));
        Node card = onFx(() -> cellOf(FROM, dealId).orElseThrow());
        robot.drag(card, MouseButton.PRIMARY).dropTo(robot.lookup("#list-" + TO.wireName()).<Node>query());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(columnOf(dealId)).as("the card's column after the drop").isEqualTo(TO);
            assertThat(markOf(TO, dealId)).as("the card's mark").isEqualTo("Pending");
        });
        assertThat(pendingStatus()).isEqualTo("1 change waiting to send");

        // 3. the app closes and opens again on the same folder and credential store, the server still down
        closeApp();
        robot.interact(() -> stage = new Stage());
        openApp(robot, apiUrl, wsUrl);

        await().atMost(WAIT).until(() -> onFx(() -> shell.mainWindow() != null));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(columnOf(dealId)).as("the card's column from the local copy").isEqualTo(TO);
            assertThat(markOf(TO, dealId)).as("the card's mark from the local copy").isEqualTo("Pending");
            assertThat(indicatorText()).startsWith("Offline");
        });
        assertThat(pendingStatus()).isEqualTo("1 change waiting to send");

        // 4. the server comes back on the same data and port: the change is sent and the mark goes
        demo = DemoServer.start(DemoServerConfig.forTests().withDataDir(serverData).withPorts(apiPort, wsPort));
        assertThat(demo.apiUrl()).isEqualTo(apiUrl);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(serverStage(apiUrl, dealId)).as("the deal's stage on the server").isEqualTo(TO.wireName());
            assertThat(markOf(TO, dealId)).as("the card's mark once sent").isNull();
            assertThat(pendingStatus()).isNull();
        });
        assertThat(columnOf(dealId)).isEqualTo(TO);
        await().atMost(WAIT).until(() -> indicatorText().equals("Live"));
    }

    // ---- the app, opened and closed as the application does -------------------------------------------------------

    private void openApp(FxRobot robot, String apiUrl, String wsUrl) {
        // off the FX thread, as Application.init() does
        context = AppContext.create(AppConfig.forServer(apiUrl, wsUrl).withRealtimeSettings(QUICK), Platform::runLater,
                storage, preferences);
        robot.interact(() -> shell = FlowCrmApplication.showDesktop(stage, context.session(), context.backendReady(),
                preferences, null, temp.resolve("logs")));
    }

    private void closeApp() throws Exception {
        if (shell != null) {
            DesktopShell closing = shell;
            Stage window = stage;
            WaitForAsyncUtils.asyncFx(() -> {
                window.hide();
                closing.close();
            }).get(30, TimeUnit.SECONDS);
            shell = null;
        }
        if (context != null) {
            context.close();
            context = null;
        }
    }

    // ---- what the rep sees ----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private ListView<Deal> list(DealStage column) {
        return (ListView<Deal>) stage.getScene().lookup("#list-" + column.wireName());
    }

    /** The column that shows the card now (null when none does). */
    private DealStage columnOf(String dealId) {
        return onFx(() -> {
            for (DealStage s : DealStage.values()) {
                if (list(s).getItems().stream().anyMatch(d -> d.getId().equals(dealId))) {
                    return s;
                }
            }
            return null;
        });
    }

    /** The card's cell in that column, scrolled into view as the rep would. */
    private Optional<ListCell<Deal>> cellOf(DealStage column, String dealId) {
        ListView<Deal> list = list(column);
        list.getItems().stream().filter(d -> d.getId().equals(dealId)).findFirst().ifPresent(list::scrollTo);
        list.layout();
        return list.lookupAll(".deal-card-cell").stream()
                .map(OfflineRoundTripUiTest::castCell)
                .filter(c -> !c.isEmpty() && c.getItem() != null && c.getItem().getId().equals(dealId) && c.isVisible())
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    private static ListCell<Deal> castCell(Node n) {
        return (ListCell<Deal>) n;
    }

    /** The word of the card's pending mark, or null when it shows none. */
    private String markOf(DealStage column, String dealId) {
        return onFx(() -> {
            ListCell<Deal> cell = cellOf(column, dealId).orElseThrow(() -> new AssertionError("no card " + dealId));
            Label mark = (Label) cell.lookup("." + PendingMarkStyle.STYLE_CLASS);
            return mark != null && mark.isVisible() ? mark.getText() : null;
        });
    }

    /** The status bar's "1 change waiting to send", or null when it shows none. */
    private String pendingStatus() {
        return onFx(() -> {
            javafx.scene.control.Button link = (javafx.scene.control.Button) stage.getScene().lookup("#pendingStatus");
            return link != null && link.isVisible() ? link.getText() : null;
        });
    }

    private String indicatorText() {
        return onFx(() -> {
            ConnectionIndicator indicator = shell.mainWindow().connectionIndicator();
            return indicator.getStatus() == null ? "" : indicator.getStatus().text();
        });
    }

    // ---- the server's REST state ----------------------------------------------------------------------------------

    private String serverStage(String apiUrl, String dealId) throws Exception {
        JsonObject login = new JsonObject();
        login.addProperty("email", DemoServer.DEMO_EMAIL);
        login.addProperty("password", DemoServer.DEMO_PASSWORD);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(login.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String token = JsonParser.parseString(signedIn.body()).getAsJsonObject().get("token").getAsString();
        HttpResponse<String> deal = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/deals/" + dealId))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deal.statusCode()).as(deal.body()).isEqualTo(200);
        return JsonParser.parseString(deal.body()).getAsJsonObject().get("stage").getAsString();
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX read failed", e);
        }
    }
}
