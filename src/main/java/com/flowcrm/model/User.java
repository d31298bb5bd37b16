package com.flowcrm.model;

import java.time.Instant;
import java.util.Objects;

/** The signed-in user; avatar, createdAt and lastLogin may be absent. */
public record User(String id, String email, String name, String avatar, UserRole role, UserPreferences preferences,
        Instant createdAt, Instant lastLogin) {
    public User {
        Objects.requireNonNull(id, "id");
        email = email == null ? "" : email;
        name = name == null || name.isBlank() ? email : name;
        role = role == null ? UserRole.SALES : role;
        preferences = preferences == null ? UserPreferences.DEFAULT : preferences;
    }
}
