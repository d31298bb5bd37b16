package com.flowcrm.api;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One String instance for equal texts while a list is mapped. A REST list repeats many texts (tags, companies,
 * insight titles, communication summaries); a fresh copy of each would take a third of the heap of a loaded
 * store. Only while {@link #sharing} runs on the mapping thread; a live event maps without it.
 */
final class TextPool {
    private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();
    /** Longer texts are mostly unique and hashing them slowed the initial load more than sharing saved. */
    static final int MAX_POOLED_LENGTH = 48;

    private TextPool() {
    }

    /** Runs the mapping of one list with a pool of its texts (a nested call joins the outer pool). */
    static <T> T sharing(Supplier<T> mapping) {
        if (CURRENT.get() != null) {
            return mapping.get();
        }
        CURRENT.set(new HashMap<>());
        try {
            return mapping.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** The pooled instance equal to {@code text} while a list is mapped, else {@code text} itself. */
    static String shared(String text) {
        Map<String, String> pool = CURRENT.get();
        if (pool == null || text == null || text.length() > MAX_POOLED_LENGTH) {
            return text;
        }
        String known = pool.putIfAbsent(text, text);
        return known == null ? text : known;
    }
}
