package com.flowcrm.store;

/** What applying one live event did, for the counters. */
enum ApplyOutcome {
    APPLIED,
    /** The id is unknown to the store, or the event repeats what it already has (an activity id seen before). */
    IGNORED
}
