package com.flowcrm.model;

/** How sure the forecast of a deal is. */
public enum Confidence implements WireEnum {
    HIGH("high"),
    MEDIUM("medium"),
    LOW("low");

    private final String wireName;

    Confidence(String wireName) {
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
