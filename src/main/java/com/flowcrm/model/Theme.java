package com.flowcrm.model;

/** The colour theme a user prefers. */
public enum Theme implements WireEnum {
    LIGHT("light"),
    DARK("dark");

    private final String wireName;

    Theme(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
