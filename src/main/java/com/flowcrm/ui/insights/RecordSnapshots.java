package com.flowcrm.ui.insights;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Immutable copies of a store's records for a computation on another thread, kept between computations: a record's
 * copy is made again only when its revision moved, so that a live store of 50,000 records costs the UI thread a pass
 * of revision checks, not 50,000 copies. UI thread only.
 *
 * @param <M> the record (a model object, changed on the UI thread; every change ticks its revision)
 * @param <S> its copy
 */
final class RecordSnapshots<M, S> {
    private record Copy<S>(long revision, S snapshot) {
    }

    private final ToLongFunction<M> revision;
    private final Function<M, S> copy;
    private IdentityHashMap<M, Copy<S>> copies = new IdentityHashMap<>();

    RecordSnapshots(ToLongFunction<M> revision, Function<M, S> copy) {
        this.revision = revision;
        this.copy = copy;
    }

    /** Copies of these records, in their order. */
    List<S> of(List<M> records) {
        List<S> out = new ArrayList<>(records.size());
        for (M record : records) {
            long now = revision.applyAsLong(record);
            Copy<S> known = copies.get(record);
            if (known == null || known.revision() != now) {
                known = new Copy<>(now, copy.apply(record));
                copies.put(record, known);
            }
            out.add(known.snapshot());
        }
        if (copies.size() > records.size()) {
            // records were removed (or the store reloaded): forget the copies of the ones that are gone
            IdentityHashMap<M, Copy<S>> kept = new IdentityHashMap<>(records.size() * 4 / 3 + 1);
            for (M record : records) {
                kept.put(record, copies.get(record));
            }
            copies = kept;
        }
        return out;
    }

    /** Forgets every copy, for a change no revision shows (time passing makes the caller re-read everything). */
    void clear() {
        copies = new IdentityHashMap<>();
    }
}
