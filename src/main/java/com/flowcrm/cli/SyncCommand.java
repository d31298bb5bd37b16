package com.flowcrm.cli;

import com.flowcrm.local.OutboxEntry;
import com.flowcrm.local.WorkspaceId;
import com.flowcrm.local.Workspaces;
import com.flowcrm.store.SendSummary;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sync}: signs in (the kept session, else the password), brings the local copy up to date, sends every
 * waiting change and prints one summary line. The same workspace and outbox as the window; when the window is sending
 * it right now, this waits for its turn.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Sign in (the session kept on this computer, else $FLOW_PASSWORD / --password), bring the local",
            "copy up to date, send every waiting change and print one line:",
            "  sent 2, already applied 0, conflicts 0, failed 0",
            "(conflicts and failed: the changes left in conflict or refused by the server, see 'pending').",
            "Exit codes: 0 nothing left pending, 2 usage, 3 no usable sign-in, 4 server unreachable (the changes stay",
            "queued), 5 changes remain pending (conflicts, refusals, or some could not be sent)."})
public final class SyncCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final LocalFiles files;

    /** @param files where the workspaces and kept sessions are */
    public SyncCommand(Map<String, String> environment, LocalFiles files) {
        this.environment = environment;
        this.files = files;
    }

    @Override
    public Integer call() {
        return CommandFailures.guard(spec, "sync", server.verbose, () -> {
            String password = server.password(environment);
            SendSummary summary;
            try (LocalSession local = LocalSession.create(server, environment, files, CommandOutput.notes(spec))) {
                LocalSession.SignIn signIn = local.signIn(password);
                if (signIn == LocalSession.SignIn.NO_USABLE_SIGN_IN) {
                    return CommandFailures.fail(spec, ExitCode.AUTH_FAILED, local.signInProblem());
                }
                if (signIn == LocalSession.SignIn.UNREACHABLE) {
                    return unreachable(local.signInProblem());
                }
                summary = local.send();
            }
            CommandOutput.line(spec, summary.line());
            if (summary.refused()) {
                return CommandFailures.fail(spec, ExitCode.AUTH_FAILED,
                        "The server no longer accepts the session: sign in again; the changes stay queued.");
            }
            if (summary.unreachable()) {
                return unreachable("The server stopped answering while sending.");
            }
            return summary.nothingLeft() ? ExitCode.OK : ExitCode.PENDING;
        });
    }

    private int unreachable(String why) {
        int queued = queued();
        return CommandFailures.fail(spec, ExitCode.UNREACHABLE, (why == null ? "The server cannot be reached." : why)
                + " " + (queued == 1 ? "1 change stays queued" : queued + " changes stay queued")
                + " on this computer; nothing is lost.");
    }

    /** The waiting changes in the local copy, read after the session let go of it. */
    private int queued() {
        WorkspaceId id = new WorkspaceId(server.apiUrl(environment), server.email);
        Workspaces workspaces = files.workspaces();
        if (!workspaces.exists(id)) {
            return 0;
        }
        try (var workspace = workspaces.open(id).workspace()) {
            return (int) workspace.outbox().list().stream().filter(OutboxEntry::isOutstanding).count();
        }
    }
}
