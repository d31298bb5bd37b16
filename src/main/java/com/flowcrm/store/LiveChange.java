package com.flowcrm.store;

import com.flowcrm.model.change.RemoteEvent;

/**
 * One valid live event on its way to the stores: queued on the dispatcher as it is (one object per event, as the
 * lambda before it was), and kept by {@link ChangeOrder} while it waits for a catch-up.
 */
final class LiveChange implements Runnable {
    final String event;
    final RemoteEvent change;
    /** Its seq in the server's change log, or {@link ChangeOrder#NONE}. */
    final long seq;
    /** The seq of the change before it that this user can see, or {@link ChangeOrder#NONE}. */
    final long prev;
    private final ChangeOrder order;

    LiveChange(String event, RemoteEvent change, long seq, long prev, ChangeOrder order) {
        this.event = event;
        this.change = change;
        this.seq = seq;
        this.prev = prev;
        this.order = order;
    }

    @Override
    public void run() {
        order.arrive(this);
    }
}
