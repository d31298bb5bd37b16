package com.flowcrm.soak;

import com.flowcrm.bench.FxThread;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import javax.imageio.ImageIO;

/**
 * {@code timeline.png}: the run on one time axis, drawn with JavaFX charts (headless Monocle under the tests):
 * live events applied per second, the connection indicator's phase, pending changes and heap of each client, with
 * the faults marked on every chart (drops orange, stalls grey, server restarts red, the final sync green).
 */
final class TimelineChart {
    static final double WIDTH = 1600;
    static final double HEIGHT = 1300;
    private static final String[] PHASES = {"other", "OFFLINE", "RECONNECTING", "CONNECTING", "LIVE"};
    private static final int MAX_POINTS = 900;

    private TimelineChart() {
    }

    static void draw(SoakRun.Outcome outcome, List<ClientFiles> clients, String title, Path png) throws Exception {
        FxThread.start();
        CompletableFuture<int[]> pixels = new CompletableFuture<>();
        int[] size = new int[2];
        Platform.runLater(() -> {
            try {
                VBox root = build(outcome, clients, title);
                Scene scene = new Scene(root, WIDTH, HEIGHT);
                root.applyCss();
                root.layout();
                WritableImage image = root.snapshot(new SnapshotParameters(), null);
                size[0] = (int) image.getWidth();
                size[1] = (int) image.getHeight();
                int[] argb = new int[size[0] * size[1]];
                image.getPixelReader().getPixels(0, 0, size[0], size[1], PixelFormat.getIntArgbInstance(), argb, 0,
                        size[0]);
                scene.setRoot(new VBox());
                pixels.complete(argb);
            } catch (Throwable t) {
                pixels.completeExceptionally(t);
            }
        });
        int[] argb = pixels.get(2, TimeUnit.MINUTES);
        BufferedImage out = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, size[0], size[1], argb, 0, size[0]);
        if (!ImageIO.write(out, "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static VBox build(SoakRun.Outcome outcome, List<ClientFiles> clients, String title) {
        long t0 = outcome.t0();
        double end = (outcome.end() - t0) / 1000.0;
        List<Marker> markers = markers(outcome);

        MarkedChart events = chart("Live events applied per second", 0, end, markers, null);
        MarkedChart phase = chart("Connection indicator", 0, end, markers, new PhaseNames());
        MarkedChart pending = chart("Changes waiting to be sent (the outbox)", 0, end, markers, null);
        MarkedChart heap = chart("Heap (MB): after a full GC every 15 s (thick), in use (thin)", 0, end, markers, null);
        NumberAxis phases = (NumberAxis) phase.getYAxis();
        phases.setAutoRanging(false);
        phases.setLowerBound(0);
        phases.setUpperBound(4.35);
        phases.setTickUnit(1);
        phases.setMinorTickVisible(false);

        int index = 0;
        for (ClientFiles client : clients) {
            double offset = -0.15 * index;
            events.add(client.name(), eventsPerSecond(client, t0));
            phase.add(client.name(), phaseSteps(client, t0, end, offset));
            pending.add(client.name(), downsample(client.samples(), t0, s -> s.pending()));
            heap.add(client.name() + " after GC", afterGc(client, t0));
            heap.add(client.name() + " in use", downsample(client.samples(), t0, ClientSampler.Sample::heapUsedMb));
            index++;
        }
        heap.thinOddSeries();

        Label heading = new Label(title);
        heading.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
        Label legend = new Label("Marks: drops (orange lines), stalls (grey), server kill -9 to up again (red), "
                + "final sync without the simulator (green). Time in seconds from the start of the chaos.");
        legend.setStyle("-fx-font-size: 13px;");
        VBox box = new VBox(6, heading, legend, events, phase, pending, heap);
        box.setPadding(new Insets(12));
        box.setStyle("-fx-background-color: white;");
        for (Node chart : List.of(events, phase, pending, heap)) {
            VBox.setVgrow(chart, Priority.ALWAYS);
        }
        return box;
    }

    private static MarkedChart chart(String title, double from, double to, List<Marker> markers,
            StringConverter<Number> yLabels) {
        NumberAxis x = new NumberAxis(from, Math.max(to, 1), Math.max(10, Math.round(to / 30 / 10) * 10.0));
        NumberAxis y = new NumberAxis();
        // the same width on every chart, so that their time axes (and the fault marks) line up
        y.setMinWidth(110);
        y.setPrefWidth(110);
        if (yLabels != null) {
            y.setTickLabelFormatter(yLabels);
        }
        MarkedChart chart = new MarkedChart(x, y, markers);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setPrefHeight(290);
        return chart;
    }

    private static List<XYChart.Data<Number, Number>> eventsPerSecond(ClientFiles client, long t0) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        List<ClientSampler.Sample> samples = client.samples();
        for (int i = 1; i < samples.size(); i++) {
            ClientSampler.Sample a = samples.get(i - 1);
            ClientSampler.Sample b = samples.get(i);
            double seconds = (b.t() - a.t()) / 1000.0;
            if (seconds > 0) {
                points.add(new XYChart.Data<>((b.t() - t0) / 1000.0, (b.applied() - a.applied()) / seconds));
            }
        }
        return thinOut(points);
    }

