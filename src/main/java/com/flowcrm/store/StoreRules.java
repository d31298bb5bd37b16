package com.flowcrm.store;

/** The two small rules every store applies: whether an event is stale, and the search's case-blind match. */
final class StoreRules {
    private StoreRules() {
    }

    /** An event at {@code incoming} is already in an item at {@code current}; 0 on either side means unknown: not stale. */
    static boolean isStale(long current, long incoming) {
        return current > 0 && incoming > 0 && incoming <= current;
    }

    /** Whether {@code text} contains the already lower-cased needle, without lower-casing (allocating) the text. */
    static boolean containsIgnoreCase(String text, String lowerNeedle) {
        if (text == null) {
            return false;
        }
        int max = text.length() - lowerNeedle.length();
        for (int i = 0; i <= max; i++) {
            if (text.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return true;
            }
        }
        return false;
    }
}
