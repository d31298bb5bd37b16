package com.flowcrm.demo;

import com.flowcrm.common.DaemonThreads;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Colleagues at work: plausible changes applied to the demo state (and so broadcast) at a steady rate.
 * The mix matches the benchmark's: half value/priority updates, a fifth stage moves, then health changes,
 * contact updates, activities, new deals and a few notifications.
 */
final class ActivitySimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivitySimulator.class);
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A stalled scheduler must not answer with an unbounded burst. */
    private static final long MAX_EVENTS_PER_TICK = 10_000;
    /** The demo users' colleagues, who make the simulated changes. */
    static final String[] COLLEAGUES = {"Priya Patel", "Jonas Eriksen", "Camila Castillo", "Kenji Tanaka",
        "Omar Okafor", "Elena Moreau"};
    private static final String[] NOTIFICATION_KINDS = {"deal_update", "deal_update", "meeting_reminder",
        "message_received"};

    private final DemoState state;
    private final Random random;
    private final Clock clock;
    private final List<String> dealIds;
    private final List<String> contactIds;
    private final List<String> userIds;
    private final AtomicLong applied = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private long startNanos;

    ActivitySimulator(DemoState state, long seed, Clock clock) {
        this.state = state;
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.clock = clock;
        this.dealIds = new ArrayList<>(state.dealIds());
        this.contactIds = new ArrayList<>(state.contactIds());
        this.userIds = new ArrayList<>(state.userIds());
    }

    /** Emits {@code eventsPerSecond} changes per second on one daemon thread until closed. */
    synchronized void start(double eventsPerSecond) {
        if (scheduler != null || eventsPerSecond <= 0) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("demo-simulator"));
        long tickNanos = Math.max(MIN_TICK_NANOS, (long) (1e9 / eventsPerSecond));
        startNanos = System.nanoTime();
        scheduler.scheduleAtFixedRate(() -> tick(eventsPerSecond), tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        LOG.info("Activity simulator started at {} events/s", eventsPerSecond);
    }

    private void tick(double eventsPerSecond) {
        try {
            long due = (long) ((System.nanoTime() - startNanos) / 1e9 * eventsPerSecond) - applied.get();
            // close() interrupts: a long catch-up loop must end there, not run into the closed server
            for (long i = 0; i < Math.min(due, MAX_EVENTS_PER_TICK) && !Thread.currentThread().isInterrupted(); i++) {
                step();
            }
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closing while a change waited for the journal
            }
            // one bad step must not cancel the periodic task
            LOG.error("Activity simulator step failed", e);
        }
    }

    long appliedCount() {
        return applied.get();
    }

    /** Applies one change; returns the event name it published, or null when there was nothing to change. */
    synchronized String step() {
        int roll = random.nextInt(100);
        String event;
        try {
            if (roll < 50) {
                event = updateDeal();
            } else if (roll < 70) {
                event = advanceDeal();
            } else if (roll < 85) {
                event = moveHealth();
            } else if (roll < 90) {
                event = updateContact();
            } else if (roll < 95) {
                event = logActivity();
            } else if (roll < 99) {
                event = createDeal();
            } else {
                event = notifyUser();
            }
        } catch (DemoRequestException e) {
            if (e.status() != 404) {
                throw e;
            }
            // deleted through REST between our read and our change; the next read forgets it
            event = null;
        }
        applied.incrementAndGet();
        return event;
    }

    private String randomDeal() {
        return dealIds.isEmpty() ? null : dealIds.get(random.nextInt(dealIds.size()));
    }

    private String randomContact() {
        return contactIds.isEmpty() ? null : contactIds.get(random.nextInt(contactIds.size()));
    }

    /** A record picked at random together with the one value the change needs from it. */
    private record Picked<T>(String id, T value) {
    }

    /** Empty when there is no deal or the picked one was deleted meanwhile (then it is forgotten). */
    private <T> Optional<Picked<T>> pickDeal(Function<DealRecord, T> reader) {
        String id = randomDeal();
        if (id == null) {
            return Optional.empty();
        }
        Optional<T> value = state.readDeal(id, reader);
        if (value.isEmpty()) {
            dealIds.remove(id);
        }
        return value.map(v -> new Picked<>(id, v));
    }

    private <T> Optional<Picked<T>> pickContact(Function<ContactRecord, T> reader) {
        String id = randomContact();
        if (id == null) {
            return Optional.empty();
        }
        Optional<T> value = state.readContact(id, reader);
        if (value.isEmpty()) {
            contactIds.remove(id);
        }
        return value.map(v -> new Picked<>(id, v));
    }

    private String updateDeal() {
        Optional<Picked<Double>> picked = pickDeal(deal -> deal.value);
        if (picked.isEmpty()) {
            return dealIds.isEmpty() ? createDeal() : null;
        }
        String id = picked.get().id();
        double value = picked.get().value();
        JsonObject changes = new JsonObject();
        double factor = 0.9 + random.nextDouble() * 0.2;
        changes.addProperty("value", Math.round(value * factor / 100.0) * 100.0);
        changes.addProperty("lastActivity", clock.instant().toString());
        if (random.nextInt(4) == 0) {
            changes.addProperty("priority", DemoDataGenerator.LEVELS[random.nextInt(3)]);
        }
        state.applyDealUpdate(id, changes);
        return "deal:updated";
    }

    private String advanceDeal() {
        Optional<Picked<DealStage>> picked = pickDeal(deal -> deal.stage);
        if (picked.isEmpty()) {
            return dealIds.isEmpty() ? createDeal() : null;
        }
        String id = picked.get().id();
        DealStage next = switch (picked.get().value()) {
            case PROSPECT -> DealStage.QUALIFIED;
            case QUALIFIED -> DealStage.PROPOSAL;
            case PROPOSAL -> DealStage.NEGOTIATION;
            case NEGOTIATION -> random.nextInt(3) == 0 ? DealStage.CLOSED_LOST : DealStage.CLOSED_WON;
            // a closed deal comes back as a new opportunity, which keeps the pipeline from draining
            case CLOSED_WON, CLOSED_LOST -> DealStage.PROSPECT;
        };
        state.applyStageChange(id, next, false);
        return "deal:stage_changed";
    }

    private String moveHealth() {
        Optional<Picked<Integer>> picked = pickContact(contact -> contact.healthScore);
        if (picked.isEmpty()) {
            return contactIds.isEmpty() ? notifyUser() : null;
        }
        String id = picked.get().id();
        int score = picked.get().value();
        int next = Math.max(0, Math.min(100, score + random.nextInt(21) - 10));
        if (next == score) {
            next = score == 100 ? 99 : score + 1;
        }
        state.applyHealthChange(id, next);
        return "contact:health_changed";
    }

    private String updateContact() {
        String id = randomContact();
        if (id == null) {
            return notifyUser();
        }
        JsonObject changes = new JsonObject();
        changes.addProperty("lastContact", clock.instant().toString());
        changes.addProperty("sentiment", DemoDataGenerator.SENTIMENTS[random.nextInt(3)]);
        if (random.nextBoolean()) {
            changes.addProperty("nextFollowUp", clock.instant().plus(Duration.ofDays(1 + random.nextInt(14))).toString());
        }
        state.applyContactUpdate(id, changes);
        return "contact:updated";
    }

    private String logActivity() {
        Optional<Picked<DealFacts>> picked = pickDeal(DealFacts::of);
        if (picked.isEmpty()) {
            return dealIds.isEmpty() ? createDeal() : null;
        }
        DealFacts deal = picked.get().value();
        String colleague = colleague();
        String type = DemoDataGenerator.ACTIVITY_TYPES[random.nextInt(DemoDataGenerator.ACTIVITY_TYPES.length)];
        JsonObject activity = new JsonObject();
        activity.addProperty("type", type);
        activity.addProperty("date", clock.instant().toString());
        activity.addProperty("description", switch (type) {
            case "call" -> colleague + " called " + deal.person() + " about next steps";
            case "email" -> colleague + " sent " + deal.person() + " the pricing sheet";
            case "meeting" -> colleague + " met the buying committee at " + deal.company();
            case "proposal" -> colleague + " sent " + deal.company() + " a revised proposal";
            case "demo" -> colleague + " ran a product demo for " + deal.company();
            default -> colleague + ": " + deal.company() + " wants to start before the end of the quarter";
        });
        if (random.nextBoolean()) {
            activity.addProperty("nextStep", "Check in with " + deal.person() + " next week");
        }
        state.addDealActivity(picked.get().id(), activity);
        return "deal:activity_added";
    }

    /** What the simulator's texts say about a deal: never its id. */
    private record DealFacts(String title, String company, String contactName, DealStage stage, double value) {
        static DealFacts of(DealRecord deal) {
            return new DealFacts(deal.title, deal.company, deal.contactName, deal.stage, deal.value);
        }

        String person() {
            return contactName != null ? contactName : "the team at " + company;
        }
    }

    /** A colleague of the demo users, as the author of a simulated change. */
    private String colleague() {
        return COLLEAGUES[random.nextInt(COLLEAGUES.length)];
    }

    private String createDeal() {
        JsonObject deal = new JsonObject();
        String product = DemoDataGenerator.PRODUCTS[random.nextInt(DemoDataGenerator.PRODUCTS.length)];
        deal.addProperty("title", product + " opportunity");
        String contactId = randomContact();
        if (contactId != null) {
            deal.addProperty("contactId", contactId);
        } else {
            deal.addProperty("company", DemoDataGenerator.COMPANY_STEMS[random.nextInt(
                    DemoDataGenerator.COMPANY_STEMS.length)] + " Labs");
        }
        deal.addProperty("value", 5_000 + 500 * random.nextInt(400));
        deal.addProperty("description", "Inbound lead from the website, picked up by " + colleague() + ".");
        JsonArray tags = new JsonArray();
        tags.add(new JsonPrimitive("inbound"));
        deal.add("tags", tags);
        String id = state.createDeal(deal).get("id").getAsString();
        dealIds.add(id);
        return "deal:created";
    }

    /** A notification a colleague's change would cause, naming the deal or contact by name and company. */
    private String notifyUser() {
        if (userIds.isEmpty()) {
            return null;
        }
        String userId = userIds.get(random.nextInt(userIds.size()));
        JsonObject notification = new JsonObject();
        Optional<Picked<DealFacts>> picked = pickDeal(DealFacts::of);
        String colleague = colleague();
        if (picked.isEmpty()) {
            notification.addProperty("type", "ai_insight");
            notification.addProperty("title", "Weekly pipeline insight");
            notification.addProperty("message", "Deals with an executive sponsor close faster this quarter.");
        } else {
            DealFacts deal = picked.get().value();
            String kind = NOTIFICATION_KINDS[random.nextInt(NOTIFICATION_KINDS.length)];
            notification.addProperty("type", kind);
            switch (kind) {
                case "meeting_reminder" -> {
                    notification.addProperty("title", "Meeting with " + deal.person() + " in 30 minutes");
                    notification.addProperty("message", deal.title() + " at " + deal.company() + ", booked by "
                            + colleague + ".");
                }
                case "message_received" -> {
                    notification.addProperty("title", deal.person() + " replied");
                    notification.addProperty("message", "About " + deal.title() + " at " + deal.company()
                            + ": \"Thanks, let's talk next week.\"");
                }
                default -> {
                    notification.addProperty("title", colleague + " updated " + deal.title());
                    notification.addProperty("message", deal.company() + " is in " + stageName(deal.stage())
                            + " at " + String.format(java.util.Locale.ROOT, "$%,.0f", deal.value()) + ".");
                }
            }
            JsonObject metadata = new JsonObject();
            metadata.addProperty("dealId", picked.get().id());
            notification.add("metadata", metadata);
            notification.addProperty("actionUrl", "/deals/" + picked.get().id());
        }
        notification.addProperty("priority", DemoDataGenerator.LEVELS[random.nextInt(3)]);
        state.addNotification(userId, notification);
        return "notification:new";
    }

    private static String stageName(DealStage stage) {
        return switch (stage) {
            case PROSPECT -> "Prospect";
            case QUALIFIED -> "Qualified";
            case PROPOSAL -> "Proposal";
            case NEGOTIATION -> "Negotiation";
            case CLOSED_WON -> "Closed won";
            case CLOSED_LOST -> "Closed lost";
        };
    }

    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        DaemonThreads.stop(scheduler, "Activity simulator", Duration.ofSeconds(5));
        scheduler = null;
    }
}
