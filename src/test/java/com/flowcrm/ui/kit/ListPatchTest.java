package com.flowcrm.ui.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class ListPatchTest {
    private final ObservableList<String> shown = FXCollections.observableArrayList();
    private final List<String> changes = new ArrayList<>();

    ListPatchTest() {
        shown.addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "replaced " : c.wasRemoved() ? "removed " : c.wasAdded() ? "added " : "other ")
                        + c.getFrom() + ".." + c.getTo() + " -" + c.getRemovedSize());
            }
        });
    }

    @Test
    void changesOnlyTheStretchThatDiffers() {
        shown.setAll(List.of("a", "b", "c", "d", "e"));
        changes.clear();

        ListPatch.apply(shown, List.of("a", "b", "c", "d", "e"));
        assertThat(changes).as("equal: nothing").isEmpty();

        ListPatch.apply(shown, List.of("a", "b", "x", "d", "e"));
        assertThat(shown).containsExactly("a", "b", "x", "d", "e");
        assertThat(changes).containsExactly("removed 2..2 -1", "added 2..3 -0");

        changes.clear();
        ListPatch.apply(shown, List.of("a", "b", "n", "x", "d", "e"));
        assertThat(shown).containsExactly("a", "b", "n", "x", "d", "e");
        assertThat(changes).as("an insertion is one addition").containsExactly("added 2..3 -0");

        changes.clear();
        ListPatch.apply(shown, List.of("b", "n", "x", "d"));
        assertThat(shown).containsExactly("b", "n", "x", "d");
        ListPatch.apply(shown, List.of());
        assertThat(shown).isEmpty();
        ListPatch.apply(shown, List.of("z"));
        assertThat(shown).containsExactly("z");
    }

    @Test
    void endsEqualToAnyNewList() {
        Random random = new Random(3);
        for (int round = 0; round < 500; round++) {
            List<String> next = new ArrayList<>();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                next.add(Character.toString('a' + random.nextInt(4)));
            }
            ListPatch.apply(shown, next);
            assertThat(shown).containsExactlyElementsOf(next);
        }
    }
}
