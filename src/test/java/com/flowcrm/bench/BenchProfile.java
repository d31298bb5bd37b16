package com.flowcrm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one latency profile ({@code -Dbench.jfr=true}; sampling period {@code -Dbench.jfrPeriodMs},
 * default 1) and where the FX thread's time went in it: the pulse's phases (animations, CSS, layout, sync to the
 * render graph) against the dispatcher's batches, what the work was (CSS, text, layout, our view code...) and which
 * component it was for (deal cards, contacts cells, highlights...), by execution samples of the measured window.
 * Writes {@code profile-<key>.jfr} (open it with {@code jfr print} or JDK Mission Control) and {@code profile-<key>.txt}.
 */
final class BenchProfile {
    static final boolean ENABLED = Boolean.getBoolean("bench.jfr");
    static final String FX_THREAD = "JavaFX Application Thread";
    static final String RENDER_THREAD = "QuantumRenderer-0";
    private static final int TOP = 25;

    /** Rules are tried in order; a rule matches a sample when any of its frame prefixes is on the stack. */
    record Rule(String label, List<String> frames) {
        static Rule of(String label, String... frames) {
            return new Rule(label, List.of(frames));
        }
    }

    /** Which part of the FX thread's cycle a sample is in: the outermost marker on its stack. */
    static final List<Rule> PHASES = List.of(
            Rule.of("batch: views' listeners (cells, highlights)", "com.flowcrm.store.EventDispatcher&com.flowcrm.ui."),
            Rule.of("batch: stores", "com.flowcrm.store.EventDispatcher"),
            Rule.of("frame upload: the software renderer's pixels copied to the screen (Monocle: also clears it)",
                    "com.sun.javafx.tk.quantum.SceneState.lambda$uploadPixels", "com.sun.glass.ui.View.uploadPixels"),
            Rule.of("pulse: animations and timers", "com.sun.scenario.animation.AbstractPrimaryTimer.timePulseImpl"),
            Rule.of("pulse: CSS pass", "javafx.scene.Scene.doCSSPass"),
            Rule.of("pulse: layout pass", "javafx.scene.Scene.doLayoutPass"),
            Rule.of("pulse: sync to the render graph", "javafx.scene.Scene$ScenePulseListener.synchronizeSceneNodes"),
            Rule.of("pulse: bounds of every node (Parent.updateBounds walks the whole scene)",
                    "javafx.scene.Scene$ScenePulseListener.pulse&javafx.scene.Parent.updateBounds"),
            Rule.of("pulse: handing the frame to the renderer", "com.sun.javafx.tk.quantum.GlassScene.",
                    "com.sun.javafx.tk.quantum.PaintCollector."),
            Rule.of("pulse: other", "com.sun.javafx.tk.quantum.QuantumToolkit.pulse", "com.sun.javafx.tk.Toolkit.firePulse"));

    /** What the work itself was: the marker nearest the top of the stack. */
    static final List<Rule> WORK = List.of(
            Rule.of("text: measuring and laying out strings", "com.sun.javafx.text.", "com.sun.javafx.font.",
                    "javafx.scene.text.Text.", "com.sun.javafx.scene.text.", "javafx.scene.control.skin.Utils.compute"),
            Rule.of("CSS: new style helpers (style classes changed, nodes added)",
                    "javafx.scene.CssStyleHelper.createStyleHelper", "javafx.scene.Node.reapplyCss"),
            Rule.of("CSS: applying styles (pseudo-class and dirty-state transitions)", "javafx.scene.CssStyleHelper.",
                    "javafx.css.", "com.sun.javafx.css."),
            Rule.of("effects (drop shadows)", "com.sun.scenario.effect.", "javafx.scene.effect."),
            Rule.of("render-graph sync (NG nodes)", "com.sun.javafx.sg.prism.", "javafx.scene.Node.syncPeer",
                    "javafx.scene.Node.doUpdatePeer"),
            Rule.of("frame upload (pixels to the screen)", "com.sun.glass.ui.monocle.Framebuffer",
                    "com.sun.glass.ui.View.uploadPixels"),
            Rule.of("bounds (Node/Parent.updateBounds)", "javafx.scene.Parent.updateBounds",
                    "javafx.scene.Node.updateBounds", "javafx.scene.Parent.recomputeBounds",
                    "javafx.scene.Node.updateGeomBounds", "javafx.scene.Node.getBoundsInParent"),
            Rule.of("our view code", "com.flowcrm.ui."),
            Rule.of("our store code", "com.flowcrm.store.", "com.flowcrm.model."),
            Rule.of("bindings, listeners, observable lists", "javafx.beans.", "com.sun.javafx.binding.",
                    "javafx.collections.", "com.sun.javafx.collections."),
            Rule.of("virtualized cells (VirtualFlow)", "javafx.scene.control.skin.VirtualFlow"),
            Rule.of("layout (sizes and positions)", "javafx.scene.layout.", "javafx.scene.Parent.layout",
                    "javafx.scene.Parent.pref", "javafx.scene.Parent.min", "javafx.scene.control.skin.",
                    "javafx.scene.control.SkinBase", "javafx.scene.control.Control."),
            Rule.of("animations", "javafx.animation.", "com.sun.scenario.animation."));

