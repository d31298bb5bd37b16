package com.flowcrm.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One record of a store, whether the derived views count it, and when server data last wrote its fields. */
class StoreEntry<T> {
    final T item;
    boolean dirty;
    boolean counted;
    boolean shown;
    /**
     * When server data last wrote each field (a number of the store's count of server writes); null until the rep's
     * first optimistic edit of the record, so only records the rep edits pay for it.
     */
    private Map<Object, Long> serverWroteAt;

    StoreEntry(T item) {
        this.item = item;
    }

    /** From now on the record remembers which fields server data writes (the rep edited it). */
    void trackServerWrites() {
        if (serverWroteAt == null) {
            serverWroteAt = new HashMap<>();
        }
    }

    boolean tracksServerWrites() {
        return serverWroteAt != null;
    }

    void serverWrote(Collection<?> fields, long at) {
        for (Object field : fields) {
            serverWroteAt.put(field, at);
        }
    }

    /** The fields server data wrote after the given write number. */
    List<Object> writtenSince(long since) {
        List<Object> fields = new ArrayList<>();
        if (serverWroteAt != null) {
            serverWroteAt.forEach((field, at) -> {
                if (at > since) {
                    fields.add(field);
                }
            });
        }
        return fields;
    }
}
