package com.flowcrm.app;

import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The JavaFX application: builds the window. */
public class FlowCrmApplication extends Application {
    private static volatile AppConfig launchConfig;

    /** Starts the JavaFX toolkit with this configuration and blocks until the last window closes. */
    public static void launchWith(AppConfig config) {
        launchConfig = Objects.requireNonNull(config, "config");
        Application.launch(FlowCrmApplication.class);
    }

    static AppConfig config() {
        AppConfig config = launchConfig;
        return config != null ? config : AppConfig.resolve(null, null, System.getenv());
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Flow CRM");
        stage.setScene(new Scene(new StackPane(new Label("Flow CRM")), 1200, 800));
        stage.show();
    }
}
