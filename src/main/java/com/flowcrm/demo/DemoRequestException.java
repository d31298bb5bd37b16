package com.flowcrm.demo;

import com.google.gson.JsonElement;

/** A request the demo backend refuses; the REST layer answers it as {@code {error}} with {@link #status()}. */
public final class DemoRequestException extends RuntimeException {
    private final int status;
    private final transient JsonElement body;
    private final long version;

    public DemoRequestException(int status, String message) {
        this(status, message, null, -1);
    }

    private DemoRequestException(int status, String message, JsonElement body, long version) {
        super(message);
        this.status = status;
        this.body = body;
        this.version = version;
    }

    /** 412: the record changed since the version the client named; the answer carries the current record. */
    static DemoRequestException preconditionFailed(long currentVersion, JsonElement current) {
        return new DemoRequestException(412, "the record is at version " + currentVersion
                + ", not the one in If-Match", current, currentVersion);
    }

    /** The body to answer with instead of {@code {error}}, or null. */
    JsonElement body() {
        return body;
    }

    /** The current version a 412 names (for its ETag), or -1. */
    long version() {
        return version;
    }

    static DemoRequestException badRequest(String message) {
        return new DemoRequestException(400, message);
    }

    static DemoRequestException notFound(String message) {
        return new DemoRequestException(404, message);
    }

    public int status() {
        return status;
    }
}
