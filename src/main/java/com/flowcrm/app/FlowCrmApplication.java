package com.flowcrm.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The JavaFX application: builds the window. */
public class FlowCrmApplication extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Flow CRM");
        stage.setScene(new Scene(new StackPane(new Label("Flow CRM")), 1200, 800));
        stage.show();
    }
}
