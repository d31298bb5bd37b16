package com.flowcrm.ui;

import javafx.application.Platform;

/** Runs view-model updates on the JavaFX thread, at once when already there. */
public final class FxThread {
    private FxThread() {
    }

    /** The session completes its futures on the FX thread; this guards view-models against any that do not. */
    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
