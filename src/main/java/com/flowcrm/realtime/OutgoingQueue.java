package com.flowcrm.realtime;

import com.flowcrm.common.WarningThrottle;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client has to send while it cannot: messages waiting for the next connect, in order, bounded (the
 * oldest is dropped and counted beyond the capacity), and the requests waiting for their ack. The queue belongs to
 * the scheduler thread; acks arrive on the read thread, so the pending requests are a concurrent map.
 */
final class OutgoingQueue {
    private static final Logger log = LoggerFactory.getLogger(OutgoingQueue.class);

    /** A message ready to send; {@code requestId} is set when an ack is awaited for it. */
    record Message(String event, String text, String requestId) {
    }

    /** Writes one frame to the open socket; throws when the socket closed under it. */
    @FunctionalInterface
    interface Sender {
        void send(String text);
    }

    private final int capacity;
    private final WarningThrottle warnings;
    private final ArrayDeque<Message> waiting = new ArrayDeque<>();
    private final ConcurrentHashMap<String, CompletableFuture<JsonObject>> awaitingAck = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private long dropped;

    OutgoingQueue(int capacity, WarningThrottle warnings) {
        this.capacity = capacity;
        this.warnings = warnings;
    }

    /** A new request id, unique for this client. Any thread. */
    String nextRequestId() {
        return "req-" + requestIds.incrementAndGet();
    }

    /**
     * Registers a request that waits for its ack; it fails with a {@link TimeoutException} when none arrives within
     * the timeout on the scheduler. Any thread.
     */
    CompletableFuture<JsonObject> awaitAck(String id, String event, Duration timeout, RealtimeScheduler scheduler) {
        CompletableFuture<JsonObject> future = new CompletableFuture<>();
        awaitingAck.put(id, future);
        RealtimeScheduler.Cancellable timer = scheduler.schedule(() -> {
            if (awaitingAck.remove(id, future)) {
                future.completeExceptionally(new TimeoutException("no ack for '" + event + "' (id " + id
                        + ") within " + timeout.toMillis() + " ms"));
            }
        }, timeout);
        future.whenComplete((result, error) -> {
            awaitingAck.remove(id, future);
            timer.cancel();
        });
        return future;
    }

    /** The ack for a request arrived (read thread); false when no request with that id is waiting. */
    boolean acknowledge(String id, JsonObject data) {
        CompletableFuture<JsonObject> future = awaitingAck.remove(id);
        if (future == null) {
            return false;
        }
        future.complete(data);
        return true;
    }

    /** Keeps the message for the next connect; beyond the capacity the oldest goes (and its request fails). */
    void add(Message message) {
        if (waiting.size() >= capacity) {
            Message oldest = waiting.pollFirst();
            dropped++;
            warnings.warn("queue-full", "Outgoing realtime queue full ({} messages); dropped the oldest ('{}')",
                    capacity, oldest.event());
            if (oldest.requestId() != null) {
                CompletableFuture<JsonObject> future = awaitingAck.remove(oldest.requestId());
                if (future != null) {
                    future.completeExceptionally(new IllegalStateException("request '" + oldest.event()
                            + "' dropped: outgoing queue full while offline"));
                }
            }
        }
        waiting.addLast(message);
    }

    /**
     * Sends the waiting messages in order; a message leaves the queue only once it is written, so when the socket
     * closes under the flush the rest stays for the next connect. Returns how many were sent.
     */
    int flush(Sender sender) {
        int sent = 0;
        while (!waiting.isEmpty()) {
            sender.send(waiting.peekFirst().text());
            waiting.pollFirst();
            sent++;
        }
        return sent;
    }

    /** Disconnect on purpose: waiting messages are discarded and every request fails with a cancellation. */
    void discard(String reason) {
        if (!waiting.isEmpty()) {
            log.info("Discarding {} queued realtime messages on disconnect", waiting.size());
        }
        waiting.clear();
        List<CompletableFuture<JsonObject>> requests = new ArrayList<>(awaitingAck.values());
        awaitingAck.clear();
        requests.forEach(f -> f.completeExceptionally(new CancellationException(reason)));
    }

    int size() {
        return waiting.size();
    }

    /** Messages dropped because the queue was full. */
    long dropped() {
        return dropped;
    }
}
