package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.ChangePage;
import com.flowcrm.api.CrmApi;
import com.flowcrm.common.Failures;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the stores up to date from the server's change log (issue 13) instead of reloading everything: live changes
 * wait ({@link ChangeOrder#stall}), {@code GET /sync/changes} is read page by page from the stores' position until
 * {@code hasMore} is false, each page applied on the UI thread like live events (same counters, same rejection of
 * bad entries), and then the changes that waited follow, each once. {@link StoreSync} decides when (after a
 * reconnect, at start-up with a cursor, on a gap in the live seqs) and falls back to the full reload when this says
 * so: a 404 (the server has no change log; remembered for the session) or a 410 (the cursor is older than what the
 * server keeps, or from another log). Any thread; one catch-up at a time (StoreSync serializes them).
 */
final class CatchUp {
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    /** Changes asked for per page: the server's default; a few hundred changes are one page. */
    static final int PAGE_SIZE = 1000;

    /** What a catch-up came to. */
    enum Outcome {
        /** The stores hold everything up to the log's head, and the live changes that waited. */
        CAUGHT_UP,
        /** The log cannot serve this client (404, 410, no position): the caller loads everything; live changes still wait. */
        RELOAD,
        /** The session ended (or began anew) meanwhile: nothing more was applied. */
        ENDED
    }

    /** Whether the server keeps a change log this client can resume from. */
    enum Support { UNKNOWN, SUPPORTED, UNSUPPORTED }

    private final RootStore root;
    private final SessionAuth auth;
    private final SyncCursor cursor;
    private final Clock clock;
    private volatile Support support = Support.UNKNOWN;
    private volatile SyncStatus.LastCatchUp last;

    CatchUp(RootStore root, SessionAuth auth, SyncCursor cursor, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.cursor = Objects.requireNonNull(cursor, "cursor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    SyncCursor cursor() {
        return cursor;
    }

    /** A session begins (maybe against another server): what the last one supported is not known for this one. */
    void beginSession(Runnable onGap) {
        support = Support.UNKNOWN;
        root.dispatcher().submit(() -> root.changeOrder().attach(cursor, onGap));
    }

    /**
     * The lowest {@code X-Sync-Seq} of a full load's lists tells whether the server keeps a change log: the position
     * the stores take from them, or none (no header, or a 404 on the log earlier in this session).
     */
    OptionalLong positionFromLists(OptionalLong listsSeq) {
        if (support == Support.UNSUPPORTED) {
            return OptionalLong.empty();
        }
        support = listsSeq.isPresent() ? Support.SUPPORTED : Support.UNSUPPORTED;
        if (listsSeq.isEmpty()) {
            log.info("The server sends no X-Sync-Seq with its lists: it has no change log, so every reconnect reloads everything");
        }
        return listsSeq;
    }

    /**
     * Whether a catch-up is worth trying: the server was not found without a change log. {@link #run} itself answers
     * {@link Outcome#RELOAD} when the stores have no place in the log (the cursor hears of a new position only at the
     * end of the batch that reached it, so the position on the UI thread decides).
     */
    boolean mayResume() {
        return support != Support.UNSUPPORTED;
    }

    /** Whether the cursor has a place in the log to resume from (start-up with a cursor kept from before). */
    boolean canResume() {
        return mayResume() && cursor.position().isPresent();
    }

    /** How the next reconnect catches up; any thread. */
    SyncStatus status() {
        OptionalLong position = cursor.position();
        SyncStatus.Mode mode = switch (support) {
            case UNKNOWN -> position.isPresent() ? SyncStatus.Mode.RESUME : SyncStatus.Mode.UNKNOWN;
            case SUPPORTED -> position.isPresent() ? SyncStatus.Mode.RESUME : SyncStatus.Mode.FULL_RELOAD;
            case UNSUPPORTED -> SyncStatus.Mode.FULL_RELOAD;
        };
        return new SyncStatus(mode, position.orElse(-1), last);
    }

    /**
     * Runs one catch-up for the session of {@code generation}. Completes on the UI thread with the outcome; fails with
     * the cause when the log could not be read (the changes that waited are then applied as they are, see
     * {@link ChangeOrder#abandon}); a 401 is such a failure and the caller ends the session.
     */
    CompletableFuture<Outcome> run(long generation) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        long startedNanos = System.nanoTime();
        root.dispatcher().submit(() -> {
            if (ended(generation, done)) {
                return;
            }
            ChangeOrder order = root.changeOrder();
            if (!order.isAttached() || order.position() == ChangeOrder.NONE) {
                done.complete(Outcome.RELOAD);
                return;
            }
            order.stall();
            long from = order.position();
            fetch(from, generation, new Progress(from, startedNanos), done);
        });
        return done;
    }

    private void fetch(long since, long generation, Progress progress, CompletableFuture<Outcome> done) {
        CrmApi api = auth.api();
        CompletableFuture<ChangePage> page;
        try {
            page = api.changesSince(since, PAGE_SIZE);
        } catch (RuntimeException e) {
            page = CompletableFuture.failedFuture(e);
        }
        page.whenComplete((read, error) -> root.dispatcher().submit(() -> {
            if (ended(generation, done)) {
                return;
            }
            if (error != null) {
                failed(Failures.unwrap(error), since, done);
                return;
            }
            root.applyChangePage(read);
            progress.pages++;
            progress.changes += read.changes().size();
            if (read.hasMore()) {
                fetch(read.next(), generation, progress, done);
                return;
            }
            ChangeOrder order = root.changeOrder();
            long to = order.position();
            order.release();
            support = Support.SUPPORTED;
            Duration took = Duration.ofNanos(System.nanoTime() - progress.startedNanos);
            last = new SyncStatus.LastCatchUp(clock.instant(), progress.from, to, progress.changes, progress.pages, took);
            log.info("Caught up from change {} to {}: {} changes in {} page(s), {} ms", progress.from, to,
                    progress.changes, progress.pages, took.toMillis());
            done.complete(Outcome.CAUGHT_UP);
        }));
    }

    /** On the UI thread: a page could not be read. */
    private void failed(Throwable cause, long since, CompletableFuture<Outcome> done) {
        if (cause instanceof ApiException e && e.kind() == ApiException.Kind.NOT_FOUND) {
            support = Support.UNSUPPORTED;
            log.info("The server has no change log (404 on /sync/changes): reloading everything after each reconnect");
            done.complete(Outcome.RELOAD);
            return;
        }
        if (cause instanceof ApiException e && e.status() == 410) {
            log.info("The server no longer has the changes after {} ({}): reloading everything once", since, e.getMessage());
            root.changeOrder().forget();
            done.complete(Outcome.RELOAD);
            return;
        }
        log.warn("Catching up from change {} failed: {}", since, cause.getMessage());
        root.changeOrder().abandon();
        done.completeExceptionally(cause);
    }

    private boolean ended(long generation, CompletableFuture<Outcome> done) {
        if (auth.generation() != generation || !auth.isActive()) {
            done.complete(Outcome.ENDED);
            return true;
        }
        return false;
    }

    /** What one catch-up read so far; touched on the UI thread only. */
    private static final class Progress {
        final long from;
        final long startedNanos;
        int pages;
        int changes;

        Progress(long from, long startedNanos) {
            this.from = from;
            this.startedNanos = startedNanos;
        }
    }
}
