package com.flowcrm.ui.kit;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.ScrollPaneSkin;

/**
 * A scroll pane for content that changes while it shows (the board, Insights, a details panel following live events).
 * JavaFX's scroll pane caches its viewport as an image, which makes a scroll a copy of that image but turns every
 * change inside into a repaint of the whole visible content into the image first: with software rendering a changed
 * text on one card repainted every card of the board (25 ms of the render thread per frame at 100 live events/s,
 * and the FX thread's next pulse waited for it). Uncached, a change repaints only its own dirty region.
 */
public class LiveScrollPane extends ScrollPane {
    public LiveScrollPane(Node content) {
        super(content);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        ScrollPaneSkin skin = new ScrollPaneSkin(this);
        for (Node child : skin.getChildren()) {
            if (child.getStyleClass().contains("viewport")) {
                child.setCache(false);
            }
        }
        return skin;
    }

    /** The node the skin clips the content with, the one JavaFX caches; null before the skin exists. */
    Node viewport() {
        return getSkin() instanceof ScrollPaneSkin skin
                ? skin.getChildren().stream().filter(c -> c.getStyleClass().contains("viewport")).findFirst().orElse(null)
                : null;
    }
}
