package com.flowcrm.ui.insights;

import com.flowcrm.model.DealStage;
import java.util.Arrays;
import java.util.List;

/**
 * The style class that gives a node its stage's colour, the same class the board's columns carry
 * ({@code stage-proposal}); the colours themselves are looked-up colours defined once in views.css.
 */
final class StageStyles {
    /** The open stages, in board order: what the forecast stacks and the stage chart shows. */
    static final List<DealStage> OPEN = Arrays.stream(DealStage.values()).filter(s -> !s.isClosed()).toList();

    private StageStyles() {
    }

    static String of(DealStage stage) {
        return "stage-" + stage.wireName();
    }
}
