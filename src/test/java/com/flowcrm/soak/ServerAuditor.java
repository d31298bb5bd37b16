package com.flowcrm.soak;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's witness on the server side: follows the demo server's change log ({@code GET /sync/changes}, straight
 * to the server, through every restart) for the whole run and keeps what the checks need: how often each of the
 * clients' unique texts and values was applied, every stage a deal was in (by change number), and which change
 * numbers the log had reached at which moment. Doubles as the colleague who deletes the deals the simulator keeps
 * creating (half a minute after they appear), so that the data set stays at its size and the clients' heap
 * measures leaks, not a growing pipeline.
 */
final class ServerAuditor implements AutoCloseable {
    private static final Duration POLL_EVERY = Duration.ofMillis(250);
    static final Duration DELETE_AFTER = Duration.ofSeconds(30);

    /** A deal the simulator created, and when the auditor saw it. */
    private record Created(String id, long seenAt) {
    }

    /** One read of the log: when it was asked and answered, the cursor after it, and whether more was waiting. */
    private record Poll(long startedAt, long completedAt, long next, boolean hasMore) {
    }

    private final DirectRest rest;
    private final Object lock = new Object();
    private final Map<String, Integer> texts = new HashMap<>();
    private final Map<String, Integer> edits = new HashMap<>();
    private final Map<String, SeqStages> stages = new HashMap<>();
    private final Map<String, String> initialStage = new HashMap<>();
    private final Map<String, Long> eventsByName = new TreeMap<>();
    private final List<Poll> polls = new ArrayList<>();
    private final Deque<Created> created = new ArrayDeque<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean deleting = new AtomicBoolean(true);
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failedReads = new AtomicLong();
    private volatile long cursor;
    private volatile long firstCursor;
    private volatile String trouble;
    private Thread thread;

    ServerAuditor(DirectRest rest) {
        this.rest = rest;
    }

    /** Reads the deals (their stages and the change number they reflect) and starts following the log from there. */
    List<String> begin() throws IOException, InterruptedException {
        DirectRest.Reply deals = rest.get("/deals");
        if (!deals.ok() || deals.syncSeq() == null) {
            throw new IllegalStateException("the demo server has no change log to audit (GET /deals: " + deals.status() + ")");
        }
        List<String> ids = new ArrayList<>();
        synchronized (lock) {
            for (JsonElement deal : deals.body().getAsJsonArray()) {
                JsonObject d = deal.getAsJsonObject();
                initialStage.put(d.get("id").getAsString(), d.get("stage").getAsString());
                ids.add(d.get("id").getAsString());
            }
        }
        cursor = Long.parseLong(deals.syncSeq());
        firstCursor = cursor;
        running.set(true);
        thread = Thread.ofPlatform().daemon().name("soak-auditor").start(this::follow);
        return ids;
    }

