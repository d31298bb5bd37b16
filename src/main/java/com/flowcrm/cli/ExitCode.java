package com.flowcrm.cli;

/** The documented exit codes of the headless commands. */
public final class ExitCode {
    public static final int OK = 0;
    /** Wrong or missing options. */
    public static final int USAGE = 2;
    /** Login refused, or the session could not be kept. */
    public static final int AUTH_FAILED = 3;
    /** The server could not be reached, or answered something unusable. */
    public static final int UNREACHABLE = 4;
    /** Changes remain pending after a sync: in conflict, refused by the server, or still waiting. */
    public static final int PENDING = 5;

    private ExitCode() {
    }
}
