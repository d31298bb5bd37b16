package com.flowcrm.demo;

import com.flowcrm.common.DaemonThreads;
import com.flowcrm.common.WarningThrottle;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the demo database. Changes are applied in memory under the state's lock and handed here in
 * seq order; this thread commits them in groups (everything queued, at once when a request waits for it, else
 * after {@code commitDelay} so the simulator's changes cost a few commits per second), and only after the commit
 * broadcasts them and lets the waiting requests answer. So nothing a client was told, on the socket or in a
 * response, can be lost by a crash, and a seq is never reused for a different change.
 *
 * <p>Callers take a ticket ({@link #submit} or {@link #ticket()}) and wait for it ({@link #awaitDurable}): a ticket
 * is durable once everything submitted up to it is committed.
 */
final class DemoJournal implements AutoCloseable {
    /** Everything one submitter hands over at once: it is committed in one transaction. */
    record Batch(List<ChangeEntry> entries, List<DbWrite> writes, long nextId) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoJournal.class);
    private static final int MAX_QUEUED = 20_000;
    private static final int MAX_PER_COMMIT = 5_000;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
    static final int KEEP_CHANGES = 100_000;
    static final Duration KEEP_FOR = Duration.ofDays(30);

    private final DemoDatabase db;
    private final Clock clock;
    private final long commitDelayNanos;
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);
    private final WarningThrottle warnings;
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private final NavigableMap<Long, CompletableFuture<Void>> waiters = new TreeMap<>();
    private final Thread thread;
    private volatile Consumer<ChangeEntry> publisher = entry -> { };
    private long submitted;
    private long committed;
    private boolean urgent;
    private boolean closed;
    private long head;
    private volatile long durableHead;
    private volatile long committedHead;
    private long prunedThrough;
    private long lastPruneMillis;

    DemoJournal(DemoDatabase db, Clock clock, Duration commitDelay, long head, long prunedThrough) {
        this.db = db;
        this.clock = clock;
        this.commitDelayNanos = commitDelay.toNanos();
        this.warnings = new WarningThrottle(LOG, clock, WARN_INTERVAL);
        this.head = head;
        this.durableHead = head;
        this.committedHead = head;
        this.prunedThrough = prunedThrough;
        this.lastPruneMillis = Long.MIN_VALUE;
        this.thread = DaemonThreads.named("demo-journal").newThread(this::run);
        thread.start();
    }

    /** Receives each committed change in seq order on the journal's thread (the socket hub, in the server). */
    void setPublisher(Consumer<ChangeEntry> publisher) {
        this.publisher = publisher;
    }

    DemoDatabase database() {
        return db;
    }

    /** Queues a batch; blocks while the writer is {@value #MAX_QUEUED} batches behind. Returns its ticket. */
    synchronized long submit(Batch batch) {
        while (queue.size() >= MAX_QUEUED && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the journal was full", e);
            }
        }
        if (closed) {
            throw new IllegalStateException("demo server is closed");
        }
        queue.add(batch);
        submitted++;
        notifyAll();
        return submitted;
    }

    /** The ticket of everything submitted so far. */
    synchronized long ticket() {
        return submitted;
    }

    /** The highest seq committed and broadcast: frames sent after this point come after it. */
    long durableHead() {
        return durableHead;
    }

    /**
     * The highest seq committed, which the change feed serves. It moves before the broadcast, so a client that
     * reads a frame's seq and asks the feed at once finds that change there.
     */
    long committedHead() {
        return committedHead;
    }

    /** Everything up to this seq was forgotten by the pruning: a cursor below it cannot be served. */
    synchronized long prunedThrough() {
        return prunedThrough;
    }

    /** Completes once the ticket is committed and its changes broadcast; asks the writer not to wait for more. */
    synchronized CompletableFuture<Void> whenDurable(long ticket) {
        if (ticket <= committed) {
            return CompletableFuture.completedFuture(null);
        }
        urgent = true;
        notifyAll();
        return waiters.computeIfAbsent(ticket, t -> new CompletableFuture<>());
    }

    /** Waits for {@link #whenDurable}; a 503 when the database cannot commit (the change is kept and retried). */
    void awaitDurable(long ticket, Duration timeout) {
        try {
            whenDurable(ticket).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DemoRequestException(503, "the demo database cannot save right now; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoRequestException(503, "interrupted while saving");
        } catch (ExecutionException e) {
            throw new DemoRequestException(503, "the demo server stopped before it saved");
        }
    }

    private void run() {
        while (true) {
            List<Batch> batches = nextBatches();
            if (batches.isEmpty()) {
                return;
            }
            if (!commitWithRetry(batches)) {
                failWaiters();
                return;
            }
            Consumer<ChangeEntry> target = publisher;
            for (Batch batch : batches) {
                for (ChangeEntry entry : batch.entries()) {
                    try {
                        target.accept(entry);
                    } catch (RuntimeException e) {
                        LOG.error("Broadcasting change {} failed", entry.seq(), e);
                    }
                }
            }
            finished(batches.size());
            pruneWhenDue();
        }
    }

    private synchronized List<Batch> nextBatches() {
        try {
            while (queue.isEmpty() && !closed) {
                wait();
            }
            long deadline = System.nanoTime() + commitDelayNanos;
            while (!urgent && !closed && queue.size() < MAX_PER_COMMIT) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        List<Batch> batches = new ArrayList<>();
        while (!queue.isEmpty() && batches.size() < MAX_PER_COMMIT) {
            batches.add(queue.poll());
        }
        urgent = !waiters.isEmpty() && waiters.lastKey() > committed + batches.size();
        notifyAll();
        return batches;
    }

    private boolean commitWithRetry(List<Batch> batches) {
        List<ChangeEntry> entries = new ArrayList<>();
        List<DbWrite> writes = new ArrayList<>();
        long nextId = -1;
        for (Batch batch : batches) {
            entries.addAll(batch.entries());
            writes.addAll(batch.writes());
            nextId = Math.max(nextId, batch.nextId());
        }
        long newHead = entries.isEmpty() ? head : entries.get(entries.size() - 1).seq();
        Map<String, String> meta = new HashMap<>();
        meta.put(DemoPersistence.META_LOG_HEAD, Long.toString(newHead));
        if (nextId >= 0) {
            meta.put(DemoPersistence.META_NEXT_ID, Long.toString(nextId));
        }
        while (true) {
            try {
                db.commit(entries, writes, meta);
                head = newHead;
                committedHead = newHead;
                return true;
            } catch (SQLException | RuntimeException e) {
                warnings.warn("commit", "Demo database commit failed: {}", e.getMessage() + "; retrying every "
                        + RETRY_DELAY.toSeconds() + " s, requests wait");
                synchronized (this) {
                    if (closed) {
                        LOG.error("Demo server closed with {} changes it could not save: {}", entries.size(),
                                e.getMessage());
                        return false;
                    }
                    try {
                        wait(RETRY_DELAY.toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
        }
    }

    private synchronized void finished(int count) {
        committed += count;
        durableHead = head;
        NavigableMap<Long, CompletableFuture<Void>> done = waiters.headMap(committed, true);
        done.values().forEach(future -> future.complete(null));
        done.clear();
        notifyAll();
    }

    private synchronized void failWaiters() {
        waiters.values().forEach(future -> future.completeExceptionally(new IllegalStateException("not saved")));
        waiters.clear();
    }

    private void pruneWhenDue() {
        long now = clock.millis();
        if (lastPruneMillis != Long.MIN_VALUE && now - lastPruneMillis < PRUNE_INTERVAL.toMillis()) {
            return;
        }
        lastPruneMillis = now;
        try {
            long pruned = db.prune(head, prunedThrough(), KEEP_CHANGES, now - KEEP_FOR.toMillis(), now);
            synchronized (this) {
                prunedThrough = pruned;
            }
        } catch (SQLException e) {
            warnings.warn("prune", "Demo database pruning failed: {}", e.getMessage());
        }
    }

    /** Commits and broadcasts everything queued, then stops the writer and closes the database. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed && !thread.isAlive()) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Demo journal did not finish within 10 s");
        }
        db.close();
    }
}
