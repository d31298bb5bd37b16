package com.flowcrm.soak;

/**
 * One change a soak client made, as it wrote it down (one JSON line in its {@code changes.jsonl}): what, on which
 * deal, with which unique text or value where it has one, when, and how it ended for the client.
 *
 * @param n         the client's own number for it
 * @param shared    made on one of the deals both clients work on
 * @param value     the stage's wire name, the value as text, or the unique description or activity text
 * @param startedAt when the client made it (ms since the epoch; same clock as the soak)
 * @param endedAt   when the client knew how it ended (0 while unknown)
 * @param reason    what the client was shown when it failed or conflicted
 * @param handle    the write path's own id for it (the outbox entry once there is an outbox)
 */
record SoakChange(String client, long n, Kind kind, String dealId, boolean shared, String value, long startedAt,
                  long endedAt, Outcome outcome, String reason, String handle) {

    /** Texts and descriptions the clients write start with this, so the auditor can tell them from the simulator's. */
    static final String TOKEN_PREFIX = "soak-";

    /** What a rep does in the soak. */
    enum Kind {
        STAGE_MOVE("stage"), VALUE_EDIT("value"), DESCRIPTION_EDIT("description"), ACTIVITY("activity");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /** How a change ended for the client that made it. */
    enum Outcome {
        /** The server took it and said so. */
        CONFIRMED,
        /** The client was shown a failure with a reason (unreachable, refused...). */
        FAILED,
        /** The client was shown a conflict (outbox only). */
        CONFLICT,
        /** Still waiting to be sent (outbox only). */
        WAITING,
        /** The client never learned how it ended: the soak counts it as lost unless the server has it. */
        UNANSWERED
    }

    SoakChange ended(long at, Outcome how, String why, String id) {
        return new SoakChange(client, n, kind, dealId, shared, value, startedAt, at, how, why, id);
    }

    /** The auditor's key of a unique field value on a deal. */
    static String editKey(String dealId, String field, String value) {
        return dealId + "|" + field + "|" + value;
    }

    /** A deal value as the auditor and the clients both write it (whole numbers without ".0"). */
    static String valueText(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
