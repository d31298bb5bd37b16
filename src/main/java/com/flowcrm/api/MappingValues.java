package com.flowcrm.api;

import com.flowcrm.model.WireEnum;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tolerant readers for single JSON values. Each takes a non-null, non-JSON-null element and returns the value,
 * or null (NaN for numbers) after reporting a problem at {@code path.field}. None of them throws.
 */
final class MappingValues {
    private static final int QUOTE_LIMIT = 60;

    private MappingValues() {
    }

    static boolean isAbsent(JsonElement e) {
        return e == null || e.isJsonNull();
    }

    /** An id: a non-blank string, or a number written as its digits. */
    static String id(JsonElement e, String path, String field, MappingProblems p) {
        if (isAbsent(e)) {
            p.add(path, field, "missing required field");
            return null;
        }
        if (e.isJsonPrimitive() && !e.getAsJsonPrimitive().isBoolean()) {
            String s = e.getAsString().strip();
            if (!s.isEmpty()) {
                return s;
            }
            p.add(path, field, "blank id");
            return null;
        }
        p.add(path, field, "not an id: " + quote(e));
        return null;
    }

    static String text(JsonElement e, String path, String field, MappingProblems p) {
        if (e.isJsonPrimitive()) {
            return TextPool.shared(e.getAsString());
        }
        p.add(path, field, "not a text: " + quote(e));
        return null;
    }

    /** A number, also when sent as a string ("12500.00"); NaN when it is not one. */
    static double number(JsonElement e, String path, String field, MappingProblems p) {
        double v = Double.NaN;
        if (e.isJsonPrimitive()) {
            JsonPrimitive prim = e.getAsJsonPrimitive();
            if (prim.isNumber()) {
                v = toDouble(prim.getAsString());
            } else if (prim.isString()) {
                v = toDouble(prim.getAsString().strip());
            }
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            p.add(path, field, "not a number: " + quote(e));
            return Double.NaN;
        }
        return v;
    }

    /** A whole number in 0-100 (probability, health score, churn risk); fractions are rounded. */
    static Integer percent(JsonElement e, String path, String field, MappingProblems p) {
        double v = number(e, path, field, p);
        if (Double.isNaN(v)) {
            return null;
        }
        if (v < 0 || v > 100) {
            p.add(path, field, "not in 0-100: " + quote(e));
            return null;
        }
        return (int) Math.round(v);
    }

    /** A whole number of at least zero (counts). */
    static Integer count(JsonElement e, String path, String field, MappingProblems p) {
        double v = number(e, path, field, p);
        if (Double.isNaN(v)) {
            return null;
        }
        if (v < 0 || v > Integer.MAX_VALUE) {
            p.add(path, field, "not a count: " + quote(e));
            return null;
        }
        return (int) Math.round(v);
    }

    /**
     * A record's version (issue 13): a whole number of at least 1, also as digits in a string ("7") or with a zero
     * fraction (7.0). Anything else is reported: an event with a bad version is rejected, not applied unversioned.
     */
    static Long version(JsonElement e, String path, String field, MappingProblems p) {
        if (e.isJsonPrimitive() && !e.getAsJsonPrimitive().isBoolean()) {
            long v = wholeNumber(e.getAsString().strip());
            if (v >= 1) {
                return v;
            }
        }
        p.add(path, field, "not a version (a whole number of at least 1): " + quote(e));
        return null;
    }

