package com.flowcrm.cli;

import com.flowcrm.model.DealStage;
import com.flowcrm.store.insights.Amounts;
import com.flowcrm.store.insights.AtRiskDeal;
import com.flowcrm.store.insights.DealGroup;
import com.flowcrm.store.insights.ForecastBucket;
import com.flowcrm.store.insights.InsightsCsv;
import com.flowcrm.store.insights.PipelineInsights;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three reports in the three formats of {@code report}: JSON in the keys the README documents, CSV as the
 * Insights view exports it, and a table for people. Amounts are rounded to the cent.
 */
final class ReportFormats {
    private static final List<DealStage> OPEN = Arrays.stream(DealStage.values()).filter(s -> !s.isClosed()).toList();
    private static final List<DealStage> ALL = List.of(DealStage.values());

    private ReportFormats() {
    }

    // ---- JSON -------------------------------------------------------------------------------------------------

    /** {generatedAt, months: [{month, count, total, weighted, byStage: {stage: {count, total, weighted}}}], overdue, later}. */
    static String forecastJson(PipelineInsights insights) {
        JsonObject root = new JsonObject();
        root.addProperty("generatedAt", DateTimeFormatter.ISO_INSTANT.format(insights.generatedAt()));
        JsonArray months = new JsonArray();
        for (ForecastBucket month : insights.forecast().months()) {
            JsonObject m = new JsonObject();
            m.addProperty("month", month.key());
            figures(m, month.all());
            JsonObject byStage = new JsonObject();
            for (DealStage stage : OPEN) {
                byStage.add(stage.wireName(), figures(new JsonObject(), month.stage(stage)));
            }
            m.add("byStage", byStage);
            months.add(m);
        }
        root.add("months", months);
        root.add("overdue", figures(new JsonObject(), insights.forecast().overdue().all()));
        root.add("later", figures(new JsonObject(), insights.forecast().later().all()));
        return pretty(root);
    }

    /** [{stage, count, total, weighted}] for all six stages in board order. */
    static String stagesJson(PipelineInsights insights) {
        JsonArray stages = new JsonArray();
        for (DealStage stage : ALL) {
            JsonObject s = new JsonObject();
            s.addProperty("stage", stage.wireName());
            stages.add(figures(s, insights.stage(stage)));
        }
        return pretty(stages);
    }

    /** [{id, title, value, reasons: [...]}], highest value first. */
    static String atRiskJson(PipelineInsights insights) {
        JsonArray deals = new JsonArray();
        for (AtRiskDeal d : insights.atRisk()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", d.id());
            o.addProperty("title", d.title());
            o.addProperty("value", Amounts.cents(d.value()));
            JsonArray reasons = new JsonArray();
            d.reasons().forEach(reasons::add);
            o.add("reasons", reasons);
            deals.add(o);
        }
        return pretty(deals);
    }

    private static JsonObject figures(JsonObject into, DealGroup g) {
        into.addProperty("count", g.count());
        into.addProperty("total", Amounts.cents(g.total()));
        into.addProperty("weighted", Amounts.cents(g.weighted()));
        return into;
    }

    private static String pretty(JsonElement json) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n";
    }

    // ---- CSV --------------------------------------------------------------------------------------------------

    static String forecastCsv(PipelineInsights insights) {
        return csv(out -> InsightsCsv.forecast(insights.forecast(), out));
    }

    static String stagesCsv(PipelineInsights insights) {
        return csv(out -> InsightsCsv.stages(insights, ALL, out));
    }

    static String atRiskCsv(PipelineInsights insights) {
        return csv(out -> InsightsCsv.atRisk(insights.atRisk(), out));
    }

    private interface CsvWriter {
        void write(Appendable out) throws IOException;
    }

    private static String csv(CsvWriter writer) {
        StringBuilder text = new StringBuilder();
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return text.toString();
    }

    // ---- tables -----------------------------------------------------------------------------------------------

    static String forecastTable(PipelineInsights insights) {
        StringBuilder t = new StringBuilder();
        t.append("Forecast by expected close month (open deals; weighted = value x probability / 100)\n");
        t.append(String.format(Locale.US, "%-9s %6s %16s %16s", "month", "deals", "total", "weighted"));
        for (DealStage stage : OPEN) {
            t.append(String.format(Locale.US, " %14s", stage.label().toLowerCase(Locale.ROOT)));
        }
        t.append('\n');
        for (ForecastBucket bar : insights.forecast().bars()) {
            DealGroup all = bar.all();
            t.append(String.format(Locale.US, "%-9s %6d %16s %16s", bar.key(), all.count(), money(all.total()),
                    money(all.weighted())));
            for (DealStage stage : OPEN) {
                t.append(String.format(Locale.US, " %14s", money(bar.stage(stage).weighted())));
            }
            t.append('\n');
        }
        DealGroup undated = insights.forecast().undated();
        if (undated.count() > 0) {
            t.append(undated.count()).append(" open deal(s) without an expected close date (").append(money(undated.total()))
                    .append(") are in no month.\n");
        }
        t.append("The stage columns are weighted values. Generated ")
                .append(DateTimeFormatter.ISO_INSTANT.format(insights.generatedAt())).append('\n');
        return t.toString();
    }

    static String stagesTable(PipelineInsights insights) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.US, "%-12s %6s %16s %16s%n", "stage", "deals", "total", "weighted"));
        for (DealStage stage : ALL) {
            DealGroup g = insights.stage(stage);
            t.append(String.format(Locale.US, "%-12s %6d %16s %16s%n", stage.wireName(), g.count(), money(g.total()),
                    money(g.weighted())));
        }
        return t.toString();
    }

    static String atRiskTable(PipelineInsights insights) {
        StringBuilder t = new StringBuilder();
        List<AtRiskDeal> deals = insights.atRisk();
        t.append(deals.size()).append(deals.size() == 1 ? " open deal" : " open deals")
                .append(" at risk, highest value first\n");
        for (AtRiskDeal d : deals) {
            t.append(String.format(Locale.US, "%14s  %-12s %s (%s)%n", money(d.value()), d.stage().wireName(), d.title(), d.id()));
            t.append(String.format(Locale.US, "%14s  %s%n", "", String.join("; ", d.reasons())));
        }
        return t.toString();
    }

    private static String money(double amount) {
        return String.format(Locale.US, "%,.2f", amount);
    }
}
