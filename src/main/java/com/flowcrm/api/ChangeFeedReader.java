package com.flowcrm.api;

import com.flowcrm.model.change.RemoteEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a page of {@code GET /sync/changes} for {@link JsonMapper#changePage}: the envelope strictly (a page the client
 * cannot place in the log is no page at all), each entry's event as a live event is read. An entry that cannot be
 * applied (no usable seq, an unknown event, a bad payload) stays in the page as a failed mapping, so that the caller
 * counts and skips it and still moves past it. Stateless.
 */
final class ChangeFeedReader {
    private ChangeFeedReader() {
    }

    static Mapped<ChangePage> read(JsonMapper mapper, JsonElement json, long since) {
        if (json == null || !json.isJsonObject()) {
            return Mapped.failed("changes", "not an object: " + describe(json));
        }
        JsonObject page = json.getAsJsonObject();
        JsonElement changesJson = page.get("changes");
        if (changesJson == null || !changesJson.isJsonArray()) {
            return Mapped.failed("changes", "'changes' is not a list");
        }
        long next = seqOf(page.get("next"));
        if (next < 0) {
            return Mapped.failed("changes", "'next' is not a seq: " + describe(page.get("next")));
        }
        Boolean hasMore = hasMore(page.get("hasMore"));
        if (hasMore == null) {
            return Mapped.failed("changes", "'hasMore' is not true or false: " + describe(page.get("hasMore")));
        }
        JsonArray array = changesJson.getAsJsonArray();
        List<ChangePage.Entry> entries = new ArrayList<>(array.size());
        long last = since;
        for (int i = 0; i < array.size(); i++) {
            ChangePage.Entry entry = entry(mapper, array.get(i), i, last);
            if (entry.seq() > last) {
                last = entry.seq();
            }
            entries.add(entry);
        }
        // the cursor must move forward, or a client paging "until hasMore is false" would ask for the same page forever
        if (next < last || (hasMore && next <= since)) {
            return Mapped.failed("changes", "'next' " + next + " is behind the changes of the page (since " + since
                    + ", last change " + last + (hasMore ? ", more to come" : "") + ")");
        }
        return Mapped.clean(new ChangePage(entries, next, hasMore));
    }

    private static ChangePage.Entry entry(JsonMapper mapper, JsonElement json, int index, long previous) {
        String path = "changes[" + index + "]";
        if (json == null || !json.isJsonObject()) {
            return new ChangePage.Entry(-1, null, Mapped.failed(path, "not an object: " + describe(json)));
        }
        JsonObject o = json.getAsJsonObject();
        JsonElement eventJson = o.get("event");
        String event = eventJson instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
        long seq = seqOf(o.get("seq"));
        if (seq < 0) {
            return new ChangePage.Entry(-1, event, Mapped.failed(path + ".seq", "not a seq: " + describe(o.get("seq"))));
        }
        if (seq <= previous) {
            return new ChangePage.Entry(seq, event,
                    Mapped.failed(path + ".seq", seq + " is not after the change before it (" + previous + ")"));
        }
        if (event == null || event.isBlank()) {
            return new ChangePage.Entry(seq, null, Mapped.failed(path + ".event", "missing event name"));
        }
        JsonElement data = o.get("data");
        Mapped<RemoteEvent> change = mapper.event(event, data);
        return new ChangePage.Entry(seq, event, change);
    }

    /** A seq: a whole number of at least 0 (as a number or digits); -1 when it is none. */
    static long seqOf(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
            return -1;
        }
        return MappingValues.wholeNumber(e.getAsString().strip());
    }

    private static String describe(JsonElement e) {
        return e == null ? "missing" : MappingValues.quote(e);
    }

    private static Boolean hasMore(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        String text = p.getAsString().strip();
        return "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }
}
