package com.flowcrm.store;

import com.flowcrm.model.ActivityType;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.CommunicationType;
import com.flowcrm.model.DealActivity;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * When an activity or a communication the server has is the one the rep logged: same type, same date and same text.
 * Append-only changes carry no id of their own the server keeps, so this is how a change whose answer was lost is
 * recognised on the server instead of being sent twice, and how a waiting one is hidden once the server's copy shows.
 * A server that keeps dates without a time (the date-only form of rest-api.md) matches on the calendar day (UTC).
 */
final class PendingActivities {
    private PendingActivities() {
    }

    static boolean sameActivity(DealActivity server, ActivityType type, Instant date, String description) {
        return server.type() == type && sameDate(server.date(), date)
                && text(server.description()).equals(text(description));
    }

    static boolean sameCommunication(CommunicationEvent server, CommunicationType type, Instant date, String summary) {
        return server.type() == type && sameDate(server.date(), date) && text(server.summary()).equals(text(summary));
    }

    private static boolean sameDate(Instant server, Instant ours) {
        if (Objects.equals(server, ours)) {
            return true;
        }
        if (server == null || ours == null) {
            return false;
        }
        var day = server.atOffset(ZoneOffset.UTC);
        return day.toLocalTime().equals(LocalTime.MIDNIGHT)
                && day.toLocalDate().equals(ours.atOffset(ZoneOffset.UTC).toLocalDate());
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
