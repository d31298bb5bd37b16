package com.flowcrm.store;

/** What "Sign out" does with the changes still waiting to be sent, and with the local copy. */
public enum SignOutChoice {
    /** Send what can be sent now (a short wait), keep the rest for next time, then sign out. */
    SEND_NOW,
    /** Keep every waiting change on this computer; they are sent at the next sign-in of the same user. */
    KEEP_FOR_NEXT_TIME,
    /** Throw the waiting changes away, then sign out (the local copy of the data stays). */
    DISCARD,
    /** "Sign out and remove local data": the local copy, its waiting changes and the kept session are deleted. */
    REMOVE_LOCAL_DATA
}
