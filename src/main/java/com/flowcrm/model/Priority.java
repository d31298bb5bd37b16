package com.flowcrm.model;

/** How urgent a deal or notification is. */
public enum Priority implements WireEnum {
    HIGH("high"),
    MEDIUM("medium"),
    LOW("low");

    private final String wireName;

    Priority(String wireName) {
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
