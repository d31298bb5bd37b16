package com.flowcrm.ui.offline;

import com.flowcrm.store.PendingChange;
import com.flowcrm.store.PendingTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One line of the Pending changes panel, ready to read: what the rep did ("Stage move"), on what ("Acme renewal"),
 * when ("14:32"), where it stands ("Waiting to send", "Refused by the server", "Conflict: changed on the server
 * too"), why (the server's reason, the last network error), each field's value before, the rep's and (in a conflict)
 * the server's, and which actions fit it.
 *
 * @param reason    the server's reason for a refusal, or the last error of a change that is tried again; null if none
 * @param canRetry  refused, or waiting for its next attempt: "Retry" sends it at the next chance
 * @param canDiscard anything but a change being sent right now
 * @param canOpen   the target is a deal or a contact the window can show
 */
public record PendingRow(UUID id, PendingTarget target, MarkState mark, String kind, String targetLabel, String when,
        String status, String reason, List<Field> fields, boolean canRetry, boolean canDiscard, boolean canOpen) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.US);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.US);

    /**
     * One field of the change, each value as a rep reads it.
     *
     * @param theirs what the server has now, in a conflict; else null
     */
    public record Field(String label, String base, String yours, String theirs) {
        public boolean inConflict() {
            return theirs != null;
        }
    }

    public PendingRow {
        fields = List.copyOf(fields);
    }

    /** Whether the rep chooses between their value and the server's ("Keep mine" / "Keep theirs"). */
    public boolean conflict() {
        return mark == MarkState.CONFLICT;
    }

    /** The panel's reading of a pending change, times in the clock's zone. */
    public static PendingRow of(PendingChange change, Clock clock) {
        List<Field> fields = change.fields().stream()
                .map(f -> new Field(f.label(), shown(f.field(), orNone(f.base())), shown(f.field(), orNone(f.yours())),
                        f.theirs() == null ? null : shown(f.field(), f.theirs())))
                .toList();
        PendingChange.Status status = change.status();
        boolean retryLater = status == PendingChange.Status.WAITING && change.nextAttemptAt() != null;
        return new PendingRow(change.id(), change.target(), PendingMarks.markOf(status), change.kind().label(),
                change.label(), when(change.createdAt(), clock), statusText(change, clock), change.reason(), fields,
                status == PendingChange.Status.FAILED || retryLater, status != PendingChange.Status.SENDING,
                change.target().type() != PendingTarget.Type.NOTIFICATION);
    }

    private static String statusText(PendingChange change, Clock clock) {
        return switch (change.status()) {
            case WAITING -> change.nextAttemptAt() == null ? "Waiting to send"
                    : "Waiting to send - next try at " + when(change.nextAttemptAt(), clock);
            case SENDING -> "Sending\u2026";
            case FAILED -> "Refused by the server";
            case CONFLICT -> "Conflict: changed on the server too";
        };
    }

    /** "14:32" today, "Dec 3, 14:32" another day. */
    static String when(Instant at, Clock clock) {
        ZoneId zone = clock.getZone();
        boolean today = LocalDate.ofInstant(at, zone).equals(LocalDate.ofInstant(clock.instant(), zone));
        return (today ? TIME : DAY_TIME).format(at.atZone(zone));
    }

    /** A deal's value reads as money ("$125,000"), as on its card; everything else as the store words it. */
    private static String shown(String field, String text) {
        if (!"value".equals(field) || text == null) {
            return text;
        }
        try {
            return com.flowcrm.ui.kit.DisplayFormats.money(Double.parseDouble(text));
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }
}
