package com.flowcrm.ui.kit;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableListBase;
import javafx.scene.control.ListView;

/**
 * Shows a freshly computed list (one that replaces the last one as a whole, like the Insights lists) in a list view by
 * giving the view a new items list. Changing the shown list in place costs far more: {@code setAll} reports every
 * position as replaced and the view asks for layout once per position (20,000 times for the follow-ups due), and an
 * observable list removes a range one element at a time. The view keeps the selected item when the new list has it.
 */
public final class ListItems {
    private static final Object SHOWN = new Object();

    private ListItems() {
    }

    /** Shows {@code items} in {@code view}; nothing happens when it shows an equal list already. */
    public static <T> void show(ListView<T> view, List<? extends T> items) {
        if (!view.getItems().equals(items)) {
            view.setItems(FXCollections.observableArrayList(items));
        }
    }

    /**
     * Shows a list computed off the UI thread and compared there with the one computed before it: the instance given
     * last time means unchanged (nothing happens), any other instance is shown without comparing it again on the UI
     * thread (comparing 20,000 follow-ups there took a few milliseconds four times a second, while live events waited).
     */
    public static <T> void showComputed(ListView<T> view, List<? extends T> items) {
        // a holder, not the list itself, in the properties: the observable map compares an old value with a new one
        // by equals, which is the very comparison this method avoids
        Shown shown = (Shown) view.getProperties().computeIfAbsent(SHOWN, k -> new Shown());
        if (shown.list != items) {
            shown.list = items;
            view.setItems(new Snapshot<>(List.copyOf(items)));
        }
    }

    /**
     * A computed list as the view's items: read-only, and equal only to itself. The items property tells its change
     * listeners (the list's skin) of a new value only when {@code !old.equals(new)}, which for two lists compared up to
     * 20,000 rows on the UI thread; a computed list is new whenever it was given.
     */
    private static final class Snapshot<T> extends ObservableListBase<T> {
        private final List<T> rows;

        Snapshot(List<T> rows) {
            this.rows = rows;
        }

        @Override
        public T get(int index) {
            return rows.get(index);
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** The list last given to {@link #showComputed}. */
    private static final class Shown {
        private List<?> list;
    }
}
