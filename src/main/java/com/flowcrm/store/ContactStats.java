package com.flowcrm.store;

/** Counts over all contacts, as {@code GET /contacts/stats} reports them; see {@link ContactFilter} for each rule. */
public record ContactStats(int total, int highValue, int atRisk, int needsFollowUp) {
    public static final ContactStats EMPTY = new ContactStats(0, 0, 0, 0);
}
