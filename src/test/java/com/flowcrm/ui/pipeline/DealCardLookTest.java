package com.flowcrm.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Theme;
import com.flowcrm.ui.theme.ThemeSwitcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The card's look with the app's theme: lifted off the column by a shadow-coloured layer one pixel below its edge, with
 * no effect (an effect is drawn into an image and blurred at every repaint in software rendering), and a rotting deal
 * keeps its red left edge on top of that layer.
 */
class DealCardLookTest {
    private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    private static Deal deal(int idleDays) {
        Deal deal = new Deal("d-look-" + idleDays);
        deal.setTitle("Platform renewal");
        deal.setStage(DealStage.PROPOSAL);
        deal.setLastActivity(NOW.minus(Duration.ofDays(idleDays)));
        return deal;
    }

    /** The card styled as on the board: the theme, the app's and the views' stylesheets. */
    private static List<BackgroundFill> styled(DealCard card, Theme theme, Deal deal) throws Exception {
        return onFx(() -> {
            StackPane column = new StackPane(card);
            column.getStylesheets().add(PipelineView.STYLESHEET);
            ThemeSwitcher.style(column);
            Scene scene = new Scene(column, 300, 200);
            scene.setUserAgentStylesheet(ThemeSwitcher.stylesheetOf(theme));
            card.show(deal, false);
            column.applyCss();
            return card.getBackground().getFills();
        });
    }

    /** The theme's shadow colour, as the theme resolves it for any node. */
    private static Color shadowColour(Theme theme) throws Exception {
        return onFx(() -> {
            StackPane probe = new StackPane();
            probe.setStyle("-fx-background-color: -color-shadow-default;");
            Scene scene = new Scene(probe, 10, 10);
            scene.setUserAgentStylesheet(ThemeSwitcher.stylesheetOf(theme));
            probe.applyCss();
            return (Color) probe.getBackground().getFills().get(0).getFill();
        });
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void aCardIsLiftedByALayerBelowItsEdgeWithoutAnEffect(Theme theme) throws Exception {
        DealCard card = onFx(() -> new DealCard(CLOCK));
        List<BackgroundFill> fills = styled(card, theme, deal(1));

        assertThat(card.getEffect()).as("no effect on the card").isNull();
        assertThat(fills).hasSize(2);
        assertThat(fills.get(0).getFill()).as("the lift, in the theme's shadow colour").isEqualTo(shadowColour(theme));
        assertThat(fills.get(0).getInsets().getBottom()).as("one pixel below the card's edge").isEqualTo(-1);
        assertThat(fills.get(0).getInsets().getTop()).isZero();
        assertThat(fills.get(1).getInsets().getBottom()).as("the card itself covers the rest").isZero();
        assertThat(fills.get(1).getFill()).isNotEqualTo(fills.get(0).getFill());
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void aRottingCardKeepsItsRedEdgeAndItsLift(Theme theme) throws Exception {
        DealCard card = onFx(() -> new DealCard(CLOCK));
        List<BackgroundFill> fills = styled(card, theme, deal(21));

        assertThat(card.isRottingShown()).isTrue();
        assertThat(card.getEffect()).isNull();
        assertThat(fills).hasSize(3);
        assertThat(fills.get(0).getFill()).isEqualTo(shadowColour(theme));
        assertThat(fills.get(0).getInsets().getBottom()).isEqualTo(-1);
        Color edge = (Color) fills.get(1).getFill();
        assertThat(edge.getRed()).as("the red edge").isGreaterThan(edge.getGreen() + 0.2);
        assertThat(fills.get(2).getInsets().getLeft()).as("the edge shows on the left, 4 px").isEqualTo(4);
    }
}
