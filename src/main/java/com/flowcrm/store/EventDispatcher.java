package com.flowcrm.store;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way store mutations reach the UI thread. Any thread may {@link #submit}; at most one task is pending on
 * the UI executor at a time and each run applies everything queued, in order, so a burst of events costs a few UI
 * pulses instead of one {@code runLater} each. Stores recompute derived views once per run ({@link #addBatchEndListener}).
 */
public final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    /** Bounds one run so a producer faster than the UI cannot starve rendering; the rest runs in the next pulse. */
    static final int MAX_PER_RUN = 50_000;
    private static final Runnable RESYNC_MARK = () -> { };

    private final Executor uiExecutor;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> unheld = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private final List<Runnable> batchEndListeners = new CopyOnWriteArrayList<>();
    // UI-thread state below: only the drain (which runs on the UI executor) and the resync calls touch it
    private final ArrayDeque<Runnable> held = new ArrayDeque<>();
    private boolean holding;
    private boolean applying;
    /** The thread the last batch ran on: the UI thread once anything ran. */
    private volatile Thread uiThread;

    public EventDispatcher(Executor uiExecutor) {
        this.uiExecutor = Objects.requireNonNull(uiExecutor, "uiExecutor");
    }

    /** Queues a store mutation; callable from any thread. */
    public void submit(Runnable storeMutation) {
        queue.add(Objects.requireNonNull(storeMutation, "storeMutation"));
        schedule();
    }

    /**
     * Queues a UI update that no store mutation depends on (the connection indicator): it runs in the next run even
     * while events are held back for a resync. A catch-up or reload waiting for a stalled server can hold events for
     * as long as its request takes; the soak (issue 16) found the indicator frozen on "Live" for that long after the
     * socket had been declared lost. Callable from any thread.
     */
    public void submitUnheld(Runnable uiUpdate) {
        unheld.add(Objects.requireNonNull(uiUpdate, "uiUpdate"));
        schedule();
    }

    /**
     * Starts holding back events: everything submitted after this call waits until {@link #completeResync} (or
     * {@link #abortResync}); what was submitted before is still applied first. Callable from any thread.
     */
    public void beginResync() {
        submit(RESYNC_MARK);
    }

    /** On the UI thread: applies what came before the resync began, then the snapshot, then the held events in order. */
    public void completeResync(Runnable applySnapshot) {
        Objects.requireNonNull(applySnapshot, "applySnapshot");
        inBatch(() -> {
            drainQueue(Integer.MAX_VALUE);
            run(applySnapshot);
            releaseHeld();
        });
        schedule();
    }

    /** On the UI thread: the snapshot failed, so the held events are applied as they are. */
    public void abortResync() {
        abortResync(() -> { });
    }

    /** Like {@link #abortResync()}, running {@code beforeHeld} after what came before the resync and before the held events. */
    public void abortResync(Runnable beforeHeld) {
        Objects.requireNonNull(beforeHeld, "beforeHeld");
        inBatch(() -> {
            drainQueue(Integer.MAX_VALUE);
            run(beforeHeld);
            releaseHeld();
        });
        schedule();
    }

    /** Whether a batch is being applied right now (stores then defer their derived-view work to the batch end). */
    public boolean isApplying() {
        return applying;
    }

    /** Whether events are being held back for a resync. */
    public boolean isHolding() {
        return holding;
    }

    /** Called on the UI thread after every run that applied something, for once-per-batch work. */
    public void addBatchEndListener(Runnable listener) {
        batchEndListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeBatchEndListener(Runnable listener) {
        batchEndListeners.remove(listener);
    }

    /** How many times the dispatcher has run on the UI executor (for tests and diagnostics). */
    /** Whether the caller is on the thread the batches run on (then waiting for a batch would never end). */
    boolean isUiThread() {
        return uiThread == Thread.currentThread();
    }

    public long runCount() {
        return runs.get();
    }

    private void schedule() {
        if ((!queue.isEmpty() || !unheld.isEmpty()) && scheduled.compareAndSet(false, true)) {
            uiExecutor.execute(this::drain);
        }
    }

    private void drain() {
        uiThread = Thread.currentThread();
        runs.incrementAndGet();
        // cleared before draining: a submit racing with the end of this run schedules the next one, so none is lost
        scheduled.set(false);
        if (applying) {
            // a direct executor re-entered from a mutation: the outer run picks the new work up
            return;
        }
        inBatch(() -> {
            drainQueue(MAX_PER_RUN);
            Runnable r;
            while ((r = unheld.poll()) != null) {
                run(r);
            }
        });
        schedule();
    }

    private void drainQueue(int limit) {
        Runnable r;
        int n = 0;
        while (n < limit && (r = queue.poll()) != null) {
            n++;
            if (r == RESYNC_MARK) {
                holding = true;
            } else if (holding) {
                held.add(r);
            } else {
                run(r);
            }
        }
    }

    private void releaseHeld() {
        holding = false;
        Runnable r;
        while ((r = held.poll()) != null) {
            run(r);
        }
    }

    private void inBatch(Runnable work) {
        boolean outer = !applying;
        applying = true;
        try {
            work.run();
        } finally {
            if (outer) {
                applying = false;
                for (Runnable listener : batchEndListeners) {
                    run(listener);
                }
            }
        }
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // one broken mutation must not drop the rest of the batch
            LOG.error("Store mutation failed", e);
        }
    }
}
