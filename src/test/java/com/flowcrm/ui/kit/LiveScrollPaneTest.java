package com.flowcrm.ui.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A live scroll pane repaints only what changed (no cached viewport) and still scrolls like any scroll pane. */
class LiveScrollPaneTest {
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            onFx(() -> {
                stage.close();
                return null;
            });
        }
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theViewportIsNotCachedAndTheContentStillScrolls() throws Exception {
        Region content = new Region();
        content.setPrefSize(1000, 150);
        LiveScrollPane scroller = onFx(() -> {
            LiveScrollPane s = new LiveScrollPane(content);
            s.setFitToHeight(true);
            stage = new Stage();
            stage.setScene(new Scene(s, 300, 200));
            stage.show();
            s.applyCss();
            s.layout();
            return s;
        });

        Node viewport = onFx(scroller::viewport);
        assertThat(viewport).as("the skin's viewport").isNotNull();
        assertThat(viewport.isCache()).as("a plain ScrollPane caches it; a live one must not").isFalse();
        assertThat(onFx(() -> new ScrollPane(new Region()).isCache())).isFalse();

        Bounds atEnd = onFx(() -> {
            scroller.setHvalue(scroller.getHmax());
            scroller.layout();
            return content.localToScene(content.getLayoutBounds());
        });
        assertThat(atEnd.getMinX()).as("scrolled to its right end, the content moved left").isLessThan(-600);
        assertThat(atEnd.getMaxX()).as("and its right edge is in view").isLessThanOrEqualTo(300);
    }
}
