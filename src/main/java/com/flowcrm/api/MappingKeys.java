package com.flowcrm.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
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
    private final String[] names;
    private final int size;

    private MappingKeys(Class<K> type) {
        canonical = new EnumMap<>(type);
        size = type.getEnumConstants().length;
        names = new String[size];
    }

    static <K extends Enum<K>> MappingKeys<K> of(Class<K> type) {
        return new MappingKeys<>(type);
    }

    /** Registers a field by its camelCase name (its snake_case form is added too) and extra aliases. */
    MappingKeys<K> add(K key, String camelName, String... aliases) {
        canonical.put(key, camelName);
        names[key.ordinal()] = camelName;
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

    /** The ordinal of the field a JSON name means, or -1 for a name no field answers to. */
    int ordinalOf(String name) {
        K key = lookup(name);
        return key == null ? -1 : key.ordinal();
    }

    /** The number of fields. */
    int size() {
        return size;
    }

    /** The camelCase name of the field with this ordinal. */
    String nameAt(int ordinal) {
        return names[ordinal];
    }

    /**
     * The value at the stream's position as the (small) tree {@link JsonParser#parseReader(JsonReader)} makes of
     * it; texts, booleans and nulls, most of a record's values, without its set-up per call.
     */
    static JsonElement value(JsonReader in) throws IOException {
        return switch (in.peek()) {
            case STRING -> new JsonPrimitive(in.nextString());
            case BOOLEAN -> new JsonPrimitive(in.nextBoolean());
            case NULL -> {
                in.nextNull();
                yield JsonNull.INSTANCE;
            }
            default -> JsonParser.parseReader(in);
        };
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
