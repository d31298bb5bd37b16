package com.flowcrm.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A read-only observable list kept in order by a key recorded beside each item, so one change costs a binary
 * search and one insert or remove instead of re-filtering and re-sorting the whole list. The key is the one the
 * item had when it was inserted; the owner removes an item with that key before it re-inserts it with a new one.
 */
final class OrderedView<T, K> {
    private final ObservableList<T> items = FXCollections.observableArrayList();
    private final ObservableList<T> readOnly = FXCollections.unmodifiableObservableList(items);
    private final List<K> keys = new ArrayList<>();
    private final Comparator<? super K> order;

    OrderedView(Comparator<? super K> order) {
        this.order = order;
    }

    ObservableList<T> readOnly() {
        return readOnly;
    }

    int size() {
        return items.size();
    }

    void insert(T item, K key) {
        int i = search(key);
        int at = i < 0 ? -i - 1 : i;
        keys.add(at, key);
        items.add(at, item);
    }

    void remove(T item, K key) {
        int i = search(key);
        if (i >= 0 && items.get(i) == item) {
            keys.remove(i);
            items.remove(i);
            return;
        }
        // equal keys (ties) may sit on either side of the hit
        int at = items.indexOf(item);
        if (at >= 0) {
            keys.remove(at);
            items.remove(at);
        }
    }

    /** Replaces the content with items already in key order; fires one change, and none when nothing differs. */
    void replaceAll(List<T> sortedItems, List<K> sortedKeys) {
        keys.clear();
        keys.addAll(sortedKeys);
        if (!items.equals(sortedItems)) {
            items.setAll(sortedItems);
        }
    }

    private int search(K key) {
        int lo = 0;
        int hi = keys.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = order.compare(keys.get(mid), key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
