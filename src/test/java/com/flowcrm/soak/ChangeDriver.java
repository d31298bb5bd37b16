package com.flowcrm.soak;

import com.flowcrm.model.ActivityType;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.store.RootStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A busy rep at the keyboard: at random moments (a Poisson process at the given rate) moves a deal to another stage,
 * edits its value or description, or logs an activity, on the client's store thread exactly as the window's handlers
 * do, through {@link SoakWrites}. A share of the changes lands on the deals both clients work on, so they collide.
 * Every value and text it writes is unique (its client and number are in it), so the auditor can find it on the
 * server and count how often it was applied. Each change is written down when it ends.
 */
final class ChangeDriver {
    private static final String[] PHRASES = {"called about the renewal", "sent the revised quote",
        "met the buying committee", "noted the budget owner's concerns", "followed up on the pilot",
        "walked through security questions", "agreed next steps with procurement"};
    private static final ActivityType[] ACTIVITY_TYPES = {ActivityType.CALL, ActivityType.EMAIL, ActivityType.MEETING,
        ActivityType.NOTE};

    private final String client;
    private final int clientIndex;
    private final RootStore root;
    private final Executor storeThread;
    private final SoakWrites writes;
    private final ScheduledExecutorService timer;
    private final Consumer<SoakChange> ended;
    private final Random random;
    private final AtomicLong made = new AtomicLong();
    private final Map<Long, SoakChange> open = new ConcurrentHashMap<>();
    private final Map<Long, SoakChange> waiting = new ConcurrentHashMap<>();
    private volatile List<String> shared = List.of();
    private volatile double perSecond;
    private volatile double sharedShare;
    private volatile ScheduledFuture<?> next;

    /**
     * @param clientIndex 0 or 1: the millions digit of the values it writes (so values of the two never collide)
     * @param ended       told of every change when it ended (on the store thread)
     */
    ChangeDriver(String client, int clientIndex, RootStore root, Executor storeThread, SoakWrites writes,
            ScheduledExecutorService timer, long seed, Consumer<SoakChange> ended) {
        this.client = client;
        this.clientIndex = clientIndex;
        this.root = root;
        this.storeThread = storeThread;
        this.writes = writes;
        this.timer = timer;
        this.ended = ended;
        this.random = new Random(seed);
    }

    /** Starts making changes at {@code perSecond}, {@code sharedShare} of them on the shared deals. */
    void start(List<String> sharedDeals, double perSecond, double sharedShare) {
        this.shared = List.copyOf(sharedDeals);
        this.perSecond = perSecond;
        this.sharedShare = sharedShare;
        scheduleNext();
    }

