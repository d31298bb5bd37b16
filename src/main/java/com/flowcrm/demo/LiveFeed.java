package com.flowcrm.demo;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns each committed change into the frames the socket sends: {@code {"event", "data", "seq", "prev"}}, where
 * {@code prev} is the seq of the previous change the receiving user can see. Runs on the journal's thread only,
 * in seq order.
 *
 * <p>Why {@code prev}: seq is one global sequence, and a user never sees another user's notifications, so the seqs
 * a user receives have holes that are not losses. A client that has applied everything up to {@code prev} has
 * missed nothing; one whose cursor is below {@code prev} missed something and catches up.
 */
final class LiveFeed implements java.util.function.Consumer<ChangeEntry> {
    private final Supplier<DemoWebSocketHub> hub;
    private final Map<String, Long> lastVisible;

    /** {@code lastVisible}: per user, the newest seq in the log that user may see (or where the log starts). */
    LiveFeed(Supplier<DemoWebSocketHub> hub, Map<String, Long> lastVisible) {
        this.hub = hub;
        this.lastVisible = new HashMap<>(lastVisible);
    }

    @Override
    public void accept(ChangeEntry entry) {
        DemoWebSocketHub current = hub.get();
        if (entry.broadcast() && current != null) {
            Map<String, Long> prevs = Map.copyOf(lastVisible);
            current.broadcastChange(entry, userId -> frame(entry, prevs.get(userId)));
        }
        if (entry.recipient() == null) {
            lastVisible.replaceAll((user, seq) -> entry.seq());
        } else {
            lastVisible.put(entry.recipient(), entry.seq());
        }
    }

    static String frame(ChangeEntry entry, Long prev) {
        StringWriter text = new StringWriter(entry.dataJson().length() + 64);
        try (JsonWriter writer = new JsonWriter(text)) {
            writer.beginObject();
            writer.name("event").value(entry.event());
            writer.name("data").jsonValue(entry.dataJson());
            writer.name("seq").value(entry.seq());
            if (prev != null) {
                writer.name("prev").value(prev.longValue());
            }
            writer.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
