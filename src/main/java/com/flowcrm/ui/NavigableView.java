package com.flowcrm.ui;

import javafx.scene.Node;

/** A main-window view that can bring one of its items into sight. */
public interface NavigableView {
    Node getNode();

    /** Selects the item with this id and opens its details, if it exists. */
    void reveal(String id);
}
