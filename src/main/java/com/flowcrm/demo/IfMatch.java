package com.flowcrm.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code If-Match} header: {@code *} (any current record), or one or more versions, each quoted as an
 * entity tag ({@code "7"}) or bare ({@code 7}). Anything else is a 400, never silently ignored.
 */
record IfMatch(boolean any, List<Long> versions) {
    static final IfMatch NONE = new IfMatch(true, List.of());

    /** The header's value, or {@link #NONE} when it is absent. */
    static IfMatch parse(String header) {
        if (header == null) {
            return NONE;
        }
        String value = header.trim();
        if (value.equals("*")) {
            return new IfMatch(true, List.of());
        }
        List<Long> versions = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String tag = part.trim();
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.isEmpty() || tag.length() > 18 || !tag.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw DemoRequestException.badRequest("If-Match must be a version such as \"7\" (or *), but was '"
                        + abbreviate(header) + "'");
            }
            versions.add(Long.parseLong(tag));
        }
        return new IfMatch(false, List.copyOf(versions));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    boolean present() {
        return this != NONE;
    }

    boolean matches(long version) {
        return any || versions.contains(version);
    }
}
