package com.flowcrm.ui.kit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Rewrites that wait for the scene's next pulse: each queued one runs once, just before the pulse's CSS and layout
 * passes. A cell that a batch of live events re-binds or updates ten times (every insert above it in its list shifts
 * it by one) writes its texts and styles once, for what it shows when the frame is drawn. A request made during the
 * pulse's own CSS or layout pass (a list re-binding its cells as it lays them out) runs at once, as it would without
 * this class: waiting would show the cell's previous item for a frame.
 */
public final class BeforePulse {
    private static final Object KEY = BeforePulse.class;

    // FX thread only, like the scene
    private final Set<Runnable> queued = new LinkedHashSet<>();
    private boolean inPasses;

    private BeforePulse(Scene scene) {
        scene.addPreLayoutPulseListener(() -> {
            runQueued();
            inPasses = true;
        });
        scene.addPostLayoutPulseListener(() -> inPasses = false);
    }

    /**
     * Runs {@code rewrite} before the next CSS and layout pass of the node's scene, once however often it is asked for
     * until then (the same instance is one request); at once when the node is in no scene (nothing would draw it).
     */
    public static void request(Node node, Runnable rewrite) {
        Scene scene = node.getScene();
        if (scene == null) {
            rewrite.run();
            return;
        }
        BeforePulse pending = (BeforePulse) scene.getProperties().get(KEY);
        if (pending == null) {
            pending = new BeforePulse(scene);
            scene.getProperties().put(KEY, pending);
        }
        if (pending.inPasses) {
            rewrite.run();
        } else if (pending.queued.add(rewrite)) {
            Platform.requestNextPulse();
        }
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            for (Runnable rewrite : now) {
                rewrite.run();
            }
        }
    }
}
