package com.flowcrm.soak;

import com.flowcrm.model.DealStage;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a soak client's changes reach the server: the one seam between the soak's driver and the product's write
 * path, {@link OutboxWrites} (the window's {@code SessionCommands} over a local workspace: the change is saved in the
 * outbox, sent when the session is live, and may end in a conflict). The changes are made on the client's store
 * thread; {@link #sendAll} and {@link #keepMineForAll} are called from the soak's command thread and move to the store
 * thread themselves.
 */
interface SoakWrites {

    /** How a change stands for the client right now. */
    record Result(SoakChange.Outcome outcome, String reason, String handle) {
    }

    /** A field of a change the server had changed otherwise: what the client is shown and resolves. */
    record Conflict(String handle, String dealId, String field, String mine, String theirs) {
    }

    /** "outbox": written into the report. */
    String name();

    CompletableFuture<Result> moveStage(String dealId, DealStage stage);

    CompletableFuture<Result> editDeal(String dealId, DealChanges changes);

    CompletableFuture<Result> logActivity(String dealId, NewActivity activity);

    /** Changes not settled yet: waiting or being sent. */
    int pending();

    /** Sends whatever waits; completes when nothing is left to send (conflicts and failures stay). */
    CompletableFuture<Void> sendAll();

    /** How the change with this handle stands now (for a change whose first result was WAITING). */
    Result outcomeOf(String handle);

    /** The conflicts the client is shown now. */
    List<Conflict> conflicts();

    /** "Keep mine" for every conflict (each is sent again with the server's value as its new base). */
    CompletableFuture<List<Conflict>> keepMineForAll();
}
