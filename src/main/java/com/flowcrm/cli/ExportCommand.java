package com.flowcrm.cli;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.common.DaemonThreads;
import com.flowcrm.model.Deal;
import com.flowcrm.store.RootStore;
import com.flowcrm.store.SessionStore;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Signs in, loads everything, optionally listens to live events through the very same stores and dispatcher as
 * the desktop window, then writes a snapshot as JSON or CSV.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Sign in, load deals, contacts and notifications, optionally stay connected to apply live events,",
            "then write a snapshot (JSON: everything; CSV: the deals).",
            "Exit codes: 0 ok, 2 usage or output error, 3 authentication failed, 4 server unreachable or protocol error."})
public final class ExportCommand implements Callable<Integer> {

    /** The output formats. */
    public enum Format { json, csv }

    @Mixin
    ServerOptions server;

    @Option(names = "--listen", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stay connected this long applying live events before writing (default: 0).")
    int listenSeconds;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write; '-' or absent: standard output.")
    String out;

    @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json", description = "json (default) or csv.")
    Format format;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    public ExportCommand() {
        this(System.getenv());
    }

    /** For tests: the environment the command reads FLOW_API_URL, FLOW_WS_URL and FLOW_PASSWORD from. */
    public ExportCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (listenSeconds < 0) {
            return CommandFailures.usage(spec, "--listen must be 0 or more seconds.");
        }
        String password = server.password(environment);
        if (password == null) {
            return CommandFailures.usage(spec, ServerOptions.MISSING_PASSWORD);
        }
        return CommandFailures.guard(spec, "export", server.verbose, () -> {
            try (SignedInSession signedIn = SignedInSession.open(server, environment, password)) {
                if (listenSeconds > 0) {
                    Thread.sleep(listenSeconds * 1000L);
                }
                String output = signedIn.read(this::render);
                signedIn.logout();
                return CommandOutput.write(spec, out, output);
            }
        });
    }

    private String render(SessionStore session) {
        return format == Format.csv ? renderCsv(session.root().deals().getDeals()) : renderJson(session);
    }

    private static String renderJson(SessionStore session) {
        JsonMapper mapper = JsonMapper.create();
        RootStore root = session.root();
        JsonObject export = new JsonObject();
        export.addProperty("exportedAt", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        export.add("user", mapper.toJson(session.getCurrentUser()));
        JsonArray deals = new JsonArray();
        root.deals().getDeals().forEach(d -> deals.add(mapper.toJson(d)));
        export.add("deals", deals);
        JsonArray contacts = new JsonArray();
        root.contacts().getContacts().forEach(c -> contacts.add(mapper.toJson(c)));
        export.add("contacts", contacts);
        JsonArray notifications = new JsonArray();
        root.notifications().getNotifications().forEach(n -> notifications.add(mapper.toJson(n)));
        export.add("notifications", notifications);
        SessionStore.ConnectionSummary summary = session.connectionSummary();
        JsonObject connection = new JsonObject();
        connection.addProperty("state", summary.state());
        connection.addProperty("connects", summary.connects());
        connection.addProperty("reconnects", summary.reconnects());
        connection.addProperty("resyncs", summary.resyncs());
        connection.addProperty("eventsApplied", summary.eventsApplied());
        connection.addProperty("eventsRejected", summary.eventsRejected());
        connection.addProperty("eventsIgnored", summary.eventsIgnored());
        export.add("connection", connection);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(export) + "\n";
    }

    /** The CSV columns, one row per deal in store order. */
    static final List<String> CSV_HEADER = List.of("id", "title", "company", "contactName", "contactId", "stage", "value",
            "probability", "weightedValue", "priority", "confidence", "expectedCloseDate", "createdDate", "lastActivity",
            "competitorMentioned", "tags", "riskFactors", "positiveSignals");

    private static String renderCsv(List<Deal> deals) {
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER.toArray(String[]::new)).get())) {
            for (Deal d : deals) {
                csv.printRecord(d.getId(), d.getTitle(), d.getCompany(), d.getContactName(), d.getContactId(),
                        d.getStage().wireName(), number(d.getValue()), d.getProbability(), number(d.getWeightedValue()),
                        d.getPriority() == null ? "" : d.getPriority().wireName(),
                        d.getConfidence() == null ? "" : d.getConfidence().wireName(),
                        instant(d.getExpectedCloseDate()), instant(d.getCreatedDate()), instant(d.getLastActivity()),
                        d.getCompetitorMentioned() == null ? "" : d.getCompetitorMentioned(),
                        String.join("; ", d.tagList()), String.join("; ", d.riskFactorList()),
                        String.join("; ", d.positiveSignalList()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Writing CSV to memory failed", e);
        }
        return text.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String instant(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
