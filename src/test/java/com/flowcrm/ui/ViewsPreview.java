package com.flowcrm.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.flowcrm.app.AppConfig;
import com.flowcrm.app.AppContext;
import com.flowcrm.demo.DemoServer;
import com.flowcrm.demo.DemoServerConfig;
import com.flowcrm.ui.contacts.ContactsView;
import com.flowcrm.ui.pipeline.PipelineView;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Throwaway launcher: demo backend + session + one of the views in a window, for looking at the screens. */
public class ViewsPreview extends Application {
    public static final class Launch {
        public static void main(String[] args) {
            Application.launch(ViewsPreview.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        List<String> args = getParameters().getRaw();
        Application.setUserAgentStylesheet(args.contains("dark") ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        DemoServerConfig config = DemoServerConfig.forTests().withData(Integer.getInteger("deals", 40),
                Integer.getInteger("contacts", 60), 42).withSimulator(args.contains("live"), 2);
        DemoServer demo = DemoServer.start(config);
        AppContext app = AppContext.create(AppConfig.forServer(demo.apiUrl(), demo.wsUrl()));
        Navigator nav = new Navigator() {
            public void showDeal(String id) { }
            public void showContact(String id) { }
        };
        Thread login = new Thread(() -> {
            try {
                app.session().login(DemoServer.DEMO_EMAIL, DemoServer.DEMO_PASSWORD);
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        });
        login.start();
        login.join();
        app.session().stateProperty().addListener((o, was, s) -> {
            if (s != com.flowcrm.store.SessionState.ACTIVE) {
                return;
            }
            Platform.runLater(() -> show(stage, app, nav, args));
        });
        stage.setOnHidden(e -> app.close());
    }

    private void show(Stage stage, AppContext app, Navigator nav, List<String> args) {
        {
            NavigableView view = args.contains("contacts") ? new ContactsView(app.session(), nav) : new PipelineView(app.session(), nav);
            Parent content = (Parent) view.getNode();
            if (args.contains("narrow")) {
                javafx.scene.layout.Region rail = new javafx.scene.layout.Region();
                rail.setPrefWidth(240);
                rail.setStyle("-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-default; -fx-border-width: 0 1 0 0;");
                content = new javafx.scene.layout.BorderPane(view.getNode(), null, null, null, rail);
            }
            stage.setScene(new Scene(content, 1440, 900));
            stage.setTitle("Flow CRM preview");
            stage.show();
            String open = args.stream().filter(a -> a.startsWith("open=")).map(a -> a.substring(5)).findFirst().orElse(null);
            if (open != null) {
                String id = open.equals("first") ? (args.contains("contacts") ? app.root().contacts().getContacts().get(3).getId()
                        : app.root().deals().getDeals().get(3).getId()) : open;
                Platform.runLater(() -> view.reveal(id));
                String scroll = args.stream().filter(a -> a.startsWith("scroll=")).map(a -> a.substring(7)).findFirst().orElse(null);
                if (scroll != null) {
                    javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
                    later.setOnFinished(e -> stage.getScene().getRoot().lookupAll(".details-scroller")
                            .forEach(n -> ((javafx.scene.control.ScrollPane) n).setVvalue(Double.parseDouble(scroll))));
                    later.play();
                }
            }
        }
    }
}
