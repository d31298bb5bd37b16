package com.flowcrm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Runs one headless command in-process and captures its exit code, standard output and standard error. */
record CliRun(int code, String out, String err) {
    static CliRun of(Callable<Integer> command, String... args) {
        return of(new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true), args);
    }

    /** With the factory that makes the subcommands (those that need the app's local files). */
    static CliRun of(CommandLine.IFactory factory, Class<? extends Callable<Integer>> command, String... args) {
        try {
            return of(new CommandLine(factory.create(command), factory).setCaseInsensitiveEnumValuesAllowed(true), args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CliRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
