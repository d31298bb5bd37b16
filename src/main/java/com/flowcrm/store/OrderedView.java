package com.flowcrm.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ModifiableObservableListBase;
import javafx.collections.ObservableList;

/**
 * A read-only observable list kept in order by a key recorded beside each item, so one change costs a binary
 * search and one insert or remove instead of re-filtering and re-sorting the whole list. The key is the one the
 * item had when it was inserted; the owner removes an item with that key before it re-inserts it with a new one.
 *
 * <p>Between {@link #beginChanges} and {@link #endChanges} (a store's flush at the end of a dispatcher batch) the
 * inserts and removes reach the listeners as one change with its parts: at 5,000 live events a second a column took
 * 10-20 of them per batch, and each one made every cell of its list, the list's selection and focus models and the
 * board's selection re-check their index.
 */
final class OrderedView<T, K> {
    private final Items<T> items = new Items<>();
    private final ObservableList<T> readOnly = FXCollections.unmodifiableObservableList(items);
    private final List<K> keys = new ArrayList<>();
    private final Comparator<? super K> order;

    OrderedView(Comparator<? super K> order) {
        this.order = order;
    }

    ObservableList<T> readOnly() {
        return readOnly;
    }

    /** From here to {@link #endChanges} the list's listeners hear nothing; then one change with every part. */
    void beginChanges() {
        items.open();
    }

    void endChanges() {
        items.close();
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

    /** An array list whose changes can be gathered into one notification. */
    private static final class Items<T> extends ModifiableObservableListBase<T> {
        private final ArrayList<T> list = new ArrayList<>();

        void open() {
            beginChange();
        }

        void close() {
            endChange();
        }

        @Override
        public T get(int index) {
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }

        @Override
        protected void doAdd(int index, T element) {
            list.add(index, element);
        }

        @Override
        protected T doSet(int index, T element) {
            return list.set(index, element);
        }

        @Override
        protected T doRemove(int index) {
            return list.remove(index);
        }

        // the base class replaces and clears one element at a time, each an array copy: quadratic for 50,000 rows
        @Override
        public boolean setAll(Collection<? extends T> content) {
            beginChange();
            try {
                if (!list.isEmpty()) {
                    nextRemove(0, new ArrayList<>(list));
                    list.clear();
                }
                list.addAll(content);
                if (!list.isEmpty()) {
                    nextAdd(0, list.size());
                }
                modCount++;
            } finally {
                endChange();
            }
            return true;
        }

        @Override
        protected void removeRange(int from, int to) {
            if (from >= to) {
                return;
            }
            beginChange();
            try {
                List<T> range = list.subList(from, to);
                nextRemove(from, new ArrayList<>(range));
                range.clear();
                modCount++;
            } finally {
                endChange();
            }
        }
    }
}
