package com.flowcrm.local;

import java.util.Objects;

/**
 * One field an outbox entry changes, each value as JSON text ({@code "proposal"}, {@code 12500}, {@code null}): the
 * {@code base} the rep saw when they made the change, the {@code value} they chose and, once the server disagreed
 * with both, {@code theirs} (Java {@code null} while there is no conflict).
 */
public record FieldChange(String field, String base, String value, String theirs) {
    public FieldChange {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("A field change needs the field's name");
        }
        base = json(field, "base", base);
        value = json(field, "value", value);
        theirs = theirs == null ? null : json(field, "theirs", theirs);
    }

    /** A change without a conflict. */
    public static FieldChange of(String field, String base, String value) {
        return new FieldChange(field, base, value, null);
    }

    public boolean inConflict() {
        return theirs != null;
    }

    FieldChange withTheirs(String theirsJson) {
        return new FieldChange(field, base, value, Objects.requireNonNull(theirsJson, "theirs"));
    }

    /** "Keep mine": what the server has now becomes the base the change is sent against. */
    FieldChange rebasedOnTheirs() {
        return new FieldChange(field, theirs, value, null);
    }

    private static String json(String field, String role, String text) {
        if (text == null) {
            throw new IllegalArgumentException("The " + role + " of field " + field + " is missing (use \"null\" for a JSON null)");
        }
        JsonText.parse("The " + role + " of field " + field, text);
        return text;
    }
}
