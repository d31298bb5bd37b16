package com.flowcrm.local;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * One outbox change queued for the writer: it runs inside the writer's transaction and its future completes only
 * after that transaction committed (or fails when it rolled back). A step that finds the entry missing or in the
 * wrong status throws {@link WorkspaceException} before writing anything, which fails that step alone.
 */
final class OutboxStep<T> {
    /** The SQL work of a step, given the outbox rows of the writer's connection. */
    @FunctionalInterface
    interface Work<T> {
        T apply(OutboxRows rows) throws SQLException;
    }

    private final Work<T> work;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private T result;
    private WorkspaceException refusal;

    OutboxStep(Work<T> work) {
        this.work = work;
    }

    /** Runs in the transaction; a refusal is kept for the caller and does not abort the other steps. */
    void run(OutboxRows rows) throws SQLException {
        try {
            result = work.apply(rows);
        } catch (WorkspaceException e) {
            refusal = e;
        }
    }

    boolean refused() {
        return refusal != null;
    }

    void committed() {
        if (refusal != null) {
            future.completeExceptionally(refusal);
        } else {
            future.complete(result);
        }
    }

    void failed(Throwable cause) {
        future.completeExceptionally(cause);
    }
}
