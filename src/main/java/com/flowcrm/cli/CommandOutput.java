package com.flowcrm.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command's output goes: standard output for no file or "-", else the file, written through a
 * temporary file and moved into place, so a failed write never leaves half a file.
 */
final class CommandOutput {
    private static final Logger log = LoggerFactory.getLogger(CommandOutput.class);

    private CommandOutput() {
    }

    /** One line on standard output. */
    static void line(CommandSpec spec, String text) {
        spec.commandLine().getOut().println(text);
        spec.commandLine().getOut().flush();
    }

    /** Where a command says what the user must know besides its result: "note: ..." lines on standard error. */
    static java.util.function.Consumer<String> notes(CommandSpec spec) {
        return text -> {
            spec.commandLine().getErr().println("note: " + text);
            spec.commandLine().getErr().flush();
        };
    }

    /** Writes the text; returns OK, or USAGE with one line on standard error when the file cannot be written. */
    static int write(CommandSpec spec, String out, String text) {
        if (out == null || out.equals("-")) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        Path target = Path.of(out).toAbsolutePath();
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".flow-export", ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                writer.write(text);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return ExitCode.OK;
        } catch (IOException e) {
            log.debug("Writing {} failed", target, e);
            return CommandFailures.usage(spec, "Cannot write " + target + ": " + e.getMessage());
        }
    }
}
