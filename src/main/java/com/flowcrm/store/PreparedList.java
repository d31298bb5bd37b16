package com.flowcrm.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A fresh list made ready for a store's reconcile away from the UI thread: unique by id, in the store's order, with
 * what the store worked out for its next rebuild ({@link EntityStore#presort}).
 */
record PreparedList<T>(List<T> items, List<String> presort) {
    /** The work of a reconcile that needs nothing of the store's state. Any thread: the one that read the list. */
    static <T> PreparedList<T> of(EntityStore<T, ?, ?, ?> store, List<T> freshList) {
        List<T> fresh = store.ordered(unique(freshList, store::idOf));
        return new PreparedList<>(fresh, store.presort(fresh));
    }

    /** The first item of each id, in the list's order. */
    static <T> List<T> unique(List<T> input, Function<T, String> idOf) {
        Map<String, T> unique = new LinkedHashMap<>();
        for (T item : input) {
            unique.putIfAbsent(idOf.apply(item), item);
        }
        return new ArrayList<>(unique.values());
    }
}
