package com.flowcrm.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code demo-server} prints while it starts, read by the tests that run it as a child process: the lines up
 * to "Press Ctrl+C" and the URLs in them ({@code FLOW_API_URL=...}, {@code FLOW_WS_URL=...}).
 */
public final class DemoServerStartOutput {
    private DemoServerStartOutput() {
    }

    /** The lines up to and with "Press Ctrl+C" (or to the end of the output, with a read error as the last line). */
    public static List<String> readUntilStarted(BufferedReader reader) {
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("Press Ctrl+C")) {
                    break;
                }
            }
        } catch (IOException e) {
            lines.add(e.toString());
        }
        return lines;
    }

    /** The value after {@code prefix} on the first line that starts with it (blanks trimmed), or null. */
    public static String value(List<String> lines, String prefix) {
        return lines.stream().map(String::trim).filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElse(null);
    }
}
