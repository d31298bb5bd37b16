package com.flowcrm.ui.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecordSnapshotsTest {
    /** A record as the stores keep them: mutable, changed in place. */
    private static final class Item {
        final String id;
        String value;

        Item(String id, String value) {
            this.id = id;
            this.value = value;
        }
    }

    private record Copy(String id, String value) {
    }

    private int copiesMade;
    private final RecordSnapshots<Item, Copy> snapshots = new RecordSnapshots<>(i -> i.id, i -> {
        copiesMade++;
        return new Copy(i.id, i.value);
    });

    private static List<Item> items(int n) {
        return new ArrayList<>(IntStream.range(0, n).mapToObj(i -> new Item("i" + i, "v" + i)).toList());
    }

    @Test
    void copiesEverythingOnceThenOnlyWhatTheStoreSaysChanged() {
        List<Item> items = items(1_000);
        List<Copy> first = snapshots.of(items);
        assertThat(copiesMade).isEqualTo(1_000);
        assertThat(first.get(7)).isEqualTo(new Copy("i7", "v7"));

        items.get(7).value = "changed";
        items.get(900).value = "changed too";
        snapshots.changed(List.of(items.get(7), items.get(900)));
        snapshots.changed(List.of(items.get(7)));
        List<Copy> second = snapshots.of(items);
        assertThat(copiesMade).as("each changed record once").isEqualTo(1_002);
        assertThat(second.get(7)).isEqualTo(new Copy("i7", "changed"));
        assertThat(second.get(900).value()).isEqualTo("changed too");
        assertThat(second.get(8)).isSameAs(first.get(8));
        assertThat(first.get(7)).as("a list handed out never changes").isEqualTo(new Copy("i7", "v7"));
        assertThatThrownBy(() -> second.set(0, null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCreatedRecordIsAddedAndAnUnknownChangeCopiesEverythingAgain() {
        List<Item> items = items(100);
        snapshots.of(items);
        Item created = new Item("new", "n");
        items.add(0, created);
        snapshots.changed(List.of(created));
        List<Copy> after = snapshots.of(items);
        assertThat(after).hasSize(101).contains(new Copy("new", "n"));
        assertThat(copiesMade).isEqualTo(101);

        items.remove(50);
        snapshots.changed(null);
        List<Copy> reloaded = snapshots.of(items);
        assertThat(reloaded).extracting(Copy::id).as("the store's order again").startsWith("new", "i0").hasSize(100)
                .doesNotContain("i49");
        assertThat(copiesMade).isEqualTo(201);

        snapshots.clear();
        snapshots.of(items);
        assertThat(copiesMade).isEqualTo(301);
    }
}
