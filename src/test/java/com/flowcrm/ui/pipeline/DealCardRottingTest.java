package com.flowcrm.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.store.insights.RottingLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A rotting deal's card shows a red edge and "idle 21 d", by the stage limits the Insights view uses. */
class DealCardRottingTest {
    private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    private static Deal idle(DealStage stage, int days) {
        Deal deal = new Deal("d-" + stage + days);
        deal.setTitle("Platform renewal");
        deal.setStage(stage);
        deal.setLastActivity(NOW.minus(Duration.ofDays(days)));
        return deal;
    }

    @Test
    void aDealIdlePastItsStageLimitShowsItAndAFreshOneDoesNot() throws Exception {
        AtomicReference<RottingLimits> limits = new AtomicReference<>(RottingLimits.DEFAULTS);
        DealCard card = onFx(() -> new DealCard(CLOCK, limits::get));

        onFx(() -> {
            card.show(idle(DealStage.PROPOSAL, 21), false);
            return null;
        });
        assertThat(card.isRottingShown()).isTrue();
        assertThat(card.idleText()).isEqualTo("idle 21 d");
        assertThat(card.getPseudoClassStates()).contains(DealCard.ROTTING);

        onFx(() -> {
            card.show(idle(DealStage.PROPOSAL, 10), false);
            return null;
        });
        assertThat(card.isRottingShown()).as("10 days is what proposal allows").isFalse();
        assertThat(card.getPseudoClassStates()).doesNotContain(DealCard.ROTTING);

        limits.set(RottingLimits.DEFAULTS.with(DealStage.PROPOSAL, 5));
        onFx(() -> {
            card.show(idle(DealStage.PROPOSAL, 10), false);
            return null;
        });
        assertThat(card.isRottingShown()).as("a stricter limit set by the rep").isTrue();

        onFx(() -> {
            card.show(idle(DealStage.CLOSED_WON, 300), false);
            return null;
        });
        assertThat(card.isRottingShown()).as("closed deals never rot").isFalse();
    }
}
