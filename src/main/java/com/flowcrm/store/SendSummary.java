package com.flowcrm.store;

/**
 * What sending the outbox now came to: this pass's changes sent and found already applied, and what is left in the
 * outbox after it (in conflict, refused, still waiting).
 *
 * @param unreachable the server could not be reached (what was not sent stays queued)
 * @param refused     the server no longer accepts the session (sign in again)
 * @param ran         whether a pass ran at all (not when the session may not send, or another process kept sending)
 */
public record SendSummary(int sent, int alreadyApplied, int conflicts, int failed, int waiting, boolean unreachable,
        boolean refused, boolean ran) {

    /** The {@code sync} command's line: "sent 2, already applied 0, conflicts 0, failed 0". */
    public String line() {
        return "sent " + sent + ", already applied " + alreadyApplied + ", conflicts " + conflicts + ", failed " + failed;
    }

    /** Nothing is left: every change is on the server. */
    public boolean nothingLeft() {
        return conflicts == 0 && failed == 0 && waiting == 0;
    }
}
