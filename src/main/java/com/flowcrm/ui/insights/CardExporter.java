package com.flowcrm.ui.insights;

import com.flowcrm.store.insights.PipelineInsights;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export menu of the Insights cards: asks where, saves the card as a PNG or its numbers (from the insights the
 * view shows) as CSV, and says how it went in the view's message line.
 */
final class CardExporter {
    private static final Logger LOG = LoggerFactory.getLogger(CardExporter.class);
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    /** Writes the numbers behind a card. */
    @FunctionalInterface
    interface CsvSource {
        void write(PipelineInsights insights, Appendable out) throws IOException;
    }

    private final Supplier<Window> owner;
    private final Supplier<PipelineInsights> shown;
    private final Executor io;
    private final Label message;
    private final Map<ChartCard, CsvSource> sources = new HashMap<>();

    CardExporter(Supplier<Window> owner, Supplier<PipelineInsights> shown, Executor io, Label message) {
        this.owner = owner;
        this.shown = shown;
        this.io = io;
        this.message = message;
    }

    /** Gives the card its export menu; files are suggested as {@code name.png} and {@code name.csv}. */
    void attach(ChartCard card, String name, String what, CsvSource csv) {
        sources.put(card, csv);
        card.addExport("Save " + what + " as PNG\u2026", () -> choose(name + ".png", "PNG image", "*.png", f -> png(card, f)),
                "Save numbers as CSV\u2026", () -> choose(name + ".csv", "CSV file", "*.csv", f -> csv(card, f)));
    }

    /** The card as it is on screen, at twice the screen's scale. */
    CompletableFuture<Path> png(ChartCard card, Path file) {
        return ChartExport.png(card, file, io);
    }

    /** The numbers behind the card, from the insights it shows now. */
    CompletableFuture<Path> csv(ChartCard card, Path file) {
        PipelineInsights insights = shown.get();
        if (insights == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Nothing is shown yet."));
        }
        StringBuilder text = new StringBuilder();
        try {
            sources.get(card).write(insights, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return ChartExport.csv(text.toString(), file, io);
    }

    private void choose(String suggested, String description, String pattern,
            java.util.function.Function<Path, CompletableFuture<Path>> export) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export");
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            report(export.apply(file.toPath()));
        }
    }

    private void report(CompletableFuture<Path> export) {
        export.whenComplete((path, error) -> Platform.runLater(() -> {
            if (error == null) {
                message.setText("Saved " + path.getFileName());
                message.pseudoClassStateChanged(ERROR, false);
            } else {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                LOG.warn("Export failed: {}", cause.getMessage());
                message.setText("Could not save: " + cause.getMessage());
                message.pseudoClassStateChanged(ERROR, true);
            }
        }));
    }
}
