package com.flowcrm.model;

/** The six stages of the sales pipeline, in board order. */
public enum DealStage implements WireEnum {
    PROSPECT("prospect", "Prospect"),
    QUALIFIED("qualified", "Qualified"),
    PROPOSAL("proposal", "Proposal"),
    NEGOTIATION("negotiation", "Negotiation"),
    CLOSED_WON("closed-won", "Closed won"),
    CLOSED_LOST("closed-lost", "Closed lost");

    private final String wireName;
    private final String label;

    DealStage(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The name a rep reads on the board. */
    public String label() {
        return label;
    }

    public boolean isClosed() {
        return this == CLOSED_WON || this == CLOSED_LOST;
    }

    /** The stage after this one on the board, or this one when it is the last. */
    public DealStage next() {
        DealStage[] all = values();
        return ordinal() + 1 < all.length ? all[ordinal() + 1] : this;
    }

    /** The stage before this one on the board, or this one when it is the first. */
    public DealStage previous() {
        return ordinal() > 0 ? values()[ordinal() - 1] : this;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
