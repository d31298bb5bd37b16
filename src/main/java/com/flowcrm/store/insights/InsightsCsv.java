package com.flowcrm.store.insights;

import com.flowcrm.model.DealStage;
import com.flowcrm.model.RelationshipHealth;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The numbers behind each insight as CSV with a header row (RFC 4180), shared by the Insights view's export and
 * {@code report --format csv}: amounts rounded to the cent, stages and buckets by their wire names.
 */
public final class InsightsCsv {
    public static final List<String> FORECAST_HEADER = List.of("bucket", "stage", "count", "total", "weighted");
    public static final List<String> STAGES_HEADER = List.of("stage", "count", "total", "weighted");
    public static final List<String> AT_RISK_HEADER = List.of("id", "title", "company", "stage", "value", "reasons");
    public static final List<String> HEALTH_HEADER = List.of("health", "contacts", "share");
    /** What the "stage" column says on a bar's row for all its stages together. */
    public static final String ALL_STAGES = "all";

    private InsightsCsv() {
    }

    /** One row per bar (overdue, the six months, later) for all stages, then one per open stage. */
    public static void forecast(Forecast forecast, Appendable out) throws IOException {
        try (CSVPrinter csv = printer(out, FORECAST_HEADER)) {
            for (ForecastBucket bar : forecast.bars()) {
                group(csv, bar.key(), ALL_STAGES, bar.all());
                for (DealStage stage : DealStage.values()) {
                    if (!stage.isClosed()) {
                        group(csv, bar.key(), stage.wireName(), bar.stage(stage));
                    }
                }
            }
        }
    }

    /** One row per given stage, in board order. */
    public static void stages(PipelineInsights insights, List<DealStage> stages, Appendable out) throws IOException {
        try (CSVPrinter csv = printer(out, STAGES_HEADER)) {
            for (DealStage stage : stages) {
                DealGroup g = insights.stage(stage);
                csv.printRecord(stage.wireName(), g.count(), Amounts.plain(g.total()), Amounts.plain(g.weighted()));
            }
        }
    }

    /** One row per deal at risk, highest value first; the reasons joined by "; ". */
    public static void atRisk(List<AtRiskDeal> deals, Appendable out) throws IOException {
        try (CSVPrinter csv = printer(out, AT_RISK_HEADER)) {
            for (AtRiskDeal d : deals) {
                csv.printRecord(d.id(), d.title(), d.company(), d.stage().wireName(), Amounts.plain(d.value()),
                        String.join("; ", d.reasons()));
            }
        }
    }

    /** One row per health level with its share of all contacts (0 to 1, four decimals). */
    public static void healthMix(ContactHealth health, Appendable out) throws IOException {
        try (CSVPrinter csv = printer(out, HEALTH_HEADER)) {
            for (RelationshipHealth level : RelationshipHealth.values()) {
                int n = health.count(level);
                double share = health.total() == 0 ? 0 : n / (double) health.total();
                csv.printRecord(level.wireName(), n, String.format(Locale.ROOT, "%.4f", share));
            }
        }
    }

    private static void group(CSVPrinter csv, String bucket, String stage, DealGroup g) throws IOException {
        csv.printRecord(bucket, stage, g.count(), Amounts.plain(g.total()), Amounts.plain(g.weighted()));
    }

    private static CSVPrinter printer(Appendable out, List<String> header) throws IOException {
        return new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
    }
}
