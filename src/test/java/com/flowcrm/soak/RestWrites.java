package com.flowcrm.soak;

import com.flowcrm.common.Failures;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.store.SessionCommands;
import com.flowcrm.store.SessionException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Today's write path, as the window runs it: {@link SessionCommands} (optimistic where it can be, one REST call,
 * rolled back with the server's or the network's reason when it fails). There is no queue: a change is in flight
 * until it is confirmed or failed, a failure is what the rep is shown (so it is "shown with a reason", never lost
 * silently), and nothing conflicts (the last write wins on the server).
 */
final class RestWrites implements SoakWrites {
    private final SessionCommands commands;
    private final AtomicInteger inFlight = new AtomicInteger();

    RestWrites(SessionCommands commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "rest";
    }

    @Override
    public CompletableFuture<Result> moveStage(String dealId, DealStage stage) {
        return settle(commands.changeStage(dealId, stage));
    }

    @Override
    public CompletableFuture<Result> editDeal(String dealId, DealChanges changes) {
        return settle(commands.updateDeal(dealId, changes));
    }

    @Override
    public CompletableFuture<Result> logActivity(String dealId, NewActivity activity) {
        return settle(commands.logActivity(dealId, activity));
    }

    private CompletableFuture<Result> settle(CompletableFuture<?> command) {
        inFlight.incrementAndGet();
        return command.handle((answer, error) -> {
            inFlight.decrementAndGet();
            if (error == null) {
                return new Result(SoakChange.Outcome.CONFIRMED, null, null);
            }
            Throwable cause = Failures.unwrap(error);
            String message = cause.getMessage();
            String kind = cause instanceof SessionException s ? s.kind().name() : "UNEXPECTED " + cause.getClass().getName();
            // a failure the rep reads nothing about is not "shown with a reason": the verdict counts it as lost
            return new Result(SoakChange.Outcome.FAILED, message == null || message.isBlank() ? null
                    : kind + ": " + message, null);
        });
    }

    @Override
    public int pending() {
        return inFlight.get();
    }

    @Override
    public CompletableFuture<Void> sendAll() {
        // nothing waits on this path: what is not in flight is settled
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Result outcomeOf(String handle) {
        throw new IllegalStateException("the REST path settles every change itself; nothing is left WAITING");
    }

    @Override
    public List<Conflict> conflicts() {
        return List.of();
    }

    @Override
    public CompletableFuture<List<Conflict>> keepMineForAll() {
        return CompletableFuture.completedFuture(List.of());
    }
}
