package com.flowcrm.store;

import java.util.OptionalLong;

/**
 * Where the session keeps its place in the server's change log (issue 13): in memory, or in the local workspace
 * with the confirmed data it describes.
 */
public interface SyncCursor {
    /** The seq of the last change applied to the stores; empty when there is none yet (a full load comes first). */
    OptionalLong position();

    /** The stores now hold every change up to {@code seq}; called on the UI executor after the batch that applied them. */
    void advance(long seq);

    /** Forgets the position: the next catch-up is a full reload (a 410, or a server without a change log). */
    void reset();
}
