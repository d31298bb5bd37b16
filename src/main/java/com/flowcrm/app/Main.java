package com.flowcrm.app;

/** Entry point: starts the desktop window, or a headless command when one is named. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        javafx.application.Application.launch(FlowCrmApplication.class, args);
    }
}
