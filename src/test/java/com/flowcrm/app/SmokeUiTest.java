package com.flowcrm.app;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.testfx.api.FxAssert.verifyThat;
import static org.testfx.matcher.control.LabeledMatchers.hasText;

@ExtendWith(ApplicationExtension.class)
class SmokeUiTest {
    @Start
    void start(Stage stage) {
        new FlowCrmApplication().start(stage);
    }

    @Test
    void showsTitle() {
        verifyThat(".label", hasText("Flow CRM"));
    }
}