    /** No new changes from now on (those in flight go on). */
    void stop() {
        perSecond = 0;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void scheduleNext() {
        double rate = perSecond;
        if (rate <= 0) {
            return;
        }
        long delayMicros = (long) (-Math.log(1 - random.nextDouble()) / rate * 1_000_000);
        next = timer.schedule(() -> {
            storeThread.execute(() -> makeOne(random.nextDouble() < sharedShare));
            scheduleNext();
        }, delayMicros, TimeUnit.MICROSECONDS);
    }

    /** Makes {@code count} changes on the shared deals one after the other; completes when all have ended. */
    CompletableFuture<Void> burst(int count) {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (int i = 0; i < count; i++) {
            done = done.thenCompose(ignored -> {
                CompletableFuture<Void> one = new CompletableFuture<>();
                storeThread.execute(() -> makeOne(true).whenComplete((r, e) -> one.complete(null)));
                return one;
            });
        }
        return done;
    }

    /** On the store thread: picks a deal and a change and makes it. */
    private CompletableFuture<SoakWrites.Result> makeOne(boolean onShared) {
        Deal deal = pickDeal(onShared);
        if (deal == null) {
            return CompletableFuture.completedFuture(null);
        }
        long n = made.incrementAndGet();
        int roll = random.nextInt(100);
        SoakChange.Kind kind = roll < 40 ? SoakChange.Kind.STAGE_MOVE : roll < 60 ? SoakChange.Kind.VALUE_EDIT
                : roll < 75 ? SoakChange.Kind.DESCRIPTION_EDIT : SoakChange.Kind.ACTIVITY;
        String token = SoakChange.TOKEN_PREFIX + client + "-" + n + " " + PHRASES[random.nextInt(PHRASES.length)];
        CompletableFuture<SoakWrites.Result> result;
        String value;
        switch (kind) {
            case STAGE_MOVE -> {
                DealStage stage = otherStage(deal.getStage());
                value = stage.wireName();
                result = startWith(n, kind, deal, onShared, value, () -> writes.moveStage(deal.getId(), stage));
            }
            case VALUE_EDIT -> {
                double amount = 1_000_000.0 * (clientIndex + 1) + n;
                value = SoakChange.valueText(amount);
                result = startWith(n, kind, deal, onShared, value,
                        () -> writes.editDeal(deal.getId(), new DealChanges().value(amount)));
            }
            case DESCRIPTION_EDIT -> {
                value = token;
                result = startWith(n, kind, deal, onShared, value,
                        () -> writes.editDeal(deal.getId(), new DealChanges().description(token)));
            }
            default -> {
                value = token;
                NewActivity activity = new NewActivity(ACTIVITY_TYPES[random.nextInt(ACTIVITY_TYPES.length)],
                        Instant.now(), token, null, null);
                result = startWith(n, kind, deal, onShared, value, () -> writes.logActivity(deal.getId(), activity));
            }
        }
        return result;
    }

    private CompletableFuture<SoakWrites.Result> startWith(long n, SoakChange.Kind kind, Deal deal, boolean onShared,
            String value, java.util.function.Supplier<CompletableFuture<SoakWrites.Result>> write) {
        SoakChange change = new SoakChange(client, n, kind, deal.getId(), onShared, value, System.currentTimeMillis(),
                0, SoakChange.Outcome.UNANSWERED, null, null);
        open.put(n, change);
        CompletableFuture<SoakWrites.Result> result;
        try {
            result = write.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((r, error) -> {
            open.remove(n);
            SoakChange done = error != null
                    ? change.ended(System.currentTimeMillis(), SoakChange.Outcome.FAILED,
                            "UNEXPECTED: the write path threw " + error, null)
                    : change.ended(System.currentTimeMillis(), r.outcome(), r.reason(), r.handle());
            if (done.outcome() == SoakChange.Outcome.WAITING) {
                waiting.put(n, done);
            }
            ended.accept(done);
        });
    }

    private Deal pickDeal(boolean onShared) {
        if (onShared && !shared.isEmpty()) {
            Deal deal = root.deals().byId(shared.get(random.nextInt(shared.size())));
            if (deal != null) {
                return deal;
            }
        }
        List<Deal> deals = root.deals().getDeals();
        return deals.isEmpty() ? null : deals.get(random.nextInt(deals.size()));
    }

    private DealStage otherStage(DealStage current) {
        List<DealStage> others = new ArrayList<>(List.of(DealStage.values()));
        others.remove(current);
        return others.get(random.nextInt(others.size()));
    }

    long made() {
        return made.get();
    }

    /**
     * On the store thread, at the end: how each change that was queued (WAITING, the outbox's first answer) stands
     * now: sent (CONFIRMED, which the auditor then checks on the server), a conflict, a failure with its reason, or
     * still waiting.
     */
    List<SoakChange> settleWaiting() {
        List<SoakChange> settled = new ArrayList<>();
        for (SoakChange change : waiting.values()) {
            SoakWrites.Result now = writes.outcomeOf(change.handle());
            // known now: a change sent at the end may have reached the server long after it was saved
            settled.add(change.ended(System.currentTimeMillis(), now.outcome(), now.reason(), change.handle()));
        }
        return settled;
    }

    /** The changes whose end the client has not learned yet. */
    List<SoakChange> unanswered() {
        return List.copyOf(open.values());
    }
}