    private void follow() {
        while (running.get()) {
            try {
                boolean more = readOnce();
                deleteOldCreatedDeals();
                if (!more) {
                    Thread.sleep(POLL_EVERY.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // the server is down or restarting: the log is durable, reading resumes from the same cursor
                failedReads.incrementAndGet();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** One page of the log; true when more is waiting. */
    private boolean readOnce() throws IOException, InterruptedException {
        long started = System.currentTimeMillis();
        DirectRest.Reply page = rest.get("/sync/changes?since=" + cursor + "&limit=5000");
        if (page.status() == 410) {
            trouble = "the auditor fell behind the change log (410 at cursor " + cursor + ")";
            running.set(false);
            return false;
        }
        if (!page.ok()) {
            throw new IOException("GET /sync/changes answered " + page.status());
        }
        JsonObject body = page.body().getAsJsonObject();
        long now = System.currentTimeMillis();
        synchronized (lock) {
            for (JsonElement change : body.getAsJsonArray("changes")) {
                JsonObject c = change.getAsJsonObject();
                index(c.get("seq").getAsLong(), c.get("event").getAsString(), c.getAsJsonObject("data"), now);
            }
            cursor = body.get("next").getAsLong();
            boolean hasMore = body.get("hasMore").getAsBoolean();
            polls.add(new Poll(started, now, cursor, hasMore));
            return hasMore;
        }
    }

    private void index(long seq, String event, JsonObject data, long now) {
        eventsByName.merge(event, 1L, Long::sum);
        switch (event) {
            case "deal:activity_added" -> {
                String text = string(data.getAsJsonObject("activity"), "description");
                if (text != null && text.startsWith(SoakChange.TOKEN_PREFIX)) {
                    texts.merge(data.get("dealId").getAsString() + "|" + text, 1, Integer::sum);
                }
            }
            case "deal:updated" -> {
                String id = data.get("id").getAsString();
                JsonObject changes = data.getAsJsonObject("changes");
                if (changes.has("value") && changes.get("value").isJsonPrimitive()) {
                    edits.merge(SoakChange.editKey(id, "value", SoakChange.valueText(changes.get("value").getAsDouble())),
                            1, Integer::sum);
                }
                String description = string(changes, "description");
                if (description != null && description.startsWith(SoakChange.TOKEN_PREFIX)) {
                    edits.merge(SoakChange.editKey(id, "description", description), 1, Integer::sum);
                }
                String stage = string(changes, "stage");
                if (stage != null) {
                    stagesOf(id).add(seq, stage);
                }
            }
            case "deal:stage_changed" -> stagesOf(data.get("id").getAsString()).add(seq, data.get("stage").getAsString());
            case "deal:created" -> {
                String id = data.get("id").getAsString();
                stagesOf(id).add(seq, data.get("stage").getAsString());
                created.add(new Created(id, now));
            }
            default -> {
                // contacts and notifications: counted only
            }
        }
    }

    private SeqStages stagesOf(String dealId) {
        return stages.computeIfAbsent(dealId, id -> new SeqStages());
    }

    private static String string(JsonObject object, String key) {
        if (object == null) {
            return null;
        }
        JsonElement value = object.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    /** The colleague who tidies up: deletes what the simulator created once it is half a minute old. */
    private void deleteOldCreatedDeals() throws IOException, InterruptedException {
        long due = System.currentTimeMillis() - DELETE_AFTER.toMillis();
        for (int i = 0; i < 50 && deleting.get(); i++) {
            Created next;
            synchronized (lock) {
                next = created.peek();
                if (next == null || next.seenAt() > due) {
                    return;
                }
                created.poll();
            }
            DirectRest.Reply reply;
            try {
                reply = rest.delete("/deals/" + next.id());
            } catch (IOException e) {
                synchronized (lock) {
                    created.addFirst(next);
                }
                throw e;
            }
            if (reply.ok()) {
                deleted.incrementAndGet();
            } else if (reply.status() != 404) {
                // put it back: the server is restarting; try again on the next round
                synchronized (lock) {
                    created.addFirst(next);
                }
                return;
            }
        }
    }

    /** No more deletions (the final phase compares a quiet server). */
    void stopDeleting() {
        deleting.set(false);
    }

    /** Reads the log until it has nothing new for a moment; false when that did not happen within the timeout. */
    boolean catchUp(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long asked = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            synchronized (lock) {
                if (!polls.isEmpty()) {
                    Poll last = polls.getLast();
                    if (last.startedAt() > asked && !last.hasMore()) {
                        return true;
                    }
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** How many times the server applied this activity text on this deal. */
    int activityApplied(String dealId, String text) {
        synchronized (lock) {
            return texts.getOrDefault(dealId + "|" + text, 0);
        }
    }

    /** How many times the server applied this unique field value on this deal. */
    int editApplied(String dealId, String field, String value) {
        synchronized (lock) {
            return edits.getOrDefault(SoakChange.editKey(dealId, field, value), 0);
        }
    }

    /**
     * Whether the deal was in this stage on the server at some moment between the two times (the stage move was
     * applied then, or the server already had it: a move to the stage a deal is in changes nothing and logs nothing).
     * The window is widened to the reads of the log around it, so the answer errs on the side of "it was there".
     */
    boolean stageHeld(String dealId, String stage, long fromMillis, long toMillis) {
        synchronized (lock) {
            long low = firstCursor;
            Long high = null;
            for (Poll poll : polls) {
                if (poll.completedAt() <= fromMillis) {
                    low = poll.next();
                }
                if (high == null && poll.startedAt() >= toMillis && !poll.hasMore()) {
                    high = poll.next();
                }
            }
            long upTo = high == null ? cursor : high;
            SeqStages history = stages.get(dealId);
            String atLow = history == null ? null : history.stageAtOrBefore(low);
            if (atLow == null) {
                atLow = initialStage.get(dealId);
            }
            if (stage.equals(atLow)) {
                return true;
            }
            return history != null && history.anyBetween(low, upTo, stage);
        }
    }

    Map<String, Long> eventsByName() {
        synchronized (lock) {
            return new TreeMap<>(eventsByName);
        }
    }

    long changesRead() {
        synchronized (lock) {
            return eventsByName.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    long deleted() {
        return deleted.get();
    }

    long failedReads() {
        return failedReads.get();
    }

    /** Why the audit cannot be trusted, or null. */
    String trouble() {
        return trouble;
    }

    @Override
    public void close() {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The stages a deal went through, by change number, in order. */
    private static final class SeqStages {
        private long[] seqs = new long[4];
        private String[] values = new String[4];
        private int size;

        void add(long seq, String stage) {
            if (size == seqs.length) {
                seqs = java.util.Arrays.copyOf(seqs, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            seqs[size] = seq;
            values[size] = stage.intern();
            size++;
        }

        String stageAtOrBefore(long seq) {
            String at = null;
            for (int i = 0; i < size && seqs[i] <= seq; i++) {
                at = values[i];
            }
            return at;
        }

        boolean anyBetween(long afterSeq, long upToSeq, String stage) {
            for (int i = 0; i < size; i++) {
                if (seqs[i] > afterSeq && seqs[i] <= upToSeq && values[i].equals(stage)) {
                    return true;
                }
            }
            return false;
        }
    }
}
