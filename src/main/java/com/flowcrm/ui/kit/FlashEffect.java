package com.flowcrm.ui.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import javafx.animation.Animation;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * The brief highlight of something changed by someone else: the host gets the {@code :remote-change}
 * pseudo-class (styled in views.css) while an overlay fades from visible to transparent.
 *
 * <p>Every highlight fades on one shared timeline that steps eight times a second, not on an animation of its own
 * that runs every frame: each step repaints the host, and with software rendering a board where a few cards were
 * highlighted at any time (100 live events a second) spent most of the render thread repainting them at 40-60 frames a
 * second. Eight steps a second of a fading tint read as a fade.
 */
public final class FlashEffect {
    /** Set on the host for as long as the highlight lasts. */
    public static final PseudoClass REMOTE_CHANGE = PseudoClass.getPseudoClass("remote-change");
    /** How often the fading highlights step. */
    static final Duration STEP = Duration.ofMillis(125);

    // FX thread only, like the nodes they change
    private static final Set<FlashEffect> FADING = new LinkedHashSet<>();
    private static Timeline ticker;

    private final Node host;
    private final Node overlay;
    private final LongSupplier nanoClock;
    private double from;
    private long startNanos;
    private long lengthNanos;

    /** The overlay should be mouse-transparent and styled (e.g. an accent-coloured background or ring). */
    public FlashEffect(Node host, Node overlay) {
        this(host, overlay, System::nanoTime);
    }

    /** Tests step the fades themselves ({@link #stepAll}) on a clock of their own. */
    FlashEffect(Node host, Node overlay, LongSupplier nanoClock) {
        this.host = host;
        this.overlay = overlay;
        this.nanoClock = nanoClock;
        overlay.setOpacity(0);
        overlay.setMouseTransparent(true);
    }

    /** Shows the highlight and fades it out over the given time; a zero time clears it at once. */
    public void play(Duration length) {
        if (length.isZero() || length.isNegative()) {
            stop();
            return;
        }
        host.pseudoClassStateChanged(REMOTE_CHANGE, true);
        from = Math.min(1.0, (double) length.toMillis() / RecentChanges.HIGHLIGHT.toMillis());
        startNanos = nanoClock.getAsLong();
        lengthNanos = length.toNanos();
        overlay.setOpacity(from);
        FADING.add(this);
        if (ticker == null) {
            ticker = new Timeline(new KeyFrame(javafx.util.Duration.millis(STEP.toMillis()), e -> stepAll()));
            ticker.setCycleCount(Animation.INDEFINITE);
        }
        if (ticker.getStatus() != Animation.Status.RUNNING) {
            ticker.play();
        }
    }

    /** Ends the highlight (the host now shows another item). */
    public void stop() {
        FADING.remove(this);
        overlay.setOpacity(0);
        host.pseudoClassStateChanged(REMOTE_CHANGE, false);
    }

    /** Whether the highlight is showing. */
    boolean isPlaying() {
        return FADING.contains(this);
    }

    /** One step of every fading highlight; the shared timeline stops when none is left. */
    static void stepAll() {
        for (FlashEffect flash : new ArrayList<>(FADING)) {
            flash.step();
        }
        if (FADING.isEmpty() && ticker != null) {
            ticker.stop();
        }
    }

    /** How many highlights are fading (for tests). */
    static int fadingCount() {
        return FADING.size();
    }

    private void step() {
        long elapsed = nanoClock.getAsLong() - startNanos;
        if (elapsed >= lengthNanos) {
            stop();
            return;
        }
        overlay.setOpacity(Interpolator.EASE_IN.interpolate(from, 0.0, (double) elapsed / lengthNanos));
    }
}
