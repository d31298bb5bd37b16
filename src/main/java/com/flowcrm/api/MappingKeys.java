package com.flowcrm.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON names that mean one field: the camelCase name, its snake_case form and any aliases real backends use.
 * Built once per type; a lookup is one hash probe, plus a normalised second probe only for names that match no
 * spelling exactly (e.g. {@code Contact-Id}).
 */
final class MappingKeys<K extends Enum<K>> {
    private final Map<String, K> exact = new HashMap<>();
    private final Map<String, K> normalized = new HashMap<>();
    private final Map<K, String> canonical;
    private final int size;

    private MappingKeys(Class<K> type) {
        canonical = new EnumMap<>(type);
        size = type.getEnumConstants().length;
    }

    static <K extends Enum<K>> MappingKeys<K> of(Class<K> type) {
        return new MappingKeys<>(type);
    }

    /** Registers a field by its camelCase name (its snake_case form is added too) and extra aliases. */
    MappingKeys<K> add(K key, String camelName, String... aliases) {
        canonical.put(key, camelName);
        put(key, camelName);
        put(key, snakeCase(camelName));
        for (String alias : aliases) {
            put(key, alias);
            put(key, snakeCase(alias));
        }
        return this;
    }

    private void put(K key, String name) {
        exact.putIfAbsent(name, key);
        normalized.putIfAbsent(normalize(name), key);
    }

    /** The field a JSON name means, or null for a name no field answers to. */
    K lookup(String name) {
        K key = exact.get(name);
        return key != null ? key : normalized.get(normalize(name));
    }

    /**
     * The value of every known field of the object, indexed by the field's ordinal (null when absent). Unknown
     * names are skipped; when two spellings of one field are sent, the later one wins.
     */
    JsonElement[] read(JsonObject o) {
        JsonElement[] slots = new JsonElement[size];
        for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
            K key = lookup(entry.getKey());
            if (key != null) {
                slots[key.ordinal()] = entry.getValue();
            }
        }
        return slots;
    }

    /**
     * The same from a stream positioned at an object: the object is consumed; the value of each known field is read
     * as the (small) tree it is, an unknown field is skipped unread, and the object itself never becomes a tree.
     * When two spellings of one field are sent, the later one wins, as with {@link #read(JsonObject)}; the one
     * difference: a tree keeps a name at its first place, so with {@code {"title":1,"name":2,"title":3}} (a name
     * sent twice around another spelling of its field) the tree takes 2 and the stream 3.
     */
    JsonElement[] read(JsonReader in) throws IOException {
        JsonElement[] slots = new JsonElement[size];
        in.beginObject();
        while (in.hasNext()) {
            K key = lookup(in.nextName());
            if (key == null) {
                in.skipValue();
            } else {
                slots[key.ordinal()] = JsonParser.parseReader(in);
            }
        }
        in.endObject();
        return slots;
    }

    /** The camelCase name of a field, used in problem paths. */
    String nameOf(K key) {
        return canonical.get(key);
    }

    static String snakeCase(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String normalize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != ' ') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
