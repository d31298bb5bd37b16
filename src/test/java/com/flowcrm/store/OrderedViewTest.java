package com.flowcrm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * The ordered list tells its listeners once per batch: what a store's flush does to it between {@code beginChanges}
 * and {@code endChanges} arrives as one change, and replaying that change on a copy gives the list.
 */
class OrderedViewTest {
    private final OrderedView<String, Integer> view = new OrderedView<>(Comparator.naturalOrder());
    private final List<String> replayed = new ArrayList<>();
    private int notifications;

    private void listen() {
        replayed.addAll(view.readOnly());
        view.readOnly().addListener((ListChangeListener<String>) change -> {
            notifications++;
            while (change.next()) {
                if (change.wasPermutated()) {
                    throw new AssertionError("no permutations expected");
                }
                for (int i = 0; i < change.getRemovedSize(); i++) {
                    assertThat(replayed.remove(change.getFrom())).isEqualTo(change.getRemoved().get(i));
                }
                replayed.addAll(change.getFrom(), change.getAddedSubList());
            }
        });
    }

    @Test
    void insertsAndRemovesOfABatchReachTheListenersAsOneChange() {
        for (int i = 0; i < 10; i++) {
            view.insert("k" + (i * 10), i * 10);
        }
        listen();

        view.beginChanges();
        view.insert("k5", 5);
        view.remove("k30", 30);
        view.insert("k95", 95);
        view.remove("k0", 0);
        view.insert("k30", 31);
        view.insert("k-1", -1);
        assertThat(notifications).as("nothing before the batch ends").isZero();
        view.endChanges();

        assertThat(notifications).isEqualTo(1);
        assertThat(view.readOnly()).containsExactly("k-1", "k5", "k10", "k20", "k30", "k40", "k50", "k60", "k70", "k80",
                "k90", "k95");
        assertThat(replayed).isEqualTo(view.readOnly());
    }

    @Test
    void outsideABatchEveryChangeIsToldAtOnceAndReplacingIsOneChange() {
        listen();
        view.insert("b", 2);
        view.insert("a", 1);
        assertThat(notifications).isEqualTo(2);

        List<String> all = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            all.add("r" + i);
            keys.add(i);
        }
        view.replaceAll(all, keys);
        assertThat(notifications).isEqualTo(3);
        assertThat(replayed).isEqualTo(view.readOnly()).hasSize(50_000);
        view.remove("r0", 0);
        view.insert("r0", 0);
        assertThat(replayed).isEqualTo(view.readOnly());
    }
}
