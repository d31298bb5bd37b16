package com.flowcrm.store;

/**
 * What signing out did with the rep's changes: sent now, kept on this computer for the next sign-in, thrown away.
 *
 * @param localDataRemoved whether the local copy was deleted ("Sign out and remove local data")
 */
public record SignOutResult(int sent, int kept, int discarded, boolean localDataRemoved) {
    public static final SignOutResult NOTHING = new SignOutResult(0, 0, 0, false);

    /** One sentence for the sign-in screen, or null when there is nothing to say. */
    public String message() {
        if (localDataRemoved) {
            return "Signed out; the local copy was removed from this computer.";
        }
        if (kept > 0) {
            return kept == 1 ? "1 change is kept on this computer and will be sent when you sign in again."
                    : kept + " changes are kept on this computer and will be sent when you sign in again.";
        }
        if (discarded > 0) {
            return discarded == 1 ? "1 waiting change was discarded." : discarded + " waiting changes were discarded.";
        }
        return null;
    }
}
