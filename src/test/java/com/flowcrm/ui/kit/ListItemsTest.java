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

    /** Counts how often it is compared. */
    private record Row(int n, java.util.concurrent.atomic.AtomicInteger compared) {
        @Override
        public boolean equals(Object other) {
            compared.incrementAndGet();
            return other instanceof Row r && r.n == n;
        }

        @Override
        public int hashCode() {
            return n;
        }
    }

    @Test
    void aNewComputedListIsShownWithoutComparingItsRowsWithTheShownOnes() throws Exception {
        java.util.concurrent.atomic.AtomicInteger compared = new java.util.concurrent.atomic.AtomicInteger();
        List<Row> first = java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> new Row(i, compared)).toList();
        List<Row> second = java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> new Row(i, compared)).toList();
        WaitForAsyncUtils.asyncFx(() -> {
            ListView<Row> view = new ListView<>();
            new javafx.scene.Scene(view, 200, 200);
            // the skin (created by the first CSS pass) is what listens to the items property
            view.applyCss();
            ListItems.showComputed(view, first);
            view.layout();
            compared.set(0);
            ListItems.showComputed(view, second);
            assertThat(view.getItems()).hasSize(5_000).first().isSameAs(second.get(0));
            assertThat(compared.get()).as("rows compared on the UI thread").isLessThan(10);
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}
