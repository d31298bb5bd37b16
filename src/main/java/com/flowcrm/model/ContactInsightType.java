package com.flowcrm.model;

/** The kind of an AI insight on a contact. */
public enum ContactInsightType implements WireEnum {
    OPPORTUNITY("opportunity"),
    RISK("risk"),
    SUGGESTION("suggestion"),
    TREND("trend");

    private final String wireName;

    ContactInsightType(String wireName) {
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
