package com.flowcrm.model;

/** The kind of an AI insight on a deal. */
public enum DealInsightType implements WireEnum {
    OPPORTUNITY("opportunity"),
    RISK("risk"),
    SUGGESTION("suggestion"),
    COMPETITOR("competitor");

    private final String wireName;

    DealInsightType(String wireName) {
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
