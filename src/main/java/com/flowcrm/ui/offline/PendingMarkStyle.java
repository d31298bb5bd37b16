package com.flowcrm.ui.offline;

import java.util.EnumMap;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * How a pending mark looks, the same on a card, a row and a field: an icon (and a word where there is room) whose
 * colour follows the mark's pseudo-class ({@code :waiting}, {@code :conflict}, {@code :failed}, {@code :saving}; the
 * stylesheets give them the theme's accent, warning and danger colours). Callers set it only when the mark changes.
 */
public final class PendingMarkStyle {
    /** The style class of every mark (views.css styles it). */
    public static final String STYLE_CLASS = "pending-mark";
    /** The style class of a mark that is only an icon (a table cell's graphic). */
    public static final String ICON_STYLE_CLASS = "pending-mark-icon";
    private static final Map<MarkState, PseudoClass> PSEUDO_CLASSES = new EnumMap<>(MarkState.class);

    static {
        for (MarkState state : MarkState.values()) {
            if (state.pseudoClass() != null) {
                PSEUDO_CLASSES.put(state, PseudoClass.getPseudoClass(state.pseudoClass()));
            }
        }
    }

    private PendingMarkStyle() {
    }

    /** The icon of a mark: a clock while it waits, a warning for a conflict, a cross when refused. */
    public static Feather iconOf(MarkState state) {
        return switch (state) {
            case NONE, WAITING -> Feather.CLOCK;
            case SAVING -> Feather.UPLOAD_CLOUD;
            case FAILED -> Feather.X_CIRCLE;
            case CONFLICT -> Feather.ALERT_TRIANGLE;
        };
    }

    /** A worded mark (card, field): shown with its word, icon and tooltip, or hidden for {@link MarkState#NONE}. */
    public static void show(Label mark, FontIcon icon, Tooltip tip, MarkState state) {
        boolean on = state != MarkState.NONE;
        mark.setVisible(on);
        mark.setManaged(on);
        wear(mark, state);
        if (on) {
            mark.setText(state.text());
            icon.setIconCode(iconOf(state));
            tip.setText(state.tip());
            mark.setAccessibleText(state.tip());
        }
    }

    /** A mark that is only an icon, as the graphic of a table cell (nothing for {@link MarkState#NONE}). */
    public static void showIcon(Labeled owner, FontIcon icon, Tooltip tip, MarkState state) {
        boolean on = state != MarkState.NONE;
        wear(icon, state);
        if (on) {
            icon.setIconCode(iconOf(state));
            tip.setText(state.tip());
        }
        owner.setGraphic(on ? icon : null);
        owner.setTooltip(on ? tip : null);
    }

    /** A new worded mark, hidden until {@link #show} gives it a state. */
    public static Label newMark(FontIcon icon, Tooltip tip) {
        Label mark = new Label(null, icon);
        mark.getStyleClass().add(STYLE_CLASS);
        mark.setTooltip(tip);
        mark.setMinWidth(Label.USE_PREF_SIZE);
        show(mark, icon, tip, MarkState.NONE);
        return mark;
    }

    /** Puts the mark's pseudo-class on a node (and takes the others off). */
    public static void wear(Node node, MarkState state) {
        PSEUDO_CLASSES.forEach((s, pseudoClass) -> node.pseudoClassStateChanged(pseudoClass, s == state));
    }
}
