package com.flowcrm.model;

/** The tone of a contact or a conversation. */
public enum Sentiment implements WireEnum {
    POSITIVE("positive"),
    NEUTRAL("neutral"),
    NEGATIVE("negative");

    private final String wireName;

    Sentiment(String wireName) {
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
