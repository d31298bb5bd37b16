package com.flowcrm.model;

/** A user's role in the CRM. */
public enum UserRole implements WireEnum {
    ADMIN("admin"),
    SALES("sales"),
    MANAGER("manager");

    private final String wireName;

    UserRole(String wireName) {
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
