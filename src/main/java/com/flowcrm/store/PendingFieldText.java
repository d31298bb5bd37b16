package com.flowcrm.store;

import com.flowcrm.api.Mapped;
import com.flowcrm.api.RecordJson;
import com.flowcrm.local.OutboxKind;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.WireEnum;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fields of a waiting change in words for the Pending changes panel: "Expected close date", "Proposal",
 * "125000", "2026-03-15", "none"; read through the same mapper that reads the change, so it says what the change does.
 */
final class PendingFieldText {
    private PendingFieldText() {
    }

    /** "expectedCloseDate" -> "Expected close date". */
    static String label(String field) {
        StringBuilder b = new StringBuilder(field.length() + 4);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (i == 0) {
                b.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c)) {
                b.append(' ').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The value as a rep reads it; the JSON text itself when it cannot be read. */
    static String readable(OutboxKind kind, String field, String json) {
        if (json == null) {
            return null;
        }
        Object value;
        switch (kind) {
            case STAGE_MOVE, DEAL_EDIT -> {
                Mapped<DealChanges> read = RecordJson.dealChanges(Map.of(field, json));
                if (!read.isPresent() || read.value().isEmpty()) {
                    return json;
                }
                value = read.value().get(read.value().fields().iterator().next());
            }
            case CONTACT_EDIT -> {
                Mapped<ContactChanges> read = RecordJson.contactChanges(Map.of(field, json));
                if (!read.isPresent() || read.value().isEmpty()) {
                    return json;
                }
                value = read.value().get(read.value().fields().iterator().next());
            }
            case MARK_NOTIFICATION_READ -> {
                return "true".equals(json) ? "read" : "unread";
            }
            default -> {
                return json;
            }
        }
        return text(value);
    }

    private static String text(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof DealStage stage) {
            return stage.label();
        }
        if (value instanceof WireEnum e) {
            String wire = e.wireName();
            return wire.isEmpty() ? wire : Character.toUpperCase(wire.charAt(0)) + wire.substring(1);
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%d", d.longValue())
                    : String.format(Locale.ROOT, "%.2f", d);
        }
        if (value instanceof OffsetDateTime t) {
            return t.toLocalDate().toString();
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "none" : list.stream().map(PendingFieldText::text).collect(Collectors.joining(", "));
        }
        String s = value.toString();
        return s.isBlank() ? "none" : s;
    }
}
