package com.flowcrm.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One kind of JSON object the mapper reads (a deal, a contact, an activity...): the names of its fields and the rule
 * that builds the model object from their values. The values come from a parsed tree or straight from a stream
 * ({@link #fields(JsonReader, String)}); both end in the same rule, so the two ways of reading can never disagree
 * on what a field means or how a bad one is reported. From a stream, the lists of records nested in a record (a
 * contact's communication history, a deal's activities...) are mapped item by item as they stream by
 * ({@link NestedLists}), never as trees: they are most of a contact list's text.
 */
final class RecordReader<T> implements ItemReader<T> {
    /** Builds the object from the values of its fields, indexed by the field's ordinal (null when absent). */
    @FunctionalInterface
    interface Rule<T> {
        T read(JsonElement[] fields, String path, MappingProblems p);
    }

    /**
     * The same for a record with nested lists: those read from a stream come mapped in {@code lists} (null when none
     * was, and always from a tree), their field's tree slot then null.
     */
    @FunctionalInterface
    interface NestingRule<T> {
        T read(JsonElement[] fields, NestedLists lists, String path, MappingProblems p);
    }

    /** A record's fields read from a stream: the small values as trees, the nested lists mapped. */
    record Fields(JsonElement[] values, NestedLists lists) {
    }

    private final MappingKeys<?> keys;
    private final NestingRule<T> rule;
    /** By field ordinal: the reader of the records of a nested list, or null for a field read as a tree. */
    private final RecordReader<?>[] nested;

    RecordReader(MappingKeys<?> keys, Rule<T> rule) {
        this.keys = keys;
        this.rule = (fields, lists, path, p) -> rule.read(fields, path, p);
        this.nested = new RecordReader<?>[keys.size()];
    }

    <K extends Enum<K>> RecordReader(MappingKeys<K> keys, NestingRule<T> rule, Map<K, RecordReader<?>> nestedLists) {
        this.keys = keys;
        this.rule = rule;
        this.nested = new RecordReader<?>[keys.size()];
        nestedLists.forEach((key, reader) -> nested[key.ordinal()] = reader);
    }

    /** From a tree: anything but an object is reported and yields null. */
    @Override
    public T read(JsonElement json, String path, MappingProblems p) {
        return ModelReaders.isObject(json, path, p) ? rule.read(keys.read(json.getAsJsonObject()), null, path, p) : null;
    }

    /**
     * The values of an object's fields, read from the stream (which must be at the object): unknown fields skipped
     * unread, the object itself never a tree, a nested list's records mapped as they stream by under
     * {@code path.field[i]} (their problems and a rule's failure kept for the record's rule, which reports them
     * where the tree's would be). When two spellings of one field are sent the later one wins, as with a tree; the
     * one difference: a tree keeps a name at its first place, so with {@code {"title":1,"name":2,"title":3}} (a name
     * sent twice around another spelling of its field) the tree takes 2 and the stream 3.
     */
    Fields fields(JsonReader in, String path) throws IOException {
        JsonElement[] values = new JsonElement[nested.length];
        NestedLists lists = null;
        in.beginObject();
        while (in.hasNext()) {
            int field = keys.ordinalOf(in.nextName());
            if (field < 0) {
                in.skipValue();
                continue;
            }
            RecordReader<?> items = nested[field];
            if (items != null && in.peek() == JsonToken.BEGIN_ARRAY) {
                if (lists == null) {
                    lists = new NestedLists(nested.length);
                }
                lists.put(field, items.streamList(in, path + "." + keys.nameAt(field)));
                values[field] = null;
            } else {
                values[field] = MappingKeys.value(in);
                if (lists != null) {
                    lists.remove(field);
                }
            }
        }
        in.endObject();
        return new Fields(values, lists);
    }

    /** The rule alone, on fields already read from a stream. */
    T fromFields(Fields fields, String path, MappingProblems p) {
        return rule.read(fields.values(), fields.lists(), path, p);
    }

    /**
     * A nested list from the stream, as {@link ModelReaders#items} maps its tree: each item at {@code path[i]}, an
     * item that is no object read as its small tree and reported, null results left out. A rule that throws (they
     * are written not to) fails the list as it would fail the tree's: the rest of the array is skipped unread.
     */
    private NestedLists.Mapped streamList(JsonReader in, String path) throws IOException {
        MappingProblems p = new MappingProblems();
        List<Object> values = new ArrayList<>();
        RuntimeException failure = null;
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) {
            if (failure != null) {
                in.skipValue();
                continue;
            }
            String itemPath = path + "[" + i + "]";
            try {
                T value;
                if (in.peek() == JsonToken.BEGIN_OBJECT) {
                    value = fromFields(fields(in, itemPath), itemPath, p);
                } else {
                    value = read(JsonParser.parseReader(in), itemPath, p);
                }
                if (value != null) {
                    values.add(value);
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        in.endArray();
        return new NestedLists.Mapped(values, p.list(), failure);
    }
}
