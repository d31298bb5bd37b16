package com.flowcrm.store;

import com.flowcrm.api.ApiException;
import com.flowcrm.api.CrmApi;
import com.flowcrm.common.DaemonThreads;
import com.flowcrm.common.Failures;
import com.flowcrm.local.Outbox;
import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.OutboxStatus;
import com.flowcrm.local.OutboxTarget;
import com.flowcrm.local.WorkspaceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox of the open workspace, on a thread of its own (never the UI thread, never the socket's). A pass
 * takes the {@link SendLease}, reads the outbox and sends every change that is due, oldest first; changes to one record
 * go in order (a change waiting for its next attempt holds back the later ones of its record), changes to other records
 * are not held up. Each change is checked against the server's record first ({@link OutgoingChange}). What happens:
 * <ul>
 *   <li>accepted, or already on the server: removed from the outbox with the server's answer as confirmed state;</li>
 *   <li>some fields changed on the server meanwhile: marked in conflict for those fields (the others were sent);</li>
 *   <li>refused (4xx): marked failed with the server's reason; the changes behind it still go;</li>
 *   <li>no answer (network, timeout) or 5xx: tried again later with backoff, the reason kept; a network failure ends the
 *       pass (the server cannot be reached for the others either);</li>
 *   <li>401 (the API client already refreshed the token once): the change stays waiting and the session is told it is
 *       no longer accepted; nothing more is sent until the rep signs in again.</li>
 * </ul>
 * A pass runs when woken (a change saved, the session live again, a retry asked for), when a change's next attempt is
 * due, and every {@link #POLL_EVERY} to pick up changes another process saved. Every step is reported to the
 * {@link Listener} on the sender thread.
 */
final class OutboxSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    /** How often the outbox is read again for changes another process (the command line) saved. */
    static final Duration POLL_EVERY = Duration.ofSeconds(10);
    private static final Duration LEASE_RETRY = Duration.ofSeconds(2);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration MAX_ENTRY_BACKOFF = Duration.ofMinutes(5);

    /** Told, on the sender thread, of every step; {@code stamp} orders them against reads of the outbox. */
    interface Listener {
        /** The entry moved on (sending, waiting for its next attempt, refused, in conflict). */
        void moved(OutboxEntry entry, long stamp, ServerAnswer answer);

        /** The server has the change now: the entry left the outbox. */
        void sent(OutboxEntry entry, long stamp, ServerAnswer answer);

        /** The whole outbox as read at the start of a pass; {@code stampBefore} was taken just before the read. */
        void read(List<OutboxEntry> outbox, long stampBefore);

        /** The server no longer accepts the session (401 after a refresh). */
        void refused(String reason);
    }

    /** What one pass did (the {@code sync} command prints it). */
    record PassResult(int sent, int alreadyApplied, int conflicts, int failed, boolean unreachable, boolean refused,
            boolean ran) {
        static final PassResult NOT_RUN = new PassResult(0, 0, 0, 0, false, false, false);
    }

    private final Supplier<CrmApi> api;
    private final Outbox outbox;
    private final SendLease lease;
    private final Clock clock;
    private final AtomicLong stamps;
    private final BooleanSupplier canSend;
    private final Listener listener;
    private final ScheduledExecutorService thread;
    private final Object scheduleLock = new Object();
    private ScheduledFuture<?> next;
    private Instant nextAt;
    private Duration backoff = FIRST_BACKOFF;
    private volatile boolean closed;
    private volatile boolean started;

    /**
     * @param canSend whether the session may send now (signed in with a token the server accepts)
     * @param stamps  counts the outbox steps this process saw committed (shared with the commands)
     */
    OutboxSender(Supplier<CrmApi> api, Outbox outbox, SendLease lease, Clock clock, AtomicLong stamps,
            BooleanSupplier canSend, Listener listener) {
        this.api = Objects.requireNonNull(api, "api");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stamps = Objects.requireNonNull(stamps, "stamps");
        this.canSend = Objects.requireNonNull(canSend, "canSend");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("flow-outbox"));
    }

    /** Starts the periodic reads; the first pass runs at once. */
    void start() {
        started = true;
        wake();
    }

    /** A pass as soon as possible (a change was saved, the session is live again, the rep asked for a retry). */
    void wake() {
        if (started) {
            schedule(Duration.ZERO);
        }
    }

    /** The session can send again (signed in anew, back online): the backoff starts over. */
    void online() {
        synchronized (scheduleLock) {
            backoff = FIRST_BACKOFF;
        }
        wake();
    }

    /**
     * One pass now, on the calling thread (the command line, "send now" at sign-out): every waiting change is sent,
     * also those waiting for their next attempt; waits up to {@code leaseWait} for the lease when another process (or
     * the background pass) is sending.
     */
    PassResult sendNow(Duration leaseWait) throws InterruptedException {
        if (!canSend.getAsBoolean()) {
            return PassResult.NOT_RUN;
        }
        if (!lease.acquire(leaseWait)) {
            LOG.info("Another Flow CRM process is sending this outbox; its changes are sent by it");
            return PassResult.NOT_RUN;
        }
        try {
            return passHoldingLease(true);
        } finally {
            lease.release();
        }
    }

    private void schedule(Duration delay) {
        if (closed || !started) {
            return;
        }
        Instant at = clock.instant().plus(delay);
        synchronized (scheduleLock) {
            if (next != null && !next.isDone() && nextAt != null && !nextAt.isAfter(at)) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            nextAt = at;
            try {
                next = thread.schedule(this::scheduledPass, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("Sender closed; no pass scheduled");
            }
        }
    }

    private void scheduledPass() {
        synchronized (scheduleLock) {
            nextAt = null;
        }
        Duration again = POLL_EVERY;
        try {
            if (!lease.tryAcquire()) {
                schedule(LEASE_RETRY);
                return;
            }
            PassResult result;
            try {
                result = canSend.getAsBoolean() ? passHoldingLease(false) : readOnly();
            } finally {
                lease.release();
            }
            if (result.unreachable()) {
                synchronized (scheduleLock) {
                    again = backoff;
                    backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                }
            } else if (result.ran()) {
                synchronized (scheduleLock) {
                    backoff = FIRST_BACKOFF;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Sending the waiting changes failed; trying again in {} s", again.toSeconds(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        schedule(again);
    }

    /** Not live: only the window's view of the outbox is brought up to date (another process may have changed it). */
    private PassResult readOnly() {
        long before = stamps.get();
        listener.read(outbox.list(), before);
        return PassResult.NOT_RUN;
    }

    /** @param now sends also what waits for its next attempt (the rep or a script asked for it) */
    private PassResult passHoldingLease(boolean now) throws InterruptedException {
        long before = stamps.get();
        List<OutboxEntry> all = outbox.list();
        listener.read(all, before);
        Set<OutboxTarget> heldBack = new HashSet<>();
        Instant clockNow = clock.instant();
        boolean sendAll = now;
        int sent = 0;
        int already = 0;
        int conflicts = 0;
        int failed = 0;
        Instant earliestDue = null;
        for (OutboxEntry entry : all) {
            if (closed || !canSend.getAsBoolean()) {
                break;
            }
            if (entry.status() == OutboxStatus.FAILED || entry.status() == OutboxStatus.CONFLICT
                    || heldBack.contains(entry.target())) {
                continue;
            }
            if (!sendAll && entry.nextAttemptAt() != null && clockNow.isBefore(entry.nextAttemptAt())) {
                heldBack.add(entry.target());
                earliestDue = earliestDue == null || entry.nextAttemptAt().isBefore(earliestDue)
                        ? entry.nextAttemptAt() : earliestDue;
                continue;
            }
            OutgoingChange.Outcome outcome = send(entry);
            switch (outcome) {
                case SENT -> sent++;
                case ALREADY_APPLIED -> already++;
                case CONFLICT -> conflicts++;
                case FAILED -> failed++;
                case RETRY_LATER -> heldBack.add(entry.target());
                case UNREACHABLE -> {
                    return new PassResult(sent, already, conflicts, failed, true, false, true);
                }
                case REFUSED -> {
                    return new PassResult(sent, already, conflicts, failed, false, true, true);
                }
                case GONE -> { }
            }
        }
        if (earliestDue != null) {
            schedule(Duration.between(clock.instant(), earliestDue).plusMillis(10));
        }
        if (sent + already + conflicts + failed > 0) {
            LOG.info("Outbox pass: sent {}, already applied {}, conflicts {}, failed {}", sent, already, conflicts, failed);
        }
        return new PassResult(sent, already, conflicts, failed, false, false, true);
    }

    private OutgoingChange.Outcome send(OutboxEntry listed) throws InterruptedException {
        OutboxEntry sending;
        try {
            sending = step(outbox.markSending(listed.id()));
        } catch (WorkspaceException e) {
            if (e.kind() == WorkspaceException.Kind.ENTRY_NOT_FOUND || e.kind() == WorkspaceException.Kind.WRONG_STATUS) {
                return OutgoingChange.Outcome.GONE; // discarded or resolved since the list was read
            }
            throw e;
        }
        listener.moved(sending, stamps.incrementAndGet(), null);
        // a change sent before whose answer never came (a crash mid-send, a timeout): it may be on the server already
        boolean answerUnknown = listed.status() == OutboxStatus.SENDING || listed.attempts() > 0;
        OutgoingChange change = new OutgoingChange(api.get(), sending, answerUnknown);
        try {
            OutgoingChange.Result result = change.send();
            return record(sending, result);
        } catch (ApiException e) {
            return failed(sending, e);
        }
    }

    /** Writes what the server said about a change that reached it. */
    private OutgoingChange.Outcome record(OutboxEntry entry, OutgoingChange.Result result) throws InterruptedException {
        if (!result.conflicts().isEmpty()) {
            OutboxEntry conflict = step(outbox.markConflict(entry.id(), result.conflicts()));
            listener.moved(conflict, stamps.incrementAndGet(), result.answer());
            return OutgoingChange.Outcome.CONFLICT;
        }
        step(outbox.markSent(entry.id(), result.confirmed()));
        listener.sent(entry, stamps.incrementAndGet(), result.answer());
        return result.sentSomething() ? OutgoingChange.Outcome.SENT : OutgoingChange.Outcome.ALREADY_APPLIED;
    }

    private OutgoingChange.Outcome failed(OutboxEntry entry, ApiException e) throws InterruptedException {
        String reason = e.getMessage() == null || e.getMessage().isBlank()
                ? "The server refused the change (HTTP " + e.status() + ")." : e.getMessage();
        switch (e.kind()) {
            case UNREACHABLE -> {
                Instant at;
                synchronized (scheduleLock) {
                    at = clock.instant().plus(backoff);
                }
                retryAt(entry, at, reason);
                return OutgoingChange.Outcome.UNREACHABLE;
            }
            case SERVER_ERROR, MALFORMED, STALE -> {
                retryAt(entry, clock.instant().plus(entryBackoff(entry.attempts())), reason);
                return OutgoingChange.Outcome.RETRY_LATER;
            }
            case UNAUTHORIZED -> {
                retryAt(entry, clock.instant(), OfflineSession.SIGN_IN_AGAIN);
                listener.refused(reason);
                return OutgoingChange.Outcome.REFUSED;
            }
            case FORBIDDEN, NOT_FOUND, REJECTED -> {
                OutboxEntry refused = step(outbox.markFailed(entry.id(), reason));
                listener.moved(refused, stamps.incrementAndGet(), null);
                return OutgoingChange.Outcome.FAILED;
            }
        }
        throw new IllegalStateException("Unknown failure kind " + e.kind());
    }

    private void retryAt(OutboxEntry entry, Instant at, String reason) throws InterruptedException {
        OutboxEntry waiting = step(outbox.scheduleRetry(entry.id(), at, reason));
        listener.moved(waiting, stamps.incrementAndGet(), null);
    }

    private static Duration entryBackoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts, 1), 9);
        return min(Duration.ofSeconds(seconds), MAX_ENTRY_BACKOFF);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Waits for an outbox step (the writer commits it); its failure is thrown as the WorkspaceException it is. */
    static <T> T step(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof WorkspaceException w) {
                throw w;
            }
            throw new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "Saving to the local copy failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "The local copy did not save in time.");
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (scheduleLock) {
            if (next != null) {
                next.cancel(false);
            }
        }
        DaemonThreads.stop(thread, "outbox sender", Duration.ofSeconds(5));
    }
}
