package com.flowcrm.ui.insights;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Immutable copies of a store's records for a computation on another thread, kept between computations: a record's
 * copy is made again only when its revision moved, so that a live store of 50,000 records costs the UI thread a pass
 * of revision checks, not 50,000 copies. The copies are kept in the store's order and matched by position (a hash
 * lookup per record was most of the pass's time); a record that moved a few places (one created before it) is found
 * nearby, and one found nowhere near is copied again. UI thread only.
 *
 * @param <M> the record (a model object, changed on the UI thread; every change ticks its revision)
 * @param <S> its copy
 */
final class RecordSnapshots<M, S> {
    /** How far from its expected place a record is looked for before it is copied again. */
    private static final int REACH = 4;

    private final ToLongFunction<M> revision;
    private final Function<M, S> copy;
    private Object[] records = new Object[0];
    private long[] revisions = new long[0];
    private Object[] copies = new Object[0];

    RecordSnapshots(ToLongFunction<M> revision, Function<M, S> copy) {
        this.revision = revision;
        this.copy = copy;
    }

    /** Copies of these records, in their order; the list is never changed afterwards (safe to hand to a thread). */
    @SuppressWarnings("unchecked")
    List<S> of(List<M> now) {
        int n = now.size();
        Object[] nextRecords = new Object[n];
        long[] nextRevisions = new long[n];
        Object[] nextCopies = new Object[n];
        // where the old arrays hold the record at position i: i + shift, moved by the records created or removed before
        int shift = 0;
        for (int i = 0; i < n; i++) {
            M record = now.get(i);
            long rev = revision.applyAsLong(record);
            int at = find(record, i + shift);
            if (at >= 0) {
                shift = at - i;
            }
            nextRecords[i] = record;
            nextRevisions[i] = rev;
            nextCopies[i] = at >= 0 && revisions[at] == rev ? copies[at] : copy.apply(record);
        }
        records = nextRecords;
        revisions = nextRevisions;
        copies = nextCopies;
        return (List<S>) Collections.unmodifiableList(Arrays.asList(nextCopies));
    }

    /** Forgets every copy, for a change no revision shows (time passing makes the caller re-read everything). */
    void clear() {
        records = new Object[0];
        revisions = new long[0];
        copies = new Object[0];
    }

    private int find(Object record, int expected) {
        for (int d = 0; d <= REACH; d++) {
            int before = expected - d;
            if (before >= 0 && before < records.length && records[before] == record) {
                return before;
            }
            int after = expected + d;
            if (d > 0 && after >= 0 && after < records.length && records[after] == record) {
                return after;
            }
        }
        return -1;
    }
}
