package com.flowcrm.ui.shell;

import java.util.Optional;

/** The views of the main window's navigation, in their order. */
public enum MainSection {
    PIPELINE("Pipeline"),
    CONTACTS("Contacts"),
    NOTIFICATIONS("Notifications"),
    INSIGHTS("Insights"),
    /** The rep's changes not on the server yet (the offline workspace's outbox). */
    PENDING("Pending changes");

    private final String label;

    MainSection(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The section saved under this name, if it still exists. */
    public static Optional<MainSection> named(String name) {
        for (MainSection section : values()) {
            if (section.name().equals(name)) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }
}
