package com.flowcrm.ui.offline;

/**
 * The small mark a card, a row or a field wears while a change of the rep's is on its way: saving on this computer,
 * waiting to be sent, refused by the server, or in conflict with someone else's change. One state per record or
 * field; when several changes touch it, the one that needs the rep wins ({@link #outranks}).
 */
public enum MarkState {
    /** Nothing of the rep's is waiting. */
    NONE("", ""),
    /** Being written to this computer (a moment). */
    SAVING("Saving\u2026", "Saving on this computer"),
    /** Saved on this computer, waiting to be sent (also while the server cannot be reached). */
    WAITING("Pending", "Saved on this computer, waiting to be sent"),
    /** The server refused it; the record shows the server's version again. */
    FAILED("Not sent", "The server refused this change: see Pending changes (Ctrl+5)"),
    /** Someone else changed the same field meanwhile: the rep keeps theirs or keeps mine. */
    CONFLICT("Conflict", "Changed on the server too: choose in Pending changes (Ctrl+5)");

    private final String text;
    private final String tip;

    MarkState(String text, String tip) {
        this.text = text;
        this.tip = tip;
    }

    /** The mark's word: "Pending", "Conflict", "Not sent". */
    public String text() {
        return text;
    }

    /** The mark's tooltip and accessible text. */
    public String tip() {
        return tip;
    }

    /** The CSS pseudo-class the mark wears ("waiting", "conflict", ...); null for none. */
    public String pseudoClass() {
        return this == NONE ? null : name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the rep has to act (retry, discard, keep mine or theirs). */
    public boolean needsAttention() {
        return this == FAILED || this == CONFLICT;
    }

    /** The more telling of two marks: a conflict over a refusal over a waiting change. */
    public boolean outranks(MarkState other) {
        return ordinal() > other.ordinal();
    }

    static MarkState max(MarkState a, MarkState b) {
        return b.outranks(a) ? b : a;
    }
}