    /** A whole number written as digits (or with a zero fraction); -1 when the text is none. */
    static long wholeNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            try {
                return new java.math.BigDecimal(text).longValueExact();
            } catch (NumberFormatException | ArithmeticException notWhole) {
                return -1;
            }
        }
    }

    static Boolean bool(JsonElement e, String path, String field, MappingProblems p) {
        if (e.isJsonPrimitive()) {
            JsonPrimitive prim = e.getAsJsonPrimitive();
            if (prim.isBoolean()) {
                return prim.getAsBoolean();
            }
            String s = prim.getAsString().strip().toLowerCase(Locale.ROOT);
            switch (s) {
                case "true", "1", "yes", "y", "t" -> {
                    return Boolean.TRUE;
                }
                case "false", "0", "no", "n", "f" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    // reported below
                }
            }
        }
        p.add(path, field, "not a boolean: " + quote(e));
        return null;
    }

    /** An ISO-8601 instant, offset date-time, date-only string (midnight UTC) or epoch millis (number or digits). */
    static Instant instant(JsonElement e, String path, String field, MappingProblems p) {
        Instant v = null;
        if (e.isJsonPrimitive()) {
            JsonPrimitive prim = e.getAsJsonPrimitive();
            if (prim.isNumber()) {
                v = epochMillis(prim);
            } else if (prim.isString()) {
                v = MappingDates.parse(prim.getAsString());
            }
        }
        if (v == null) {
            p.add(path, field, "not a date: " + quote(e));
        }
        return v;
    }

    /** Like {@link #instant}, keeping the offset the date was written with (UTC for date-only and epoch millis). */
    static OffsetDateTime dateAsGiven(JsonElement e, String path, String field, MappingProblems p) {
        OffsetDateTime v = null;
        if (e.isJsonPrimitive()) {
            JsonPrimitive prim = e.getAsJsonPrimitive();
            if (prim.isNumber()) {
                Instant millis = epochMillis(prim);
                v = millis == null ? null : millis.atOffset(ZoneOffset.UTC);
            } else if (prim.isString()) {
                v = MappingDates.parseAsGiven(prim.getAsString());
            }
        }
        if (v == null) {
            p.add(path, field, "not a date: " + quote(e));
        }
        return v;
    }

    private static Instant epochMillis(JsonPrimitive number) {
        double millis = toDouble(number.getAsString());
        return !Double.isNaN(millis) && Math.abs(millis) < 1e16 ? Instant.ofEpochMilli((long) millis) : null;
    }

    static <E extends Enum<E> & WireEnum> E enumValue(Class<E> type, JsonElement e, String path, String field,
            MappingProblems p) {
        E v = null;
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            v = MappingEnums.lookup(type, e.getAsString());
        }
        if (v == null) {
            p.add(path, field, "unknown " + field + ": " + quote(e));
        }
        return v;
    }

    /**
     * A list of short texts (tags, risk factors, notes): an array of strings or of objects carrying the text under
     * {@code name}/{@code text}/..., or one string (comma-separated when splitOnCommas). Blank items are dropped.
     */
    static List<String> texts(JsonElement e, String path, String field, MappingProblems p, boolean splitOnCommas) {
        if (e.isJsonPrimitive()) {
            String s = e.getAsString();
            return splitOnCommas ? splitCommas(s) : (s.isBlank() ? List.of() : List.of(s.strip()));
        }
        if (!e.isJsonArray()) {
            p.add(path, field, "not a list: " + quote(e));
            return null;
        }
        JsonArray array = e.getAsJsonArray();
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonElement item = array.get(i);
            String s = null;
            if (item.isJsonPrimitive()) {
                s = TextPool.shared(item.getAsString());
            } else if (item.isJsonObject()) {
                s = TextPool.shared(textOfObject(item.getAsJsonObject()));
            }
            if (s == null) {
                if (!item.isJsonNull()) {
                    p.add(path, field + "[" + i + "]", "not a text: " + quote(item));
                }
            } else if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static String textOfObject(JsonObject o) {
        for (String key : new String[] {"name", "text", "content", "body", "label", "value", "note"}) {
            JsonElement v = o.get(key);
            if (v != null && v.isJsonPrimitive()) {
                return v.getAsString();
            }
        }
        return null;
    }

    private static List<String> splitCommas(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ',') {
                String part = s.substring(start, i).strip();
                if (!part.isEmpty()) {
                    out.add(part);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** Metadata: an object whose values are kept as strings (numbers and booleans as written, objects as JSON). */
    static Map<String, String> metadata(JsonElement e, String path, String field, MappingProblems p) {
        if (!e.isJsonObject()) {
            p.add(path, field, "not an object: " + quote(e));
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
            JsonElement v = entry.getValue();
            if (v.isJsonNull()) {
                continue;
            }
            out.put(entry.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.toString());
        }
        return out;
    }

    /** A number written in text; NaN when it is not one. Checks the characters first so bad input throws nothing. */
    static double toDouble(String s) {
        int n = s.length();
        if (n == 0 || n > 64) {
            return Double.NaN;
        }
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            // only for oddities like "1-2" that passed the character check
            return Double.NaN;
        }
    }

    /** The value as it appears in a problem message, shortened. */
    static String quote(JsonElement e) {
        String s = e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? "'" + e.getAsString() + "'" : e.toString();
        return s.length() > QUOTE_LIMIT ? s.substring(0, QUOTE_LIMIT) + "..." : s;
    }
}
