package com.flowcrm.cli;

import com.flowcrm.api.ApiException;
import com.flowcrm.store.SessionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/** Turns failures into one clear line on standard error and the documented exit code. */
final class CommandFailures {
    private static final Logger log = LoggerFactory.getLogger(CommandFailures.class);

    private CommandFailures() {
    }

    /** A command's work against the server; it returns its exit code or throws what went wrong. */
    @FunctionalInterface
    interface ServerWork {
        int run() throws ExecutionException, TimeoutException, InterruptedException;
    }

    /**
     * Runs the work and turns what it throws into the documented exit code: unusable options (an
     * IllegalArgumentException) are usage errors, a failed step exits as its cause says, a step that took too
     * long or was interrupted counts as an unreachable server.
     */
    static int guard(CommandSpec spec, String step, boolean verbose, ServerWork work) {
        try {
            return work.run();
        } catch (ExecutionException e) {
            return fromFailure(spec, step, e.getCause(), verbose);
        } catch (NoLocalCopy e) {
            return fromFailure(spec, step, e, verbose);
        } catch (IllegalArgumentException e) {
            return usage(spec, e.getMessage());
        } catch (TimeoutException e) {
            return fromFailure(spec, step,
                    new SessionException(SessionException.Kind.UNREACHABLE, "The server did not answer in time."), verbose);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fromFailure(spec, step, new SessionException(SessionException.Kind.UNREACHABLE, "Interrupted."), verbose);
        }
    }

    /** One line on standard error and the given exit code. */
    static int fail(CommandSpec spec, int code, String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        spec.commandLine().getErr().flush();
        return code;
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

    /** The user has no local copy on this server yet (exit 3: sign in once with the network). */
    static final class NoLocalCopy extends RuntimeException {
        NoLocalCopy(String message) {
            super(message);
        }
    }

    static int exitCodeOf(Throwable failure) {
        if (failure instanceof NoLocalCopy) {
            return ExitCode.AUTH_FAILED;
        }
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
