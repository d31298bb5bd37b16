package com.flowcrm.model;

/** The kind of a communication with a contact. */
public enum CommunicationType implements WireEnum {
    EMAIL("email"),
    CALL("call"),
    MEETING("meeting"),
    NOTE("note");

    private final String wireName;

    CommunicationType(String wireName) {
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
