package com.flowcrm.ui.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.collections.ObservableList;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class ListItemsTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void showsTheNewListKeepsTheSelectedItemAndLeavesAnEqualListAlone() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            ListView<String> view = new ListView<>();
            ListItems.show(view, List.of("a", "b", "c"));
            assertThat(view.getItems()).containsExactly("a", "b", "c");
            view.getSelectionModel().select("b");

            ObservableList<String> shown = view.getItems();
            ListItems.show(view, List.of("a", "b", "c"));
            assertThat(view.getItems()).as("equal: the same list").isSameAs(shown);

            ListItems.show(view, List.of("x", "c", "b"));
            assertThat(view.getItems()).containsExactly("x", "c", "b");
            assertThat(view.getSelectionModel().getSelectedItem()).isEqualTo("b");
            assertThat(view.getSelectionModel().getSelectedIndex()).isEqualTo(2);

            ListItems.show(view, List.of("x"));
            assertThat(view.getSelectionModel().getSelectedItem()).as("gone from the list").isNull();
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aComputedListIsShownByInstanceTheSameOneLeavesTheViewAlone() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            ListView<String> view = new ListView<>();
            List<String> first = List.of("a", "b", "c");
            ListItems.showComputed(view, first);
            assertThat(view.getItems()).containsExactly("a", "b", "c");
            view.getSelectionModel().select("b");

            ObservableList<String> shown = view.getItems();
            ListItems.showComputed(view, first);
            assertThat(view.getItems()).as("the same instance: untouched").isSameAs(shown);

            ListItems.showComputed(view, List.of("c", "b"));
            assertThat(view.getItems()).containsExactly("c", "b");
            assertThat(view.getSelectionModel().getSelectedItem()).as("kept when the new list has it").isEqualTo("b");
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}
