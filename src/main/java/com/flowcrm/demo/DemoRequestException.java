package com.flowcrm.demo;

/** A request the demo backend refuses; the REST layer answers it as {@code {error}} with {@link #status()}. */
public final class DemoRequestException extends RuntimeException {
    private final int status;

    public DemoRequestException(int status, String message) {
        super(message);
        this.status = status;
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