    /** Which component the work was for: the marker nearest the top of the stack. */
    static final List<Rule> COMPONENTS = List.of(
            Rule.of("highlights (flash, remote-change marks)", "com.flowcrm.ui.deal.FlashEffect",
                    "com.flowcrm.ui.deal.RecentChanges", "javafx.animation."),
            Rule.of("deal cards", "com.flowcrm.ui.pipeline.DealCard", "com.flowcrm.ui.pipeline.ProbabilityBar"),
            Rule.of("stage columns (headers, counts, totals)", "com.flowcrm.ui.pipeline.StageColumn"),
            Rule.of("contacts cells", "com.flowcrm.ui.contacts.HealthCell", "com.flowcrm.ui.contacts.HealthBadge",
                    "com.flowcrm.ui.contacts.ContactCell", "com.flowcrm.ui.contacts.ContactsView$"),
            Rule.of("insights", "com.flowcrm.ui.insights."),
            Rule.of("contacts table (JavaFX table skin)", "javafx.scene.control.skin.TableRowSkinBase",
                    "javafx.scene.control.skin.TableCellSkinBase", "javafx.scene.control.skin.TableViewSkinBase",
                    "javafx.scene.control.skin.TableHeaderRow", "javafx.scene.control.skin.NestedTableColumnHeader",
                    "javafx.scene.control.TableView", "javafx.scene.control.TableRow", "javafx.scene.control.TableCell"),
            Rule.of("board lists (JavaFX list skin)", "javafx.scene.control.skin.ListViewSkin",
                    "javafx.scene.control.skin.ListCellSkin", "javafx.scene.control.ListView",
                    "javafx.scene.control.ListCell"),
            Rule.of("pipeline view (other)", "com.flowcrm.ui.pipeline."),
            Rule.of("contacts view (other)", "com.flowcrm.ui.contacts."));

    /** What the FX thread spends on each, wherever it happens (overlapping: a sample can count for several). */
    static final List<Rule> INCLUSIVE = List.of(
            Rule.of("layout (Parent.layout, any depth)", "javafx.scene.Parent.layout"),
            Rule.of("CSS (the pass, and applyCss on cells during layout)", "javafx.scene.Node.processCSS",
                    "javafx.scene.CssStyleHelper"),
            Rule.of("text (measuring and laying out strings)", "javafx.scene.text.Text.", "com.sun.javafx.text.",
                    "com.sun.javafx.font.", "javafx.scene.control.skin.Utils.compute"),
            Rule.of("bounds (Parent.updateBounds)", "javafx.scene.Parent.updateBounds"),
            Rule.of("cells re-bound to an item or index (updateIndex/updateItem)",
                    "javafx.scene.control.IndexedCell.updateIndex", "com.flowcrm.ui.pipeline.DealCardCell.updateItem",
                    "javafx.scene.control.TableCell.updateItem", "javafx.scene.control.TableRow.updateItem"),
            Rule.of("deal cards rewriting their texts and states (DealCard)", "com.flowcrm.ui.pipeline.DealCard."),
            Rule.of("stage column headers (counts, totals)", "com.flowcrm.ui.pipeline.StageColumn"),
            Rule.of("formatting money, dates, percentages (DisplayFormats)", "com.flowcrm.ui.deal.DisplayFormats"),
            Rule.of("highlights (RecentChanges, FlashEffect)", "com.flowcrm.ui.deal.RecentChanges",
                    "com.flowcrm.ui.deal.FlashEffect"),
            Rule.of("contacts view code (cells, badges)", "com.flowcrm.ui.contacts."),
            Rule.of("stores applying events (com.flowcrm.store)", "com.flowcrm.store.EntityStore",
                    "com.flowcrm.store.DealsStore", "com.flowcrm.store.ContactsStore", "com.flowcrm.store.OrderedView"),
            Rule.of("frame upload to the screen", "com.sun.glass.ui.monocle.Framebuffer",
                    "com.sun.glass.ui.View.uploadPixels"));

