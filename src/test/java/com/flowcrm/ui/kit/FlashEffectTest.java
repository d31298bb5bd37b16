package com.flowcrm.ui.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A highlight shows at once, fades on the shared steps and is gone, pseudo-class and all, when its time is up; a
 * recycled cell that picks up the rest of a highlight starts fainter; stopping clears it at once. Stepped by hand on a
 * virtual clock.
 */
class FlashEffectTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aHighlightShowsFadesStepByStepAndEnds() throws Exception {
        Region overlay = new Region();
        StackPane host = new StackPane(overlay);
        FlashEffect flash = onFx(() -> new FlashEffect(host, overlay, now::get));
        onFx(() -> {
            flash.play(RecentChanges.HIGHLIGHT);
            return null;
        });
        assertThat(overlay.getOpacity()).isEqualTo(1.0);
        assertThat(host.getPseudoClassStates()).contains(FlashEffect.REMOTE_CHANGE);
        assertThat(flash.isPlaying()).isTrue();

        double last = 1.0;
        for (int step = 0; step < 16; step++) {
            advance(FlashEffect.STEP);
            double opacity = onFx(() -> {
                FlashEffect.stepAll();
                return overlay.getOpacity();
            });
            assertThat(opacity).as("step %d fades", step).isLessThan(last).isGreaterThan(0);
            last = opacity;
        }
        assertThat(host.getPseudoClassStates()).as("still highlighted at 2 s").contains(FlashEffect.REMOTE_CHANGE);

        advance(Duration.ofMillis(200));
        onFx(() -> {
            FlashEffect.stepAll();
            return null;
        });
        assertThat(overlay.getOpacity()).isZero();
        assertThat(host.getPseudoClassStates()).doesNotContain(FlashEffect.REMOTE_CHANGE);
        assertThat(flash.isPlaying()).isFalse();
    }

    @Test
    void theRestOfAHighlightStartsFainterAndStopClearsAtOnce() throws Exception {
        Region overlay = new Region();
        StackPane host = new StackPane(overlay);
        FlashEffect flash = onFx(() -> new FlashEffect(host, overlay, now::get));
        onFx(() -> {
            flash.play(RecentChanges.HIGHLIGHT.dividedBy(2));
            return null;
        });
        assertThat(overlay.getOpacity()).isEqualTo(0.5);

        onFx(() -> {
            flash.stop();
            return null;
        });
        assertThat(overlay.getOpacity()).isZero();
        assertThat(host.getPseudoClassStates()).doesNotContain(FlashEffect.REMOTE_CHANGE);
        assertThat(flash.isPlaying()).isFalse();

        onFx(() -> {
            flash.play(Duration.ZERO);
            return null;
        });
        assertThat(host.getPseudoClassStates()).as("nothing left to show").doesNotContain(FlashEffect.REMOTE_CHANGE);
    }

    @Test
    void allHighlightsShareOneTimelineThatStopsWhenTheLastEnds() throws Exception {
        Region a = new Region();
        Region b = new Region();
        FlashEffect first = onFx(() -> new FlashEffect(new StackPane(a), a, now::get));
        FlashEffect second = onFx(() -> new FlashEffect(new StackPane(b), b, now::get));
        int before = onFx(FlashEffect::fadingCount);
        onFx(() -> {
            first.play(RecentChanges.HIGHLIGHT);
            second.play(RecentChanges.HIGHLIGHT.dividedBy(4));
            return null;
        });
        assertThat(onFx(FlashEffect::fadingCount)).isEqualTo(before + 2);
        advance(Duration.ofMillis(600));
        onFx(() -> {
            FlashEffect.stepAll();
            return null;
        });
        assertThat(second.isPlaying()).as("its quarter is over").isFalse();
        assertThat(first.isPlaying()).isTrue();
        advance(RecentChanges.HIGHLIGHT);
        onFx(() -> {
            FlashEffect.stepAll();
            return null;
        });
        assertThat(first.isPlaying()).isFalse();
    }
}
