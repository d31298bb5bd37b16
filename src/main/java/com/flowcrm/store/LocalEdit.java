package com.flowcrm.store;

/** An optimistic edit already shown in the store; {@link #rollback()} undoes it when the server refuses it. */
public final class LocalEdit {
    /** The edit of an item the store does not hold: nothing was changed, nothing to undo. */
    public static final LocalEdit NONE = new LocalEdit(false, () -> { });

    private final boolean applied;
    private final Runnable undo;
    private boolean rolledBack;

    LocalEdit(boolean applied, Runnable undo) {
        this.applied = applied;
        this.undo = undo;
    }

    /** Whether the item was found and the edit shown. */
    public boolean applied() {
        return applied;
    }

    /** Restores the values the edited fields had before; on the UI thread; a second call does nothing. */
    public void rollback() {
        if (applied && !rolledBack) {
            rolledBack = true;
            undo.run();
        }
    }
}
