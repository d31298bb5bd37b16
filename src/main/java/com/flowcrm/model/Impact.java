package com.flowcrm.model;

/** How much an insight matters. */
public enum Impact implements WireEnum {
    HIGH("high"),
    MEDIUM("medium"),
    LOW("low");

    private final String wireName;

    Impact(String wireName) {
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
