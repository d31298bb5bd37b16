package com.flowcrm.api;

import com.flowcrm.model.change.RemoteEvent;
import java.util.List;
import java.util.Objects;

/**
 * One page of the server's change log ({@code GET /sync/changes}, issue 13): the changes after the cursor in seq
 * order, each mapped like a live event; the cursor to keep once they are applied; and whether more follow.
 *
 * @param changes the changes of the page, oldest first; an entry that could not be read says why in its mapping
 * @param next    the cursor once this page is applied, and the {@code since} of the next page
 * @param hasMore whether another page follows
 */
public record ChangePage(List<Entry> changes, long next, boolean hasMore) {
    public ChangePage {
        changes = List.copyOf(changes);
    }

    /**
     * One change of the log.
     *
     * @param seq    its place in the log
     * @param event  the event's name as the server wrote it (null when it wrote none)
     * @param change the event, mapped as a live event is; not clean when it cannot be applied (unknown name, bad
     *               payload), and then it is counted and skipped like a bad live event
     */
    public record Entry(long seq, String event, Mapped<RemoteEvent> change) {
        public Entry {
            Objects.requireNonNull(change, "change");
        }
    }
}
