package com.flowcrm.ui.insights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Immutable copies of a store's records for a computation on another thread, kept between computations and renewed
 * only for the records the store says changed ({@code EntityStore.changedInLastRevision}): a pass over the 50,000
 * contacts to find the changed ones cost the UI thread more than copying them (every record and its revision are a
 * cache miss), so only a reload, a removal or time passing makes it walk them all. UI thread only.
 *
 * @param <M> the record (a model object, changed on the UI thread)
 * @param <S> its copy
 */
final class RecordSnapshots<M, S> {
    private final Function<M, String> id;
    private final Function<M, S> copy;
    private final List<S> copies = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    /** Changed since the last {@link #of}; copied then, once each however often they changed. */
    private final Set<M> changed = new LinkedHashSet<>();
    private boolean stale = true;

    RecordSnapshots(Function<M, String> id, Function<M, S> copy) {
        this.id = id;
        this.copy = copy;
    }

    /** These records were created or changed; null: any may have changed or gone (every copy is made again). */
    void changed(List<M> records) {
        if (records == null) {
            stale = true;
            changed.clear();
        } else if (!stale) {
            changed.addAll(records);
        }
    }

    /** Forgets every copy, for a change the store does not report (time passing moves what the rules say). */
    void clear() {
        stale = true;
        changed.clear();
    }

    /**
     * Copies of all of {@code all} (the store's records): in their order after a full copy, records created since then
     * after them. The list is never changed afterwards, so it may be handed to another thread.
     */
    List<S> of(List<M> all) {
        if (stale) {
            copies.clear();
            positions.clear();
            for (M record : all) {
                add(record);
            }
            stale = false;
        } else {
            for (M record : changed) {
                Integer at = positions.get(id.apply(record));
                if (at == null) {
                    add(record);
                } else {
                    copies.set(at, copy.apply(record));
                }
            }
        }
        changed.clear();
        return List.copyOf(copies);
    }

    private void add(M record) {
        positions.put(id.apply(record), copies.size());
        copies.add(copy.apply(record));
    }
}
