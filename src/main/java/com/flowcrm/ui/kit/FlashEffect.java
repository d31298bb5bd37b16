package com.flowcrm.ui.kit;

import java.time.Duration;
import javafx.animation.FadeTransition;
import javafx.animation.Interpolator;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * The brief highlight of something changed by someone else: the host gets the {@code :remote-change}
 * pseudo-class (styled in views.css) while an overlay fades from visible to transparent.
 */
public final class FlashEffect {
    /** Set on the host for as long as the highlight lasts. */
    public static final PseudoClass REMOTE_CHANGE = PseudoClass.getPseudoClass("remote-change");

    private final Node host;
    private final Node overlay;
    private final FadeTransition fade;

    /** The overlay should be mouse-transparent and styled (e.g. an accent-coloured background or ring). */
    public FlashEffect(Node host, Node overlay) {
        this.host = host;
        this.overlay = overlay;
        overlay.setOpacity(0);
        overlay.setMouseTransparent(true);
        fade = new FadeTransition(javafx.util.Duration.ZERO, overlay);
        fade.setToValue(0);
        fade.setInterpolator(Interpolator.EASE_IN);
        fade.setOnFinished(e -> host.pseudoClassStateChanged(REMOTE_CHANGE, false));
    }

    /** Shows the highlight and fades it out over the given time; a zero time clears it at once. */
    public void play(Duration length) {
        fade.stop();
        if (length.isZero() || length.isNegative()) {
            stop();
            return;
        }
        host.pseudoClassStateChanged(REMOTE_CHANGE, true);
        double fraction = Math.min(1.0, (double) length.toMillis() / RecentChanges.HIGHLIGHT.toMillis());
        overlay.setOpacity(fraction);
        fade.setFromValue(fraction);
        fade.setDuration(javafx.util.Duration.millis(length.toMillis()));
        fade.playFromStart();
    }

    /** Ends the highlight (the host now shows another item). */
    public void stop() {
        fade.stop();
        overlay.setOpacity(0);
        host.pseudoClassStateChanged(REMOTE_CHANGE, false);
    }
}
