package com.flowcrm.model;

/** How healthy the relationship with a contact is, derived from the health score. */
public enum RelationshipHealth implements WireEnum {
    HIGH("high"),
    MEDIUM("medium"),
    LOW("low");

    private final String wireName;

    RelationshipHealth(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The seed's rule: above 70 is high, above 40 is medium, else low (so 70 is medium and 40 is low). */
    public static RelationshipHealth fromScore(int score) {
        if (score > 70) {
            return HIGH;
        }
        return score > 40 ? MEDIUM : LOW;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
