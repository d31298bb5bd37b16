package com.flowcrm.ui.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecordSnapshotsTest {
    /** A record as the stores keep them: mutable, with a revision that ticks on every change. */
    private static final class Item {
        final String id;
        String value;
        long revision;

        Item(String id, String value) {
            this.id = id;
            this.value = value;
        }

        void set(String v) {
            value = v;
            revision++;
        }
    }

    private record Copy(String id, String value) {
    }

    private int copiesMade;
    private final RecordSnapshots<Item, Copy> snapshots = new RecordSnapshots<>(i -> i.revision, i -> {
        copiesMade++;
        return new Copy(i.id, i.value);
    });

    private static List<Item> items(int n) {
        return new ArrayList<>(IntStream.range(0, n).mapToObj(i -> new Item("i" + i, "v" + i)).toList());
    }

    @Test
    void copiesOnlyWhatChangedSinceTheLastTime() {
        List<Item> items = items(1_000);
        List<Copy> first = snapshots.of(items);
        assertThat(copiesMade).isEqualTo(1_000);
        assertThat(first.get(7)).isEqualTo(new Copy("i7", "v7"));

        items.get(7).set("changed");
        items.get(900).set("changed too");
        List<Copy> second = snapshots.of(items);
        assertThat(copiesMade).isEqualTo(1_002);
        assertThat(second.get(7)).isEqualTo(new Copy("i7", "changed"));
        assertThat(second.get(900).value()).isEqualTo("changed too");
        assertThat(second.get(8)).isSameAs(first.get(8));
        assertThat(first.get(7)).as("a handed-out list never changes").isEqualTo(new Copy("i7", "v7"));
        assertThatThrownBy(() -> second.set(0, null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void findsRecordsMovedByOnesCreatedOrRemovedBeforeThem() {
        List<Item> items = items(1_000);
        snapshots.of(items);
        // newest first, as the deals are: two created at the start, one removed in the middle
        items.add(0, new Item("new1", "n"));
        items.add(0, new Item("new2", "n"));
        items.remove(500);
        List<Copy> after = snapshots.of(items);
        assertThat(copiesMade).as("only the two new ones").isEqualTo(1_002);
        assertThat(after).extracting(Copy::id).startsWith("new2", "new1", "i0").contains("i999").doesNotContain("i498");
        assertThat(after).hasSize(1_001);
    }

    @Test
    void aRecordMovedFarIsCopiedAgainAndAClearCopiesEverything() {
        List<Item> items = items(100);
        snapshots.of(items);
        Item moved = items.remove(90);
        items.add(3, moved);
        List<Copy> after = snapshots.of(items);
        assertThat(after.get(3)).isEqualTo(new Copy("i90", "v90"));
        assertThat(copiesMade).isEqualTo(101);

        snapshots.clear();
        snapshots.of(items);
        assertThat(copiesMade).isEqualTo(201);
    }
}
