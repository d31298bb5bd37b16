package com.flowcrm.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/** Checks that a text the caller hands in is one strict JSON value, so nothing unreadable reaches the outbox. */
final class JsonText {
    private JsonText() {
    }

    /** Parses strictly (no unquoted strings, no trailing text); throws {@link IllegalArgumentException} naming what. */
    static JsonElement parse(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            // parseReader keeps a STRICT reader strict (it only relaxes the legacy default).
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException(what + " has text after its JSON value: " + abbreviate(text));
            }
            return element;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