    private static List<XYChart.Data<Number, Number>> phaseSteps(ClientFiles client, long t0, double end, double offset) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        double level = 0;
        for (SoakClientMain.PhaseChange change : client.phases()) {
            double at = Math.max(0, (change.t() - t0) / 1000.0);
            points.add(new XYChart.Data<>(at, level - offset));
            level = levelOf(change.phase());
            points.add(new XYChart.Data<>(at, level - offset));
        }
        points.add(new XYChart.Data<>(end, level - offset));
        return points;
    }

    private static double levelOf(String phase) {
        for (int i = 1; i < PHASES.length; i++) {
            if (PHASES[i].equals(phase)) {
                return i;
            }
        }
        return 0;
    }

    private static List<XYChart.Data<Number, Number>> afterGc(ClientFiles client, long t0) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        for (ClientSampler.Sample sample : client.samples()) {
            if (sample.heapAfterGcMb() != null && sample.t() >= t0) {
                points.add(new XYChart.Data<>((sample.t() - t0) / 1000.0, sample.heapAfterGcMb()));
            }
        }
        return points;
    }

    private static List<XYChart.Data<Number, Number>> downsample(List<ClientSampler.Sample> samples, long t0,
            ToDoubleFunction<ClientSampler.Sample> value) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        for (ClientSampler.Sample sample : samples) {
            if (sample.t() >= t0) {
                points.add(new XYChart.Data<>((sample.t() - t0) / 1000.0, value.applyAsDouble(sample)));
            }
        }
        return thinOut(points);
    }

    /** At most {@link #MAX_POINTS} points: the maximum of each bucket, so short peaks stay visible. */
    private static List<XYChart.Data<Number, Number>> thinOut(List<XYChart.Data<Number, Number>> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        int per = (int) Math.ceil(points.size() / (double) MAX_POINTS);
        List<XYChart.Data<Number, Number>> thinned = new ArrayList<>();
        for (int i = 0; i < points.size(); i += per) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = i; j < Math.min(points.size(), i + per); j++) {
                max = Math.max(max, points.get(j).getYValue().doubleValue());
            }
            thinned.add(new XYChart.Data<>(points.get(i).getXValue(), max));
        }
        return thinned;
    }

    private static List<Marker> markers(SoakRun.Outcome outcome) {
        List<Marker> markers = new ArrayList<>();
        long t0 = outcome.t0();
        for (SoakRun.FaultRecord fault : outcome.faults()) {
            double from = (fault.from() - t0) / 1000.0;
            double to = (fault.to() - t0) / 1000.0;
            switch (fault.kind()) {
                case "drop" -> markers.add(new Marker(from, from, Color.web("#f28e2b", 0.9)));
                case "stall" -> markers.add(new Marker(from, to, Color.web("#7f7f7f", 0.28)));
                case "restart" -> markers.add(new Marker(from, to, Color.web("#d62728", 0.30)));
                default -> markers.add(new Marker(from, (outcome.end() - t0) / 1000.0, Color.web("#2ca02c", 0.12)));
            }
        }
        return markers;
    }

    /** A band (or a line when from == to) on the time axis. */
    private record Marker(double from, double to, Color color) {
    }

    /** A line chart that draws the fault marks behind its lines. */
    private static final class MarkedChart extends LineChart<Number, Number> {
        private final List<Marker> marks;
        private final List<Rectangle> shapes = new ArrayList<>();

        MarkedChart(NumberAxis x, NumberAxis y, List<Marker> marks) {
            super(x, y);
            this.marks = marks;
            for (Marker mark : marks) {
                Rectangle shape = new Rectangle();
                shape.setFill(mark.color());
                shape.setMouseTransparent(true);
                shapes.add(shape);
            }
            getPlotChildren().addAll(0, shapes);
        }

        void add(String name, List<XYChart.Data<Number, Number>> points) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>(name, FXCollections.observableArrayList(points));
            getData().add(series);
        }

        /** Thick lines for the even series (after GC), thin ones for the odd (in use). */
        void thinOddSeries() {
            for (int i = 0; i < getData().size(); i++) {
                Node line = getData().get(i).getNode();
                if (line != null) {
                    line.setStyle(i % 2 == 1 ? "-fx-stroke-width: 1px; -fx-opacity: 0.55;" : "-fx-stroke-width: 3px;");
                }
            }
        }

        @Override
        protected void layoutPlotChildren() {
            super.layoutPlotChildren();
            NumberAxis x = (NumberAxis) getXAxis();
            double height = getYAxis().getHeight();
            for (int i = 0; i < marks.size(); i++) {
                Marker mark = marks.get(i);
                Rectangle shape = shapes.get(i);
                double left = x.getDisplayPosition(mark.from());
                double right = x.getDisplayPosition(mark.to());
                shape.setX(left);
                shape.setY(0);
                shape.setWidth(Math.max(2, right - left));
                shape.setHeight(height);
            }
        }
    }

    /** The phase names on the connection chart's axis. */
    private static final class PhaseNames extends StringConverter<Number> {
        @Override
        public String toString(Number value) {
            double v = value.doubleValue();
            int i = (int) Math.round(v);
            return Math.abs(v - i) < 0.01 && i >= 0 && i < PHASES.length ? PHASES[i] : "";
        }

        @Override
        public Number fromString(String text) {
            return 0;
        }
    }
}
