package com.flowcrm.ui;

import com.flowcrm.store.SessionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failed session operation into one sentence a sales rep can act on. */
public final class UserMessages {
    private UserMessages() {
    }

    /** The user-facing message of a failure; the session's own wording when it has one. */
    public static String of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof SessionException session) {
            String message = session.getMessage();
            if (message != null && !message.isBlank()) {
                return message;
            }
            return switch (session.kind()) {
                case BAD_CREDENTIALS -> "Wrong email or password.";
                case UNREACHABLE -> "Cannot reach the server. Check the server address and your connection.";
                case SERVER_ERROR -> "The server had a problem. Please try again in a moment.";
                case EXPIRED -> "Your session expired. Please sign in again.";
                case REJECTED -> "The server refused the request.";
                case PROTOCOL -> "The server sent something this app does not understand.";
            };
        }
        String message = cause == null ? null : cause.getMessage();
        return message == null || message.isBlank() ? "Something went wrong. Please try again." : message;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
