package com.flowcrm.model;

/** The kind of a deal activity. */
public enum ActivityType implements WireEnum {
    CALL("call"),
    EMAIL("email"),
    MEETING("meeting"),
    PROPOSAL("proposal"),
    DEMO("demo"),
    NOTE("note");

    private final String wireName;

    ActivityType(String wireName) {
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
