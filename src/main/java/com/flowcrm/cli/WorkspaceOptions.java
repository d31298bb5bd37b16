package com.flowcrm.cli;

import com.flowcrm.local.WorkspaceId;
import com.flowcrm.store.SessionConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/** Whose local copy a command works on, with no network: the server's REST URL and the user's email. */
public final class WorkspaceOptions {
    @Option(names = "--api", paramLabel = "URL",
            description = "REST base URL (default: $FLOW_API_URL, else " + SessionConfig.DEFAULT_API_URL + ")")
    String apiUrl;

    // checked when the command runs, not by picocli: "pending resolve ID --email E" gives it to the subcommand only
    @Option(names = "--email", paramLabel = "EMAIL", description = "Whose local copy (required).")
    String email;

    @Option(names = "--verbose", description = "Write stack traces of failures to the log file.")
    boolean verbose;

    WorkspaceId id(Map<String, String> env) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("Missing required option: '--email=EMAIL'");
        }
        String api = apiUrl != null && !apiUrl.isBlank() ? apiUrl.trim()
                : env.getOrDefault("FLOW_API_URL", "").isBlank() ? SessionConfig.DEFAULT_API_URL
                : env.get("FLOW_API_URL").trim();
        return new WorkspaceId(api, email);
    }
}
