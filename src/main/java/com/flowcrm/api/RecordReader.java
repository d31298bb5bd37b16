package com.flowcrm.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;

/**
 * One kind of JSON object the mapper reads (a deal, a contact, an activity...): the names of its fields and the rule
 * that builds the model object from their values. The values come from a parsed tree or straight from a stream
 * ({@link MappingKeys#read(JsonReader)}); both end in the same rule, so the two ways of reading can never disagree
 * on what a field means or how a bad one is reported.
 */
final class RecordReader<T> implements ItemReader<T> {
    /** Builds the object from the values of its fields, indexed by the field's ordinal (null when absent). */
    @FunctionalInterface
    interface Rule<T> {
        T read(JsonElement[] fields, String path, MappingProblems p);
    }

    private final MappingKeys<?> keys;
    private final Rule<T> rule;

    RecordReader(MappingKeys<?> keys, Rule<T> rule) {
        this.keys = keys;
        this.rule = rule;
    }

    /** From a tree: anything but an object is reported and yields null. */
    @Override
    public T read(JsonElement json, String path, MappingProblems p) {
        return ModelReaders.isObject(json, path, p) ? rule.read(keys.read(json.getAsJsonObject()), path, p) : null;
    }

    /**
     * From a stream positioned at the value: an object's known fields are read without a tree of the object (its
     * unknown fields are skipped); anything else is read as the small tree it is and reported like {@link #read}.
     * Parse errors propagate: they are the whole text's, not this item's.
     */
    T read(JsonReader in, String path, MappingProblems p) throws IOException {
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            return read(JsonParser.parseReader(in), path, p);
        }
        return rule.read(keys.read(in), path, p);
    }

    /** The values of an object's fields, read from the stream (which must be at the object). */
    JsonElement[] fields(JsonReader in) throws IOException {
        return keys.read(in);
    }

    /** The rule alone, on fields already read. */
    T fromFields(JsonElement[] fields, String path, MappingProblems p) {
        return rule.read(fields, path, p);
    }
}
