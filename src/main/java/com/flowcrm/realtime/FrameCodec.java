package com.flowcrm.realtime;

import com.flowcrm.common.UrlRedaction;
import com.flowcrm.common.WarningThrottle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The protocol's frames both ways: {@code {event, data, id?}} envelopes written for sending, and text frames read
 * strictly on the socket read thread. A frame that is not JSON, or has no string {@code event}, or an ack without
 * {@code data.id}, is refused, counted and warned about (rate-limited); only a well-formed event or ack reaches the
 * listener. An event's top-level {@code seq} and {@code prev} (its place in the server's change log, issue 13) are
 * handed on as plain numbers, {@link RealtimeEventHandler#NO_SEQ} when absent; one that is not a seq is warned about
 * and treated as absent. Reading allocates nothing beyond the parser and the tree it builds.
 */
public final class FrameCodec {
    /** Event name of the server's reply to a request. */
    public static final String ACK_EVENT = "ack";
    private static final int PREVIEW_CHARS = 80;

    /** What a well-formed frame was; called on the thread that decodes. */
    public interface Listener {
        /**
         * @param event           the envelope's {@code event}
         * @param data            the envelope's {@code data} ({@code JsonNull} when absent)
         * @param seq             the envelope's {@code seq}, or {@link RealtimeEventHandler#NO_SEQ}
         * @param prev            the envelope's {@code prev}, or {@link RealtimeEventHandler#NO_SEQ}
         * @param receivedAtNanos {@link System#nanoTime()} when the frame was read
         */
        void event(String event, JsonElement data, long seq, long prev, long receivedAtNanos);

        /** The server's {@code {event: "ack", data: {id, ...}}} for the request with this id. */
        void ack(String requestId, JsonObject data);
    }

    private final Gson gson = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private final TypeAdapter<JsonElement> treeReader = gson.getAdapter(JsonElement.class);
    private final WarningThrottle warnings;
    private final AtomicLong nonJsonFrames = new AtomicLong();
    private final AtomicLong eventlessFrames = new AtomicLong();
    private final AtomicLong badSeqs = new AtomicLong();

    public FrameCodec(WarningThrottle warnings) {
        this.warnings = warnings;
    }

    /** Reads one text frame and tells the listener what it was; a refused frame is only counted. */
    public void decode(String text, long receivedAtNanos, Listener listener) {
        JsonElement root;
        try {
            // Not JsonParser: it is always lenient and would accept {event:'x'} or a bare word as JSON.
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            root = treeReader.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("trailing data after the JSON value");
            }
        } catch (IOException | JsonParseException | IllegalStateException e) {
            nonJsonFrames.incrementAndGet();
            warnings.warn("non-json", "Ignored a realtime frame that is not JSON: {}", preview(text));
            return;
        }
        JsonElement eventElement = root.isJsonObject() ? root.getAsJsonObject().get("event") : null;
        if (!(eventElement instanceof JsonPrimitive primitive) || !primitive.isString()
                || primitive.getAsString().isBlank()) {
            eventlessFrames.incrementAndGet();
            warnings.warn("no-event", "Ignored a realtime frame without a string 'event': {}", preview(text));
            return;
        }
        String event = primitive.getAsString();
        JsonObject envelope = root.getAsJsonObject();
        JsonElement data = envelope.get("data");
        if (data == null) {
            data = JsonNull.INSTANCE;
        }
        if (!ACK_EVENT.equals(event)) {
            listener.event(event, data, seqOf(envelope, "seq", text), seqOf(envelope, "prev", text), receivedAtNanos);
            return;
        }
        JsonElement id = data.isJsonObject() ? data.getAsJsonObject().get("id") : null;
        if (!(id instanceof JsonPrimitive idValue) || idValue.isBoolean()) {
            eventlessFrames.incrementAndGet();
            warnings.warn("ack-without-id", "Ignored an ack without data.id: {}", preview(text));
            return;
        }
        listener.ack(idValue.getAsString(), data.getAsJsonObject());
    }

    /**
     * A top-level seq of the envelope: a whole number of at least 0, also as digits in a string (Gson keeps the
     * digits, so 16-digit seqs are exact); {@link RealtimeEventHandler#NO_SEQ} when absent or not a seq.
     */
    private long seqOf(JsonObject envelope, String key, String text) {
        JsonElement value = envelope.get(key);
        if (value == null || value.isJsonNull()) {
            return RealtimeEventHandler.NO_SEQ;
        }
        if (value instanceof JsonPrimitive primitive && !primitive.isBoolean()) {
            try {
                long seq = Long.parseLong(primitive.getAsString().strip());
                if (seq >= 0) {
                    return seq;
                }
            } catch (NumberFormatException e) {
                // a fraction, an exponent or out of range: no seq, warned about below
            }
        }
        badSeqs.incrementAndGet();
        warnings.warn("bad-seq", "Ignored a '{}' that is not a seq in a realtime frame: {}", key, preview(text));
        return RealtimeEventHandler.NO_SEQ;
    }

    /** The frame {@code {event, data}} (and {@code id} when not null) as text. */
    public String encode(String event, JsonElement data, String id) {
        JsonObject envelope = new JsonObject();
        envelope.addProperty("event", event);
        envelope.add("data", data == null ? JsonNull.INSTANCE : data);
        if (id != null) {
            envelope.addProperty("id", id);
        }
        return gson.toJson(envelope);
    }

    /** Data for an envelope: a JSON tree as it is, anything else through Gson, null as JSON null. */
    public JsonElement toJson(Object data) {
        if (data instanceof JsonElement element) {
            return element;
        }
        return data == null ? JsonNull.INSTANCE : gson.toJsonTree(data);
    }

    /** Text frames that were not JSON. */
    public long nonJsonFrames() {
        return nonJsonFrames.get();
    }

    /** JSON frames without a string {@code event}, and acks without {@code data.id}. */
    public long eventlessFrames() {
        return eventlessFrames.get();
    }

    /** {@code seq} or {@code prev} values that were not a seq (the event itself was handed on without them). */
    public long badSeqs() {
        return badSeqs.get();
    }

    /** The start of a frame for a log line: control characters replaced, tokens redacted. */
    static String preview(String text) {
        String shortened = text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "...";
        return UrlRedaction.redact(shortened.replaceAll("\\p{Cntrl}", "?"));
    }
}
