package com.flowcrm.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace's one writer thread and its one connection. Callers only put work into {@link PendingWrites} under a
 * short lock and return; the thread takes everything pending at once and commits it as one transaction, so a burst of
 * events costs a few transactions, not one each. {@code synchronous} is chosen per transaction: FULL when it holds
 * outbox work (a rep's change must survive a power cut once it shows as saved), NORMAL for confirmed state only
 * (WAL keeps it consistent after a power cut; the cursor goes back with the records, so a lost tail is re-fetched).
 *
 * <p>When a transaction fails, its outbox steps and flushes fail at once (their callers tell the rep); its confirmed
 * state goes back in front of newer work and is retried after a back-off (1 s doubling to 30 s, or at once when a
 * caller waits on new work), so the cursor never gets ahead of records that are not on disk.
 */
final class WorkspaceWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceWriter.class);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /** Told about write failures and recovery, on the writer thread; must return quickly. */
    interface ProblemListener {
        void writeFailed(WorkspaceException problem);

        void writeRecovered();
    }

    private final Connection connection;
    private final Path file;
    private final Object lock = new Object();
    private final Thread thread;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong failedTransactions = new AtomicLong();
    private final AtomicLong recordsWritten = new AtomicLong();
    private volatile ProblemListener listener;
    private volatile WorkspaceException lastProblem;

    // Guarded by lock.
    private PendingWrites pending = new PendingWrites();
    private boolean closing;
    private boolean finalAttemptMade;
    private long retryAtNanos;
    private long backoffNanos = FIRST_BACKOFF_NANOS;
    private String currentSynchronous = "";

    WorkspaceWriter(Connection connection, Path file, String threadName) {
        this.connection = connection;
        this.file = file;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        // nanoTime has an arbitrary origin (it may be negative): "no back-off" is "due now", never 0.
        this.retryAtNanos = System.nanoTime();
    }

    void start() {
        thread.start();
    }

    void setListener(ProblemListener listener) {
        this.listener = listener;
    }

    WorkspaceException lastProblem() {
        return lastProblem;
    }

    /** Adds work to what is pending; never blocks on the database. Throws when the workspace is closed. */
    void submit(Consumer<PendingWrites> change) {
        synchronized (lock) {
            if (closing) {
                throw new WorkspaceException(WorkspaceException.Kind.CLOSED, "The local copy " + file.getFileName()
                        + " is closed: nothing more can be saved to it.");
            }
            change.accept(pending);
            lock.notifyAll();
        }
    }

    /** Queues an outbox step; a closed workspace fails its future instead of throwing. */
    <T> CompletableFuture<T> submitStep(OutboxStep<T> step) {
        try {
            submit(p -> p.outbox.add(step));
        } catch (WorkspaceException e) {
            step.failed(e);
        }
        return step.future;
    }

    CompletableFuture<Void> flush() {
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        try {
            submit(p -> p.flushes.add(flushed));
        } catch (WorkspaceException e) {
            flushed.completeExceptionally(e);
        }
        return flushed;
    }

    WorkspaceStats stats() {
        int pendingRecords;
        synchronized (lock) {
            pendingRecords = pending.recordCount();
        }
        return new WorkspaceStats(transactions.get(), failedTransactions.get(), recordsWritten.get(), pendingRecords);
    }

    private void run() {
        while (true) {
            PendingWrites batch;
            synchronized (lock) {
                while (!closing && !readyLocked()) {
                    waitLocked();
                }
                if (closing) {
                    // One last attempt for what is pending; what fails then is reported by close().
                    if (pending.isEmpty() || finalAttemptMade) {
                        return;
                    }
                    finalAttemptMade = true;
                }
                batch = pending;
                pending = new PendingWrites();
            }
            commit(batch);
        }
    }

    private boolean readyLocked() {
        if (pending.isEmpty()) {
            return false;
        }
        return pending.isAwaited() || System.nanoTime() - retryAtNanos >= 0;
    }

    private void waitLocked() {
        try {
            if (pending.isEmpty()) {
                lock.wait();
            } else {
                long waitNanos = retryAtNanos - System.nanoTime();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, waitNanos);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    private void commit(PendingWrites batch) {
        runConnectionTasks(batch);
        if (!batch.hasStateWork() && batch.outbox.isEmpty()) {
            // Only flushes: everything asked for before them is already committed (or reported failed).
            batch.flushes.forEach(f -> f.complete(null));
            return;
        }
        try {
            writeTransaction(batch);
        } catch (SQLException | RuntimeException e) {
            failed(batch, e);
            return;
        }
        transactions.incrementAndGet();
        recordsWritten.addAndGet(batch.recordCount());
        batch.outbox.forEach(OutboxStep::committed);
        batch.flushes.forEach(f -> f.complete(null));
        synchronized (lock) {
            backoffNanos = FIRST_BACKOFF_NANOS;
            retryAtNanos = System.nanoTime();
        }
        if (lastProblem != null) {
            lastProblem = null;
            LOG.info("Writing the local copy {} works again", file.getFileName());
            ProblemListener l = listener;
            if (l != null) {
                l.writeRecovered();
            }
        }
    }

    /** Connection-level tasks, outside any transaction; each completes on its own. */
    private void runConnectionTasks(PendingWrites batch) {
        if (batch.connectionTasks.isEmpty()) {
            return;
        }
        OutboxRows rows = new OutboxRows(connection);
        for (OutboxStep<?> task : batch.connectionTasks) {
            try {
                task.run(rows);
                task.committed();
            } catch (SQLException | RuntimeException e) {
                task.failed(e);
            }
        }
        batch.connectionTasks.clear();
    }

    /** Runs {@code work} on the writer's connection before the next transaction (tests: connection limits). */
    <T> CompletableFuture<T> onConnection(OutboxStep.Work<T> work) {
        OutboxStep<T> task = new OutboxStep<>(work);
        try {
            submit(p -> p.connectionTasks.add(task));
        } catch (WorkspaceException e) {
            task.failed(e);
        }
        return task.future;
    }

    private void writeTransaction(PendingWrites batch) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // synchronous cannot change inside a transaction: set it before BEGIN, only when it differs.
            String synchronous = batch.touchesOutbox() ? "FULL" : "NORMAL";
            if (!synchronous.equals(currentSynchronous)) {
                s.execute("PRAGMA synchronous = " + synchronous);
                currentSynchronous = synchronous;
            }
            s.execute("BEGIN IMMEDIATE");
            try {
                if (batch.reload != null) {
                    ConfirmedRows.replaceAll(connection, batch.reload);
                }
                if (!batch.records.isEmpty()) {
                    ConfirmedRows.write(connection, batch.records);
                }
                if (batch.userJson != null) {
                    ConfirmedRows.saveUser(connection, batch.userJson);
                }
                if (!batch.sync.isEmpty()) {
                    ConfirmedRows.writeSync(connection, batch.sync);
                }
                if (!batch.outbox.isEmpty()) {
                    runSteps(s, batch.outbox);
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(s);
                throw e;
            }
        }
    }

    /** Each step in a savepoint, so a refused step (wrong status) leaves nothing behind and the others still commit. */
    private void runSteps(Statement s, List<OutboxStep<?>> steps) throws SQLException {
        OutboxRows rows = new OutboxRows(connection);
        for (OutboxStep<?> step : steps) {
            s.execute("SAVEPOINT step");
            step.run(rows);
            if (step.refused()) {
                s.execute("ROLLBACK TO step");
            }
            s.execute("RELEASE step");
        }
    }

    private void rollbackQuietly(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite rolls back by itself on some errors (SQLITE_FULL among them); nothing is left to undo then.
            LOG.debug("Rollback after a failed write found no transaction: {}", e.getMessage());
        }
    }

    private void failed(PendingWrites batch, Exception e) {
        failedTransactions.incrementAndGet();
        WorkspaceException problem = e instanceof SQLException sql
                ? SqliteFailures.classify(sql, file, "save to the local copy")
                : e instanceof WorkspaceException w ? w
                : new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE,
                        "Could not save to the local copy " + file.getFileName() + ": " + e, e);
        batch.outbox.forEach(step -> step.failed(problem));
        batch.flushes.forEach(f -> f.completeExceptionally(problem));
        boolean retrying = batch.hasStateWork();
        synchronized (lock) {
            if (retrying) {
                pending = batch.stateWorkThen(pending);
                retryAtNanos = System.nanoTime() + backoffNanos;
                backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS);
            }
        }
        boolean first = lastProblem == null;
        lastProblem = problem;
        if (first) {
            LOG.warn("{} ({}){}", problem.getMessage(), e.getMessage(), retrying ? "; the confirmed data will be retried" : "");
        } else {
            LOG.debug("Writing the local copy still fails: {}", e.getMessage());
        }
        ProblemListener l = listener;
        if (l != null) {
            l.writeFailed(problem);
        }
    }

    /**
     * Stops taking work, lets the thread commit what is pending (one attempt), waits for it (at most 30 s) and closes
     * the connection. Blocks: call it from a background thread or at exit, never from the FX thread.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            retryAtNanos = System.nanoTime();
            lock.notifyAll();
        }
        try {
            if (thread.isAlive() && Thread.currentThread() != thread) {
                thread.join(CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PendingWrites left;
        synchronized (lock) {
            left = pending;
            pending = new PendingWrites();
        }
        WorkspaceException closed = new WorkspaceException(WorkspaceException.Kind.CLOSED,
                "The local copy " + file.getFileName() + " was closed before this could be saved.");
        left.outbox.forEach(step -> step.failed(closed));
        left.flushes.forEach(f -> f.completeExceptionally(closed));
        left.connectionTasks.forEach(t -> t.failed(closed));
        if (left.hasStateWork()) {
            LOG.warn("Closed the local copy {} with {} confirmed records not saved ({}); the next sync brings them again",
                    file.getFileName(), left.recordCount(), lastProblem == null ? "writer stopped" : lastProblem.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the write connection of {}: {}", file.getFileName(), e.getMessage());
        }
    }
}
