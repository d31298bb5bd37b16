package com.flowcrm.cli;

import com.flowcrm.api.ApiException;
import com.flowcrm.store.SessionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/** Turns failures into one clear line on standard error and the documented exit code. */
final class CommandFailures {
    private static final Logger log = LoggerFactory.getLogger(CommandFailures.class);

    private CommandFailures() {
    }

    static int usage(CommandSpec spec, String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        spec.commandLine().getErr().flush();
        return ExitCode.USAGE;
    }

    static int fromFailure(CommandSpec spec, String step, Throwable failure, boolean verbose) {
        if (verbose) {
            log.error("{} failed", step, failure);
        } else {
            log.info("{} failed: {}", step, failure.toString());
        }
        int code = exitCodeOf(failure);
        String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
        if (code == ExitCode.AUTH_FAILED && failure instanceof SessionException s
                && s.kind() == SessionException.Kind.BAD_CREDENTIALS) {
            message = "Sign-in refused: wrong email or password.";
        }
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        spec.commandLine().getErr().flush();
        return code;
    }

    static int exitCodeOf(Throwable failure) {
        if (failure instanceof SessionException s) {
            return switch (s.kind()) {
                case BAD_CREDENTIALS, EXPIRED -> ExitCode.AUTH_FAILED;
                case UNREACHABLE, SERVER_ERROR, PROTOCOL, REJECTED -> ExitCode.UNREACHABLE;
            };
        }
        if (failure instanceof ApiException a) {
            return switch (a.kind()) {
                case UNAUTHORIZED, FORBIDDEN -> ExitCode.AUTH_FAILED;
                default -> ExitCode.UNREACHABLE;
            };
        }
        return ExitCode.UNREACHABLE;
    }
}
