package com.flowcrm.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The failure behind the wrappers that futures put around it. */
public final class Failures {
    private Failures() {
    }

    /** Unwraps {@link CompletionException} and {@link ExecutionException} layers to the real failure. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
