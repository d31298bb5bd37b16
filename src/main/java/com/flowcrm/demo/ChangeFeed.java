package com.flowcrm.demo;

import com.google.gson.stream.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code GET /sync/changes?since=N&limit=M}: the changes a user may see with {@code seq > since}, oldest first, as
 * {@code {"changes": [{seq, event, data}], "next": N2, "hasMore": bool}}. {@code next} is the cursor for the next
 * call: the seq of the last change of a full page, else the head of the log (everything up to it was read, also
 * the changes this user may not see). 410 when {@code since} is outside the log kept (older than its start, or
 * ahead of its head: a cursor of another log); 400 for a bad {@code since} or {@code limit}.
 */
final class ChangeFeed {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 5000;

    private final DemoJournal journal;

    ChangeFeed(DemoJournal journal) {
        this.journal = journal;
    }

    byte[] changes(Map<String, String> query, String userId) {
        long since = since(query.get("since"));
        int limit = limit(query.get("limit"));
        long head = journal.committedHead();
        long start = journal.prunedThrough();
        if (since < start) {
            throw new DemoRequestException(410, "cursor too old");
        }
        if (since > head) {
            throw new DemoRequestException(410, "cursor too old: " + since + " is not a change of this server's log,"
                    + " which ends at " + head + " (its data was replaced); load everything again");
        }
        DemoDatabase.Page page;
        try {
            page = journal.database().changes(since, head, limit, userId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the change log: " + e.getMessage(), e);
        }
        return json(page);
    }

    private static long since(String value) {
        if (value == null || value.isBlank()) {
            throw DemoRequestException.badRequest("since is required: the seq of the last change you applied"
                    + " (X-Sync-Seq of your snapshot to start)");
        }
        try {
            long since = Long.parseLong(value.trim());
            if (since < 0) {
                throw DemoRequestException.badRequest("since must not be negative");
            }
            return since;
        } catch (NumberFormatException e) {
            throw DemoRequestException.badRequest("since must be a whole number, was '" + abbreviate(value) + "'");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw DemoRequestException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw DemoRequestException.badRequest("limit must be a whole number, was '" + abbreviate(value) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 30 ? text.substring(0, 30) + "..." : text;
    }

    /** The stored event JSON goes out as it is, never parsed again. */
    private static byte[] json(DemoDatabase.Page page) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonWriter writer = new JsonWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            writer.beginObject();
            writer.name("changes").beginArray();
            for (DemoDatabase.Row row : page.rows()) {
                writer.beginObject();
                writer.name("seq").value(row.seq());
                writer.name("event").value(row.event());
                writer.name("data").jsonValue(row.dataJson());
                writer.endObject();
            }
            writer.endArray();
            writer.name("next").value(page.next());
            writer.name("hasMore").value(page.hasMore());
            writer.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
