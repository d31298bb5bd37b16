package com.flowcrm.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads the instants real backends send: ISO-8601 with {@code Z} or an offset, without an offset (taken as UTC),
 * date-only (midnight UTC) and epoch milliseconds as digits. The common shapes are read by hand because this runs
 * for every live event and {@code DateTimeFormatter} is slow and throws on bad input; rarer shapes (zone ids)
 * fall back to java.time. {@link #parseAsGiven} also keeps the offset the text was written with, for the one field
 * whose calendar date matters as written (a deal's expected close date).
 */
final class MappingDates {
    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private MappingDates() {
    }

    /** The instant the text names, or null when it names none. */
    static Instant parse(String raw) {
        return parse(raw, null);
    }

    /**
     * The date-time as written: its instant at the offset the text gave (UTC for date-only, offset-less and epoch
     * forms), or null when the text names none. "2026-12-31T23:00:00-05:00" stays on Dec 31 at -05:00.
     */
    static OffsetDateTime parseAsGiven(String raw) {
        int[] offset = new int[1];
        Instant instant = parse(raw, offset);
        return instant == null ? null : instant.atOffset(ZoneOffset.ofTotalSeconds(offset[0]));
    }

    /** The hot path passes no array; {@link #parseAsGiven} passes one to learn the offset written (in seconds). */
    private static Instant parse(String raw, int[] offsetOut) {
        String s = raw.strip();
        int n = s.length();
        if (n == 0) {
            return null;
        }
        if (isEpochDigits(s)) {
            return n <= 18 ? Instant.ofEpochMilli(Long.parseLong(s)) : null;
        }
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]
                || (month == 2 && day == 29 && !isLeap(year))) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        if (n == 10) {
            return Instant.ofEpochSecond(epochDay * 86_400L);
        }
        char sep = s.charAt(10);
        if ((sep != 'T' && sep != 't' && sep != ' ') || n < 16 || s.charAt(13) != ':') {
            return null;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int nanos = 0;
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            second = digits(s, i + 1, 2);
            i += 3;
            if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                i++;
                int start = i;
                int scale = 100_000_000;
                while (i < n && isDigit(s.charAt(i))) {
                    nanos += (s.charAt(i) - '0') * scale;
                    scale /= 10;
                    i++;
                }
                if (i == start) {
                    return null;
                }
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return zonedFallback(s, offsetOut);
        }
        int offsetSeconds;
        if (i == n) {
            offsetSeconds = 0;
        } else {
            char c = s.charAt(i);
            if ((c == 'Z' || c == 'z') && i + 1 == n) {
                offsetSeconds = 0;
            } else if (c == '+' || c == '-') {
                offsetSeconds = offset(s, i + 1);
                if (offsetSeconds == Integer.MIN_VALUE) {
                    return zonedFallback(s, offsetOut);
                }
                if (c == '-') {
                    offsetSeconds = -offsetSeconds;
                }
            } else {
                return zonedFallback(s, offsetOut);
            }
        }
        if (offsetOut != null) {
            offsetOut[0] = offsetSeconds;
        }
        long epochSecond = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** Seconds of an offset written HH, HHMM or HH:MM ending the text, or MIN_VALUE when it is not one. */
    private static int offset(String s, int from) {
        int rest = s.length() - from;
        int hours = rest >= 2 ? digits(s, from, 2) : -1;
        int minutes;
        if (rest == 2) {
            minutes = 0;
        } else if (rest == 4) {
            minutes = digits(s, from + 2, 2);
        } else if (rest == 5 && s.charAt(from + 2) == ':') {
            minutes = digits(s, from + 3, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        return hours * 3600 + minutes * 60;
    }

    /** Shapes the fast path does not know, e.g. {@code 2026-03-01T10:00+01:00[Europe/Paris]}; rare, so java.time may throw. */
    private static Instant zonedFallback(String s, int[] offsetOut) {
        try {
            OffsetDateTime parsed = s.indexOf('[') > 0
                    ? ZonedDateTime.parse(s, DateTimeFormatter.ISO_ZONED_DATE_TIME).toOffsetDateTime()
                    : OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (offsetOut != null) {
                offsetOut[0] = parsed.getOffset().getTotalSeconds();
            }
            return parsed.toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isEpochDigits(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The number written by count digits at from, or -1 when one of them is not a digit or the text is too short. */
    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }
}
