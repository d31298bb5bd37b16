package com.flowcrm.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list answer read while it streams in, for {@link JsonMapper}: each item is read from the text and mapped as it
 * arrives, so that neither the whole text nor a tree of it is ever held (a tree of 50,000 contacts is several times
 * the text's size). The result equals that of the tree mapper on the same text: the same wrappers
 * ({@code {"data": [...]}}...), the same rules per item ({@link RecordReader}), the same problems. The text is read
 * leniently, as {@link JsonParser} reads it; text that is not JSON fails the whole list with a
 * {@link JsonSyntaxException}, a reader that fails with a {@link JsonIOException} (its cause is the reader's).
 */
final class StreamingLists {
    private StreamingLists() {
    }

    static <T> MappedList<T> read(Reader text, String name, RecordReader<T> reader) {
        JsonReader in = new JsonReader(text);
        in.setStrictness(Strictness.LENIENT);
        try {
            return TextPool.sharing(() -> {
                try {
                    return readDocument(in, name, reader);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            // JsonReader's own complaints: the text is not JSON (a stream that ends early is one)
            if (cause instanceof MalformedJsonException || cause instanceof EOFException) {
                throw new JsonSyntaxException(cause);
            }
            throw new JsonIOException(cause);
        } catch (NumberFormatException e) {
            throw new JsonSyntaxException(e);
        }
    }

    private static <T> MappedList<T> readDocument(JsonReader in, String name, RecordReader<T> reader) throws IOException {
        MappedList<T> result;
        boolean nullDocument = false;
        switch (peekOrEnd(in)) {
            case BEGIN_ARRAY -> result = array(in, name, reader);
            case BEGIN_OBJECT -> result = wrapped(in, name, reader);
            case END_DOCUMENT -> {
                // nothing at all: JsonParser makes that a JSON null
                result = notAList(JsonNull.INSTANCE, name);
                nullDocument = true;
            }
            default -> {
                JsonElement other = JsonParser.parseReader(in);
                nullDocument = other.isJsonNull();
                result = notAList(other, name);
            }
        }
        // as JsonParser.parseReader(Reader): one value, nothing after it (it does not look past a null)
        if (!nullDocument && in.peek() != JsonToken.END_DOCUMENT) {
            throw new JsonSyntaxException("Did not consume the entire document.");
        }
        return result;
    }

    private static JsonToken peekOrEnd(JsonReader in) throws IOException {
        try {
            return in.peek();
        } catch (EOFException empty) {
            return JsonToken.END_DOCUMENT;
        }
    }

    private static <T> MappedList<T> array(JsonReader in, String path, RecordReader<T> reader) throws IOException {
        MappingProblems p = new MappingProblems();
        List<T> values = new ArrayList<>();
        int skipped = 0;
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) {
            String itemPath = path + "[" + i + "]";
            T value;
            if (in.peek() == JsonToken.BEGIN_OBJECT) {
                RecordReader.Fields fields = reader.fields(in, itemPath);
                value = JsonMapper.guarded(itemPath, p, () -> reader.fromFields(fields, itemPath, p));
            } else {
                JsonElement item = JsonParser.parseReader(in);
                value = JsonMapper.guarded(itemPath, p, () -> reader.read(item, itemPath, p));
            }
            if (value == null) {
                skipped++;
            } else {
                values.add(value);
            }
        }
        in.endArray();
        return new MappedList<>(values, p.list(), skipped);
    }

    /**
     * An object around the list: the array under data, the list's own name, items or results, preferred in that
     * order (as the tree mapper does); every such array is read as it streams by, the preferred one kept. Other
     * members are small (paging, totals) and kept as trees, so that an object without a list is reported with the
     * same quote as by the tree mapper.
     */
    private static <T> MappedList<T> wrapped(JsonReader in, String name, RecordReader<T> reader) throws IOException {
        List<String> preferred = JsonMapper.listWrapperKeys(name);
        List<MappedList<T>> found = new ArrayList<>(preferred.size());
        for (int i = 0; i < preferred.size(); i++) {
            found.add(null);
        }
        JsonObject others = new JsonObject();
        in.beginObject();
        while (in.hasNext()) {
            String key = in.nextName();
            int rank = preferred.indexOf(key);
            if (rank >= 0 && in.peek() == JsonToken.BEGIN_ARRAY) {
                found.set(rank, array(in, name, reader));
                // holds the member's place, as a tree would, should a later value under the same name replace it
                others.add(key, JsonNull.INSTANCE);
            } else {
                if (rank >= 0) {
                    // a later value under the same name replaces an array read before it, as in a tree
                    found.set(rank, null);
                }
                others.add(key, JsonParser.parseReader(in));
            }
        }
        in.endObject();
        for (MappedList<T> list : found) {
            if (list != null) {
                return list;
            }
        }
        return notAList(others, name);
    }

    private static <T> MappedList<T> notAList(JsonElement json, String path) {
        return JsonMapper.notAList(json, path);
    }
}
