package com.flowcrm.api;

import java.util.Objects;

/** One field the mapper could not use, with the path that names it (for example {@code deals[3].value}). */
public record MappingProblem(String path, String message) {
    public MappingProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
