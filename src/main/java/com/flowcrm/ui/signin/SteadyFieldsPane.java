package com.flowcrm.ui.signin;

import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * Holds the sign-in column in the upper part of the window and keeps its fields where they are while the window keeps
 * its size: a notice that appears after the form (the credential store answers behind the window) or an error grows the
 * card below the fields instead of re-centring it and moving them under the rep's cursor. A new window size places
 * the column afresh.
 */
final class SteadyFieldsPane extends StackPane {
    /**
     * The part of the free height above the column (the rest below): room for a late notice under the fields without
     * anything moving, where a centred card leaves only half.
     */
    static final double SHARE_ABOVE = 0.25;

    private final Region column;
    private final Node fields;
    private double placedWidth = -1;
    private double placedHeight = -1;
    private double fieldsY;

    /**
     * @param column the only child, centred across
     * @param fields the node inside it whose position in this pane stays put
     */
    SteadyFieldsPane(Region column, Node fields) {
        super(Objects.requireNonNull(column, "column"));
        this.column = column;
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    @Override
    protected void layoutChildren() {
        Insets insets = getInsets();
        double areaWidth = getWidth() - insets.getLeft() - insets.getRight();
        double areaHeight = getHeight() - insets.getTop() - insets.getBottom();
        double width = Math.max(column.minWidth(-1), Math.min(areaWidth, column.maxWidth(-1)));
        double height = column.prefHeight(width);
        column.resize(snapSizeX(width), snapSizeY(height));
        // the column's own layout would only run after this one; the fields' place in it is needed now
        column.layout();
        double fieldsInColumn = offsetInColumn();
        double top = insets.getTop();
        double free = areaHeight - height;
        double y;
        if (getWidth() != placedWidth || getHeight() != placedHeight) {
            placedWidth = getWidth();
            placedHeight = getHeight();
            y = top + Math.max(0, free) * SHARE_ABOVE;
            fieldsY = y + fieldsInColumn;
        } else {
            // where the fields were, as far as the column still fits in the window
            y = Math.max(top, Math.min(top + Math.max(0, free), fieldsY - fieldsInColumn));
        }
        column.relocate(snapPositionX(insets.getLeft() + (areaWidth - width) / 2), snapPositionY(y));
    }

    private double offsetInColumn() {
        double y = 0;
        for (Node node = fields; node != null && node != column; node = node.getParent()) {
            y += node.getLayoutY();
        }
        return y;
    }
}
