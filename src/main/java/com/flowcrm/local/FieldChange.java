package com.flowcrm.local;

import java.util.Objects;

/**
 * One field an outbox entry changes, each value as JSON text ({@code "proposal"}, {@code 12500}, {@code null}): the
 * {@code base} the rep saw when they made the change, the {@code value} they chose and, once the server disagreed
 * with both, {@code theirs} (Java {@code null} while there is no conflict). {@code kept}: the rep saw a conflict on
 * this field and chose "keep mine", so the value is sent over whatever the server holds by the time it is sent (a
 * later change by someone else, or the rep's own earlier change of the same field, does not make it conflict again).
 */
public record FieldChange(String field, String base, String value, String theirs, boolean kept) {
    public FieldChange {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("A field change needs the field's name");
        }
        base = json(field, "base", base);
        value = json(field, "value", value);
        theirs = theirs == null ? null : json(field, "theirs", theirs);
    }

    /** A field the rep has not settled a conflict on. */
    public FieldChange(String field, String base, String value, String theirs) {
        this(field, base, value, theirs, false);
    }

    /** A change without a conflict. */
    public static FieldChange of(String field, String base, String value) {
        return new FieldChange(field, base, value, null);
    }

    public boolean inConflict() {
        return theirs != null;
    }

    FieldChange withTheirs(String theirsJson) {
        return new FieldChange(field, base, value, Objects.requireNonNull(theirsJson, "theirs"), kept);
    }

    /** "Keep mine": what the server had becomes the base, and the value goes over whatever is there when it is sent. */
    FieldChange rebasedOnTheirs() {
        return new FieldChange(field, theirs, value, null, true);
    }

    private static String json(String field, String role, String text) {
        if (text == null) {
            throw new IllegalArgumentException("The " + role + " of field " + field + " is missing (use \"null\" for a JSON null)");
        }
        JsonText.parse("The " + role + " of field " + field, text);
        return text;
    }
}
