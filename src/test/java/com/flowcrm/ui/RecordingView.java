package com.flowcrm.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** Stands in for the pipeline or contacts view in shell tests and records what it was asked to reveal. */
public final class RecordingView implements NavigableView {
    private final StackPane node;
    private final List<String> revealed = new CopyOnWriteArrayList<>();

    public RecordingView(String name) {
        node = new StackPane(new Label(name + " view"));
        node.setId(name.toLowerCase() + "View");
    }

    @Override
    public Node getNode() {
        return node;
    }

    @Override
    public void reveal(String id) {
        revealed.add(id);
    }

    public List<String> revealed() {
        return revealed;
    }
}
