package com.flowcrm.demo;

/**
 * One change the server made, as the change log keeps it: its number in the global sequence, when it was made,
 * the event it broadcast with that event's data as JSON text, and who may see it ({@code recipient} null: every
 * user; otherwise only that user, as for {@code notification:new}). {@code broadcast} is false for changes made
 * through {@link DemoState#silent()}: logged, but not sent on the socket (what a disconnected client misses).
 */
record ChangeEntry(long seq, long atMillis, String event, String dataJson, String recipient, boolean broadcast) {

    /** Whether a user's change feed and socket may carry this change. */
    boolean visibleTo(String userId) {
        return recipient == null || recipient.equals(userId);
    }
}