    private final Recording recording;
    private final String key;
    private final long periodMs;

    private BenchProfile(Recording recording, String key, long periodMs) {
        this.recording = recording;
        this.key = key;
        this.periodMs = periodMs;
    }

    /**
     * Summarizes a recording again, e.g. one a later run kept:
     * {@code java -cp target/test-classes:... com.flowcrm.bench.BenchProfile target/bench/profile-100eps.jfr}.
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        BenchProfile profile = new BenchProfile(null, file.getFileName().toString(), Long.getLong("bench.jfrPeriodMs", 1));
        System.out.print(text(profile.summarize(RecordingFile.readAllEvents(file), Instant.MIN, Instant.MAX)));
    }

    /** Starts a recording when {@code -Dbench.jfr=true}, else returns null. */
    static BenchProfile startIfEnabled(String key) {
        if (!ENABLED) {
            return null;
        }
        try {
            long period = Long.getLong("bench.jfrPeriodMs", 1);
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(period));
            recording.setName("bench-" + key);
            recording.start();
            return new BenchProfile(recording, key, period);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot start the JFR recording", e);
        }
    }

    /** Stops, writes the recording and its summary, and returns the summary of the window from..to. */
    Map<String, Object> finish(Instant from, Instant to, Path dir) {
        try {
            recording.stop();
            Files.createDirectories(dir);
            Path file = dir.resolve("profile-" + key + ".jfr");
            recording.dump(file);
            recording.close();
            Map<String, Object> summary = summarize(RecordingFile.readAllEvents(file), from, to);
            Files.writeString(dir.resolve("profile-" + key + ".txt"), text(summary), StandardCharsets.UTF_8);
            BenchResults.log("profile of %s: %s", key, dir.resolve("profile-" + key + ".txt"));
            return summary;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the JFR recording", e);
        }
    }

    private Map<String, Object> summarize(List<RecordedEvent> events, Instant from, Instant to) {
        List<List<String>> fx = new ArrayList<>();
        List<List<String>> render = new ArrayList<>();
        long truncated = 0;
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStartTime().isBefore(from)
                    || e.getStartTime().isAfter(to)) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || !(FX_THREAD.equals(thread) || RENDER_THREAD.equals(thread))) {
                continue;
            }
            truncated += stack.isTruncated() ? 1 : 0;
            first = e.getStartTime().isBefore(first) ? e.getStartTime() : first;
            last = e.getStartTime().isAfter(last) ? e.getStartTime() : last;
            List<String> frames = stack.getFrames().stream().filter(RecordedFrame::isJavaFrame)
                    .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList();
            (FX_THREAD.equals(thread) ? fx : render).add(frames);
        }
        // a recording read again offline has no window of its own: the span of its samples
        double windowMs = from.equals(Instant.MIN) ? (first.isAfter(last) ? 0 : Duration.between(first, last).toMillis())
                : Duration.between(from, to).toMillis();
        List<List<String>> pulse = fx.stream().filter(f -> classify(PHASES, f, false).startsWith("pulse")).toList();
        List<List<String>> batches = fx.stream().filter(f -> classify(PHASES, f, false).startsWith("batch")).toList();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("window_ms", windowMs);
        s.put("sampling_period_ms", periodMs);
        s.put("fx_thread_samples", fx.size());
        s.put("fx_thread_busy_share_of_window", share(fx.size() * periodMs, windowMs));
        s.put("render_thread_samples", render.size());
        s.put("render_thread_busy_share_of_window", share(render.size() * periodMs, windowMs));
        s.put("truncated_stacks", truncated);
        s.put("fx_phases (share of FX thread samples)", breakdown(fx, f -> classify(PHASES, f, false)));
        s.put("pulse_work (share of pulse samples)", breakdown(pulse, f -> classify(WORK, f, true)));
        s.put("pulse_components (share of pulse samples)", breakdown(pulse, f -> classify(COMPONENTS, f, true)));
        s.put("batch_our_methods (inclusive, share of batch samples)", inclusiveOurs(batches));
        s.put("fx_work (share of FX thread samples)", breakdown(fx, f -> classify(WORK, f, true)));
        s.put("fx_components (share of FX thread samples)", breakdown(fx, f -> classify(COMPONENTS, f, true)));
        s.put("fx_inclusive (share of FX thread samples with it on the stack)", inclusive(fx));
        s.put("fx_top_methods (self, share of FX thread samples)", breakdown(fx, f -> f.isEmpty() ? "?" : f.get(0), TOP));
        s.put("fx_our_methods (inclusive, share of FX thread samples)", inclusiveOurs(fx));
        s.put("render_top_methods (self, share of render thread samples)",
                breakdown(render, f -> f.isEmpty() ? "?" : f.get(0), 15));
        return s;
    }

    /**
     * The label of the first rule with a frame on the stack: scanning from the top of the stack (the work itself)
     * when {@code fromTop}, else from its bottom (the outermost caller). A rule frame written {@code a&b} needs b
     * above a.
     */
    static String classify(List<Rule> rules, List<String> frames, boolean fromTop) {
        int n = frames.size();
        String best = null;
        int bestDepth = Integer.MAX_VALUE;
        for (Rule rule : rules) {
            for (String marker : rule.frames()) {
                String[] parts = marker.split("&");
                int outer = fromTop ? firstFromTop(frames, parts[0]) : firstFromBottom(frames, parts[0]);
                if (outer < 0 || (parts.length > 1 && firstFromTop(frames.subList(0, outer), parts[1]) < 0)) {
                    continue;
                }
                int depth = fromTop ? outer : n - 1 - outer;
                if (!fromTop) {
                    return rule.label();
                }
                if (depth < bestDepth) {
                    bestDepth = depth;
                    best = rule.label();
                }
            }
        }
        return best != null ? best : "other";
    }

    private static int firstFromTop(List<String> frames, String prefix) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int firstFromBottom(List<String> frames, String prefix) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Double> breakdown(List<List<String>> samples, Function<List<String>, String> label) {
        return breakdown(samples, label, Integer.MAX_VALUE);
    }

    private static Map<String, Double> breakdown(List<List<String>> samples, Function<List<String>, String> label,
            int limit) {
        Map<String, Long> counts = samples.stream().collect(Collectors.groupingBy(label, Collectors.counting()));
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> shares.put(e.getKey(), share(e.getValue(), samples.size())));
        return shares;
    }

    private static Map<String, Double> inclusive(List<List<String>> samples) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Rule rule : INCLUSIVE) {
            long n = samples.stream().filter(frames -> frames.stream()
                    .anyMatch(f -> rule.frames().stream().anyMatch(f::startsWith))).count();
            shares.put(rule.label(), share(n, samples.size()));
        }
        return shares;
    }

    /** Each of our methods with the share of samples it is on the stack of (callers include callees). */
    private static Map<String, Double> inclusiveOurs(List<List<String>> samples) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<String> frames : samples) {
            frames.stream().filter(f -> f.startsWith("com.flowcrm.")).distinct()
                    .forEach(f -> counts.merge(f, 1L, Long::sum));
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> shares.put(e.getKey(), share(e.getValue(), samples.size())));
        return shares;
    }

    private static double share(double part, double whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> summary) {
        StringBuilder t = new StringBuilder();
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> table) {
                t.append('\n').append(e.getKey()).append(":\n");
                ((Map<String, Double>) table).forEach((k, v) ->
                        t.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", v, k)));
            } else {
                t.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
        }
        return t.toString();
    }
}
