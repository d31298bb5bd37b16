package com.flowcrm.ui.kit;

import java.util.List;
import javafx.collections.FXCollections;
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
            view.setItems(FXCollections.observableArrayList(items));
        }
    }

    /** The list last given to {@link #showComputed}. */
    private static final class Shown {
        private List<?> list;
    }
}
