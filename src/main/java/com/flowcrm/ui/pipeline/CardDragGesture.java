package com.flowcrm.ui.pipeline;

import com.flowcrm.model.Deal;
import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * Dragging a card to another column, built on the press-drag-release gesture (mouse events only, so it
 * behaves the same on every platform and under the headless test robot): a ghost of the card follows the
 * pointer over the board, the column under it lights up, and releasing over a column asks the board to move.
 */
final class CardDragGesture {
    static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private final Pane overlay;
    private final PipelineViewModel viewModel;
    private final BoardSelection selection;
    private final List<StageColumn> columns = new ArrayList<>();
    private final ImageView ghost = new ImageView();
    private Deal dragged;
    private Point2D grabOffset = Point2D.ZERO;

    /** The overlay lies over the whole board and ignores the mouse; the ghost is drawn on it. */
    CardDragGesture(Pane overlay, PipelineViewModel viewModel, BoardSelection selection) {
        this.overlay = overlay;
        this.viewModel = viewModel;
        this.selection = selection;
        overlay.setMouseTransparent(true);
        ghost.getStyleClass().add("drag-ghost");
        ghost.setOpacity(0.85);
        ghost.setManaged(false);
        ghost.setVisible(false);
        overlay.getChildren().add(ghost);
    }

    void attachSource(DealCardCell cell) {
        cell.addEventHandler(MouseEvent.DRAG_DETECTED, e -> {
            if (e.getButton() != MouseButton.PRIMARY || cell.getItem() == null) {
                return;
            }
            dragged = cell.getItem();
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.TRANSPARENT);
            ghost.setImage(cell.card().snapshot(params, null));
            Point2D cardInScene = cell.card().localToScene(0, 0);
            grabOffset = new Point2D(e.getSceneX() - cardInScene.getX(), e.getSceneY() - cardInScene.getY());
            moveGhost(e.getSceneX(), e.getSceneY());
            ghost.setVisible(true);
            cell.startFullDrag();
            e.consume();
        });
        cell.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (dragged != null) {
                moveGhost(e.getSceneX(), e.getSceneY());
            }
        });
        cell.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragged != null) {
                drop(e.getSceneX(), e.getSceneY());
            }
        });
    }

    void attachTarget(StageColumn column) {
        columns.add(column);
        column.addEventHandler(MouseDragEvent.MOUSE_DRAG_ENTERED, e -> {
            if (dragged != null && dragged.getStage() != column.stage()) {
                column.pseudoClassStateChanged(DROP_TARGET, true);
            }
        });
        column.addEventHandler(MouseDragEvent.MOUSE_DRAG_EXITED,
                e -> column.pseudoClassStateChanged(DROP_TARGET, false));
    }

    private void drop(double sceneX, double sceneY) {
        Deal deal = dragged;
        dragged = null;
        ghost.setVisible(false);
        ghost.setImage(null);
        StageColumn target = null;
        for (StageColumn column : columns) {
            column.pseudoClassStateChanged(DROP_TARGET, false);
            Bounds bounds = column.localToScene(column.getBoundsInLocal());
            if (column.isVisible() && bounds.contains(sceneX, sceneY)) {
                target = column;
            }
        }
        // the dragged card is the selected one wherever it ends up: the new column, or back home after a refusal
        selection.select(deal);
        if (target != null && target.stage() != deal.getStage()) {
            viewModel.moveDeal(deal, target.stage());
        }
    }

    private void moveGhost(double sceneX, double sceneY) {
        Point2D local = overlay.sceneToLocal(sceneX - grabOffset.getX(), sceneY - grabOffset.getY());
        ghost.relocate(local.getX(), local.getY());
    }
}
