package com.flowcrm.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What happened when a workspace file could not be used and was set aside: where it went, why, and how many of its
 * waiting changes were carried over into the fresh workspace. {@link #message()} is what the app shows, once.
 *
 * @param outboxRecovered changes read out of the old file into the new outbox
 * @param outboxIncomplete true when part of the old outbox could not be read
 */
public record WorkspaceRecovery(Reason reason, Path setAsideAs, int outboxRecovered, boolean outboxIncomplete) {
    /** Why the file was set aside. */
    public enum Reason {
        /** SQLite found the file damaged. */
        CORRUPT,
        /** The file is not an SQLite database at all. */
        NOT_A_DATABASE
    }

    public WorkspaceRecovery {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(setAsideAs, "setAsideAs");
    }

    /** One paragraph for the rep: what was found, where the old file is, what was saved from it. */
    public String message() {
        String found = reason == Reason.CORRUPT
                ? "Your local copy was damaged"
                : "The local copy's file was not a Flow CRM workspace";
        StringBuilder text = new StringBuilder(found).append(", so it was set aside as ")
                .append(setAsideAs.getFileName())
                .append(" and the app starts with a fresh copy from the server.");
        if (outboxRecovered > 0) {
            text.append(' ').append(outboxRecovered)
                    .append(outboxRecovered == 1 ? " change waiting to be sent was" : " changes waiting to be sent were")
                    .append(" recovered.");
        }
        if (outboxIncomplete) {
            text.append(" Some changes waiting to be sent could not be read from the damaged file.");
        }
        return text.toString();
    }
}
