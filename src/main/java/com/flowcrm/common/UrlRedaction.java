package com.flowcrm.common;

import java.net.URI;
import java.util.regex.Pattern;

/** Hides secrets in URLs and messages before they reach a log line or the screen: {@code token=***}. */
public final class UrlRedaction {

    // Also covers access_token= and refresh_token=, and tokens inside exception messages and quoted JSON.
    private static final Pattern TOKEN_VALUE = Pattern.compile("(?i)(token=)[^&#\\s\"'<>]*");

    private UrlRedaction() {
    }

    /** The text with the value of every {@code token=} parameter replaced by {@code ***}; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return TOKEN_VALUE.matcher(text).replaceAll("$1***");
    }

    /** The URI as text with its token hidden; null becomes null. */
    public static String redact(URI uri) {
        return uri == null ? null : redact(uri.toString());
    }
}
