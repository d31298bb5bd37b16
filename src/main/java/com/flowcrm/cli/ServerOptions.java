package com.flowcrm.cli;

import com.flowcrm.store.SessionConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that signs in shares: servers, credentials, verbosity. */
public final class ServerOptions {
    public static final String PASSWORD_VARIABLE = "FLOW_PASSWORD";
    static final String MISSING_PASSWORD = "No password: set $" + PASSWORD_VARIABLE + " or pass --password.";

    @Option(names = "--api", paramLabel = "URL",
            description = "REST base URL (default: $FLOW_API_URL, else " + SessionConfig.DEFAULT_API_URL + ")")
    String apiUrl;

    @Option(names = "--ws", paramLabel = "URL",
            description = "WebSocket URL (default: $FLOW_WS_URL, else " + SessionConfig.DEFAULT_WS_URL + ")")
    String wsUrl;

    @Option(names = "--email", paramLabel = "EMAIL", required = true, description = "The account to sign in with.")
    String email;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "The password. Safer: set $" + PASSWORD_VARIABLE + " instead, so it stays out of the shell history and the process list.")
    String password;

    @Option(names = "--verbose", description = "Write stack traces of failures to the log file.")
    boolean verbose;

    String apiUrl(Map<String, String> env) {
        return firstNonBlank(apiUrl, env.get("FLOW_API_URL"), SessionConfig.DEFAULT_API_URL);
    }

    String wsUrl(Map<String, String> env) {
        return firstNonBlank(wsUrl, env.get("FLOW_WS_URL"), SessionConfig.DEFAULT_WS_URL);
    }

    /** The password from --password or $FLOW_PASSWORD, or null when neither is set. */
    String password(Map<String, String> env) {
        return firstNonBlank(password, env.get(PASSWORD_VARIABLE), null);
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        if (b != null && !b.isBlank()) {
            return b.trim();
        }
        return fallback;
    }
}
