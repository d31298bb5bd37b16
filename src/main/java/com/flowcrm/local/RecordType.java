package com.flowcrm.local;

/** The kinds of confirmed server records a workspace keeps, one table each, keyed by the record's id. */
public enum RecordType {
    DEAL("deal"),
    CONTACT("contact"),
    NOTIFICATION("notification");

    private final String table;

    RecordType(String table) {
        this.table = table;
    }

    /** The table that holds this kind; also the name written in outbox targets. */
    String table() {
        return table;
    }

    /** The lower-case name used on disk and in messages ({@code deal}, {@code contact}, {@code notification}). */
    public String wireName() {
        return table;
    }

    static RecordType fromWireName(String name) {
        for (RecordType type : values()) {
            if (type.table.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown record type: " + name);
    }
}
