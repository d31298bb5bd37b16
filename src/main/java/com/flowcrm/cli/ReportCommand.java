package com.flowcrm.cli;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.store.insights.InsightSettings;
import com.flowcrm.store.insights.InsightsCalculator;
import com.flowcrm.store.insights.PipelineInsights;
import com.flowcrm.store.insights.RottingLimits;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code report forecast|stages|at-risk}: the numbers of the Insights view, by the same rules (the
 * {@code store.insights} package), from the deals of a signed-in session.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Sign in and print the numbers of the Insights view, by the same rules:",
            "  forecast  open deals by the month of their expected close date (as given, no time-zone shift):",
            "            this month (UTC) and the next five, overdue (before this month) and later;",
            "  stages    count, total and weighted value (value x probability / 100) of every stage;",
            "  at-risk   open deals idle longer than their stage allows, past their close date, with risk",
            "            factors or a competitor named; each with its reasons, highest value first.",
            "With --offline the deals of the local copy are read (no network); 3 then means no local copy yet.",
            "Exit codes: 0 ok, 2 usage or output error, 3 authentication failed, 4 server unreachable or protocol error."})
public final class ReportCommand implements Callable<Integer> {
    /** The reports, by the names the command line takes. */
    enum Report {
        FORECAST("forecast"), STAGES("stages"), AT_RISK("at-risk");

        private final String name;

        Report(String name) {
            this.name = name;
        }

        static Report named(String name) {
            for (Report r : values()) {
                if (r.name.equals(name)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** The output formats. */
    public enum Format { table, csv, json }

    @Parameters(index = "0", paramLabel = "forecast|stages|at-risk", description = "Which report.")
    String report;

    @Mixin
    ServerOptions server;

    @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
            description = "table (default), csv or json.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write; '-' or absent: standard output.")
    String out;

    @Option(names = "--offline", description = "Read the deals of the local copy instead (no network, no password);"
            + " changes waiting to be sent are included.")
    boolean offline;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final Clock clock;
    private final Supplier<RottingLimits> rottingLimits;
    private final LocalFiles files;

    public ReportCommand() {
        this(System.getenv(), Clock.tickMillis(ZoneOffset.UTC), () -> InsightSettings.forCurrentUser().rottingLimits());
    }

    /** With the local workspaces {@code --offline} reads (the entry point passes the app's own). */
    public ReportCommand(LocalFiles files) {
        this(System.getenv(), Clock.tickMillis(ZoneOffset.UTC), () -> InsightSettings.forCurrentUser().rottingLimits(),
                files);
    }

    /**
     * For tests: the environment (FLOW_API_URL, FLOW_WS_URL, FLOW_PASSWORD), the clock that says what "this month"
     * and "idle" mean, and the rotting limits (the app's saved ones by default, so the report matches the window).
     */
    ReportCommand(Map<String, String> environment, Clock clock, Supplier<RottingLimits> rottingLimits) {
        this(environment, clock, rottingLimits, null);
    }

    ReportCommand(Map<String, String> environment, Clock clock, Supplier<RottingLimits> rottingLimits, LocalFiles files) {
        this.environment = environment;
        this.clock = clock;
        this.rottingLimits = rottingLimits;
        this.files = files;
    }

    @Override
    public Integer call() {
        Report kind = Report.named(report);
        if (kind == null) {
            return CommandFailures.usage(spec, "Unknown report '" + report + "': use forecast, stages or at-risk.");
        }
        String password = server.password(environment);
        if (password == null && !offline) {
            return CommandFailures.usage(spec, ServerOptions.MISSING_PASSWORD);
        }
        if (offline && files == null) {
            return CommandFailures.usage(spec, "--offline needs the app's local files (run it through FlowCRM).");
        }
        // the one place that picks where the deals come from
        DealSource source = offline ? new LocalDeals(server, environment, files, CommandOutput.notes(spec))
                : new SignedInDeals(server, environment, password);
        RottingLimits limits = rottingLimits.get();
        return CommandFailures.guard(spec, "report", server.verbose, () -> {
            String text = source.withDeals(deals -> render(kind, compute(deals, limits)));
            return CommandOutput.write(spec, out, text);
        });
    }

    private PipelineInsights compute(Collection<Deal> deals, RottingLimits limits) {
        return new InsightsCalculator(clock).compute(deals, List.<Contact>of(), limits);
    }

    private String render(Report kind, PipelineInsights insights) {
        return switch (format) {
            case json -> switch (kind) {
                case FORECAST -> ReportFormats.forecastJson(insights);
                case STAGES -> ReportFormats.stagesJson(insights);
                case AT_RISK -> ReportFormats.atRiskJson(insights);
            };
            case csv -> switch (kind) {
                case FORECAST -> ReportFormats.forecastCsv(insights);
                case STAGES -> ReportFormats.stagesCsv(insights);
                case AT_RISK -> ReportFormats.atRiskCsv(insights);
            };
            case table -> switch (kind) {
                case FORECAST -> ReportFormats.forecastTable(insights);
                case STAGES -> ReportFormats.stagesTable(insights);
                case AT_RISK -> ReportFormats.atRiskTable(insights);
            };
        };
    }
}
