package com.flowcrm.ui.kit;

import java.util.List;
import javafx.collections.ObservableList;

/**
 * Brings an observable list shown by a list view in line with a new list by changing only the stretch between their
 * common start and common end: one removal and one addition. {@code setAll} reports every position as replaced, and a
 * list view then marks each of its 20,000 positions dirty, asking for layout once per position.
 */
public final class ListPatch {
    private ListPatch() {
    }

    /** Makes {@code shown} equal to {@code next}; nothing happens when they are equal already. */
    public static <T> void apply(ObservableList<T> shown, List<? extends T> next) {
        int oldSize = shown.size();
        int newSize = next.size();
        int start = 0;
        int limit = Math.min(oldSize, newSize);
        while (start < limit && java.util.Objects.equals(shown.get(start), next.get(start))) {
            start++;
        }
        if (start == oldSize && start == newSize) {
            return;
        }
        int oldEnd = oldSize;
        int newEnd = newSize;
        while (oldEnd > start && newEnd > start && java.util.Objects.equals(shown.get(oldEnd - 1), next.get(newEnd - 1))) {
            oldEnd--;
            newEnd--;
        }
        if (oldEnd > start) {
            shown.remove(start, oldEnd);
        }
        if (newEnd > start) {
            shown.addAll(start, next.subList(start, newEnd));
        }
    }
}
