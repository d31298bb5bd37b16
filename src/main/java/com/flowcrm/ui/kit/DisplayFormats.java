package com.flowcrm.ui.kit;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How money, dates and ages read in the views; one place so the board, panel and table agree. */
public final class DisplayFormats {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MMM d", Locale.US);
    private static final DateTimeFormatter SHORT_DATE_OTHER_YEAR = DateTimeFormatter.ofPattern("MMM d ''yy", Locale.US);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(Locale.US);

    /** Building a currency format parses its pattern (a tenth of the stage headers' time): one per thread, kept. */
    private static final ThreadLocal<NumberFormat> MONEY = ThreadLocal.withInitial(() -> {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setMaximumFractionDigits(0);
        return format;
    });

    private DisplayFormats() {
    }

    /** "$125,000" - full amount, for the details panel and the table. */
    public static String money(double amount) {
        return MONEY.get().format(amount);
    }

    /** "12,345": a count with thousands separators. */
    public static String count(long n) {
        if (n > -1_000 && n < 1_000) {
            return Long.toString(n);
        }
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            out.append('-');
        }
        int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, head);
        for (int i = head; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** "$1.2M", "$85.5K", "$352K", "$900" - three significant digits at most, for cards and column headers. */
    public static String compactMoney(double amount) {
        double abs = Math.abs(amount);
        String sign = amount < 0 ? "-" : "";
        if (abs >= 1_000_000_000) {
            return sign + "$" + oneDecimal(abs / 1_000_000_000) + "B";
        }
        if (abs >= 1_000_000) {
            return sign + "$" + oneDecimal(abs / 1_000_000) + "M";
        }
        if (abs >= 1_000) {
            return sign + "$" + oneDecimal(abs / 1_000) + "K";
        }
        return sign + "$" + Math.round(abs);
    }

    private static String oneDecimal(double v) {
        String text = v >= 99.95 ? String.format(Locale.US, "%.0f", v) : String.format(Locale.US, "%.1f", v);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** "Mar 3, 2026" in the given zone, or an em dash for no date. */
    public static String date(Instant instant, ZoneId zone) {
        return instant == null ? "\u2014" : DATE.format(instant.atZone(zone));
    }

    /** "Mar 3" within the year of {@code now}, "Mar 3 '27" otherwise: short enough for a card in a narrow column. */
    public static String shortDate(Instant instant, ZoneId zone, Instant now) {
        if (instant == null) {
            return "\u2014";
        }
        boolean sameYear = instant.atZone(zone).getYear() == now.atZone(zone).getYear();
        return (sameYear ? SHORT_DATE : SHORT_DATE_OTHER_YEAR).format(instant.atZone(zone));
    }

    /** "Mar 3, 2026, 4:05 PM" in the given zone, or an em dash. */
    public static String dateTime(Instant instant, ZoneId zone) {
        return instant == null ? "\u2014" : DATE_TIME.format(instant.atZone(zone));
    }

    /** "just now", "5 minutes ago", "yesterday", "3 days ago", "in 2 days", "2 months ago" relative to the clock. */
    public static String relative(Instant instant, Clock clock) {
        if (instant == null) {
            return "\u2014";
        }
        Instant now = clock.instant();
        Duration diff = Duration.between(instant, now);
        boolean past = !diff.isNegative();
        Duration abs = diff.abs();
        if (abs.toMinutes() < 1) {
            return "just now";
        }
        if (abs.toHours() < 1) {
            return phrase(abs.toMinutes(), "minute", past);
        }
        if (abs.toDays() < 1) {
            return phrase(abs.toHours(), "hour", past);
        }
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        LocalDate day = LocalDate.ofInstant(instant, clock.getZone());
        long days = Math.abs(ChronoUnit.DAYS.between(day, today));
        if (days == 1) {
            return past ? "yesterday" : "tomorrow";
        }
        if (days < 30) {
            return phrase(days, "day", past);
        }
        if (days < 365) {
            return phrase(days / 30, "month", past);
        }
        return phrase(days / 365, "year", past);
    }

    private static String phrase(long amount, String unit, boolean past) {
        String counted = amount + " " + unit + (amount == 1 ? "" : "s");
        return past ? counted + " ago" : "in " + counted;
    }

    /** "Closed won" for a wire-named enum constant such as CLOSED_WON. */
    public static String label(Enum<?> constant) {
        if (constant == null) {
            return "\u2014";
        }
        String lower = constant.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** The message a rep can read from a failed operation (the session's exceptions carry one). */
    public static String failureReason(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text = cause.getMessage();
        return text == null || text.isBlank() ? "The server did not accept the change." : text;
    }
}
