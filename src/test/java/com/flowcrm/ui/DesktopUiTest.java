package com.flowcrm.ui;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/** A signed-out desktop shell against a fresh demo backend for every test. */
@ExtendWith(ApplicationExtension.class)
public abstract class DesktopUiTest {
    protected DesktopRig rig;
    protected Stage stage;

    @BeforeEach
    void showShell() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        rig = DesktopRig.start();
        FxToolkit.setupFixture(() -> rig.show(stage));
    }

    @AfterEach
    void closeShell() throws Exception {
        rig.close();
    }
}
