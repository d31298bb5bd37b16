package com.flowcrm.local;

/** Whether the server keeps a change log the client can resume from ({@code GET /sync/changes}, issue 13). */
public enum ChangeLogSupport {
    /** Not found out yet (a new workspace). */
    UNKNOWN,
    /** The server answers {@code /sync/changes} and numbers its events: resume from the cursor. */
    SUPPORTED,
    /** The server has no change log: every catch-up is a full reload. */
    UNSUPPORTED
}
