package com.flowcrm.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The demo backend's data (one account: every user sees the same deals and contacts, notifications are per user).
 * Every change goes through here, is validated, and is published as the matching WebSocket event; {@link #silent()}
 * gives a view that changes the same data without publishing, to simulate changes a disconnected client missed.
 * Results are JSON snapshots in the wire shape, never the live objects.
 */
public final class DemoState {
    static final Set<String> LEVELS = Set.of("high", "medium", "low");
    static final Set<String> ACTIVITY_TYPES = Set.of("call", "email", "meeting", "proposal", "demo", "note");
    static final Set<String> COMMUNICATION_TYPES = Set.of("email", "call", "meeting", "note");
    static final Set<String> SENTIMENTS = Set.of("positive", "neutral", "negative");
    static final Set<String> NOTIFICATION_TYPES = Set.of("deal_update", "message_received", "meeting_reminder",
            "ai_insight", "task_due", "at_risk_alert");
    private static final Set<String> DEAL_FILTERS = Set.of("all", "hot", "at-risk", "closing-soon");
    private static final Set<String> CONTACT_FILTERS = Set.of("all", "high-value", "at-risk", "recent");
    private static final int MONTHS_FORECAST = 6;

    /** Where published changes go: the WebSocket hub, or nowhere. A null recipient means every client. */
    @FunctionalInterface
    interface EventSink {
        EventSink NONE = (event, data, recipientUserId) -> { };

        void publish(String event, JsonElement data, String recipientUserId);
    }

    /** The data shared by this state and its silent view; its monitor guards everything in it. */
    static final class Store {
        final LinkedHashMap<String, DealRecord> deals = new LinkedHashMap<>();
        final LinkedHashMap<String, ContactRecord> contacts = new LinkedHashMap<>();
        final LinkedHashMap<String, NotificationRecord> notifications = new LinkedHashMap<>();
        final LinkedHashMap<String, UserRecord> users = new LinkedHashMap<>();
        long nextId;
        DemoRequestException nextStageRefusal;

        String newId(String prefix) {
            nextId++;
            return prefix + "-" + nextId;
        }
    }

    private final Store store;
    private final EventSink sink;
    private final Clock clock;

    DemoState(Store store, EventSink sink, Clock clock) {
        this.store = store;
        this.sink = sink;
        this.clock = clock;
    }

    /** The same data, changed without any broadcast: what a client misses while it is disconnected. */
    public DemoState silent() {
        return new DemoState(store, EventSink.NONE, clock);
    }

    private void publish(String event, JsonElement data, String recipientUserId) {
        sink.publish(event, data, recipientUserId);
    }

    private static JsonObject json(Object record) {
        return DemoJson.GSON.toJsonTree(record).getAsJsonObject();
    }

    // ---------------------------------------------------------------- deals

    public List<String> dealIds() {
        synchronized (store) {
            return new ArrayList<>(store.deals.keySet());
        }
    }

    public int dealCount() {
        synchronized (store) {
            return store.deals.size();
        }
    }

    /** Newest first, like the client's list after {@code deal:created} prepends. */
    public JsonArray deals(String filter, String search) {
        Predicate<DealRecord> selection = dealSelection(filter, search);
        JsonArray result = new JsonArray();
        synchronized (store) {
            store.deals.sequencedValues().reversed().stream().filter(selection).forEach(d -> result.add(json(d)));
        }
        return result;
    }

    /** The same list as {@link #deals}, serialized straight from the records: no JSON tree of 100,000 deals. */
    byte[] dealsJson(String filter, String search) {
        Predicate<DealRecord> selection = dealSelection(filter, search);
        synchronized (store) {
            return jsonArray(DealRecord.class, store.deals.sequencedValues().reversed(), selection);
        }
    }

    private static <R> byte[] jsonArray(Class<R> type, Iterable<R> records, Predicate<R> selection) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonWriter writer = new JsonWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            writer.beginArray();
            for (R record : records) {
                if (selection.test(record)) {
                    DemoJson.GSON.toJson(record, type, writer);
                }
            }
            writer.endArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Predicate<DealRecord> dealSelection(String filter, String search) {
        String chosen = filter == null || filter.isBlank() ? "all" : filter;
        if (!DEAL_FILTERS.contains(chosen)) {
            throw DemoRequestException.badRequest("filter must be one of " + new TreeSet<>(DEAL_FILTERS)
                    + " but was '" + chosen + "'");
        }
        Instant now = clock.instant();
        Predicate<DealRecord> byFilter = switch (chosen) {
            // the client's rules (DealFilter), so a filtered REST list and the board's filter chips agree
            case "hot" -> d -> d.probability > 70;
            case "at-risk" -> d -> !d.riskFactors.isEmpty()
                    || d.competitorMentioned != null && !d.competitorMentioned.isBlank();
            case "closing-soon" -> d -> d.stage.isOpen() && !d.expectedCloseDate.isBefore(now)
                    && !d.expectedCloseDate.isAfter(now.plus(Duration.ofDays(30)));
            default -> d -> true;
        };
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return byFilter;
        }
        return byFilter.and(d -> contains(d.title, needle) || contains(d.company, needle)
                || contains(d.contactName, needle) || d.tags.stream().anyMatch(t -> contains(t, needle)));
    }

    private static boolean contains(String text, String lowerNeedle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    public JsonObject deal(String id) {
        synchronized (store) {
            return json(requireDeal(id));
        }
    }

    private DealRecord requireDeal(String id) {
        DealRecord deal = store.deals.get(id);
        if (deal == null) {
            throw DemoRequestException.notFound("no deal with id '" + id + "'");
        }
        return deal;
    }

    /** Creates a deal from a Deal body without id; the server assigns id, probability and dates. Publishes deal:created. */
    public JsonObject createDeal(JsonObject body) {
        RequestFields fields = new RequestFields(body);
        String title = fields.requiredString("title");
        double value = fields.optionalNonNegativeNumber("value")
                .orElseThrow(() -> DemoRequestException.badRequest("value is required"));
        DealStage stage = fields.optionalStage("stage").orElse(DealStage.PROSPECT);
        Optional<String> contactId = fields.optionalString("contactId");
        Optional<String> contactName = fields.optionalString("contactName");
        Optional<String> company = fields.optionalString("company");
        Optional<String> confidence = fields.optionalOneOf("confidence", LEVELS);
        Optional<String> priority = fields.optionalOneOf("priority", LEVELS);
        Optional<Instant> expectedClose = fields.optionalDate("expectedCloseDate");
        Optional<String> description = fields.optionalString("description");
        Optional<List<String>> tags = fields.optionalStringList("tags");
        Optional<String> competitor = fields.optionalString("competitorMentioned");
        Optional<List<String>> risks = fields.optionalStringList("riskFactors");
        Optional<List<String>> signals = fields.optionalStringList("positiveSignals");
        synchronized (store) {
            ContactRecord contact = null;
            if (contactId.isPresent()) {
                contact = store.contacts.get(contactId.get());
                if (contact == null) {
                    throw DemoRequestException.badRequest("contactId '" + contactId.get() + "' is not a known contact");
                }
            }
            if (company.isEmpty() && contact == null) {
                throw DemoRequestException.badRequest("company is required");
            }
            Instant now = clock.instant();
            DealRecord deal = new DealRecord();
            deal.id = store.newId("deal");
            deal.title = title;
            deal.contactId = contactId.orElse(null);
            deal.contactName = contactName.orElse(contact == null ? null : contact.name);
            deal.company = company.orElseGet(() -> companyOf(contactId.get()));
            deal.value = value;
            deal.stage = stage;
            deal.probability = stage.probability();
            deal.confidence = confidence.orElse(confidenceFor(deal.probability));
            deal.expectedCloseDate = expectedClose.orElse(now.plus(Duration.ofDays(30)));
            deal.createdDate = now;
            deal.lastActivity = now;
            deal.stageEnteredAt = now;
            deal.description = description.orElse("");
            deal.tags = new ArrayList<>(tags.orElse(List.of()));
            deal.competitorMentioned = competitor.orElse(null);
            deal.riskFactors = new ArrayList<>(risks.orElse(List.of()));
            deal.positiveSignals = new ArrayList<>(signals.orElse(List.of()));
            deal.priority = priority.orElse("medium");
            store.deals.put(deal.id, deal);
            JsonObject created = json(deal);
            publish("deal:created", created, null);
            return created.deepCopy();
        }
    }

    private String companyOf(String contactId) {
        return store.contacts.get(contactId).company;
    }

    static String confidenceFor(int probability) {
        if (probability >= 70) {
            return "high";
        }
        return probability >= 40 ? "medium" : "low";
    }

    /** Applies a partial Deal; only the fields present change. Publishes deal:updated {id, changes}. */
    public JsonObject updateDeal(String id, JsonObject partial) {
        synchronized (store) {
            return json(applyDealUpdate(id, partial));
        }
    }

    /** {@link #updateDeal} without the snapshot, for the simulator's high rates. */
    DealRecord applyDealUpdate(String id, JsonObject partial) {
        RequestFields fields = new RequestFields(partial);
        Map<String, Object> changes = new LinkedHashMap<>();
        fields.optionalString("title").ifPresent(v -> {
            if (v.isBlank()) {
                throw DemoRequestException.badRequest("title must not be empty");
            }
            changes.put("title", v);
        });
        fields.optionalString("contactId").ifPresent(v -> changes.put("contactId", v));
        fields.optionalString("contactName").ifPresent(v -> changes.put("contactName", v));
        fields.optionalString("company").ifPresent(v -> changes.put("company", v));
        fields.optionalNonNegativeNumber("value").ifPresent(v -> changes.put("value", v));
        fields.optionalStage("stage").ifPresent(v -> changes.put("stage", v));
        fields.optionalPercent("probability").ifPresent(v -> changes.put("probability", v));
        fields.optionalOneOf("confidence", LEVELS).ifPresent(v -> changes.put("confidence", v));
        fields.optionalDate("expectedCloseDate").ifPresent(v -> changes.put("expectedCloseDate", v));
        fields.optionalDate("lastActivity").ifPresent(v -> changes.put("lastActivity", v));
        fields.optionalString("description").ifPresent(v -> changes.put("description", v));
        fields.optionalStringList("tags").ifPresent(v -> changes.put("tags", v));
        fields.optionalString("competitorMentioned").ifPresent(v -> changes.put("competitorMentioned", v));
        fields.optionalStringList("riskFactors").ifPresent(v -> changes.put("riskFactors", v));
        fields.optionalStringList("positiveSignals").ifPresent(v -> changes.put("positiveSignals", v));
        fields.optionalOneOf("priority", LEVELS).ifPresent(v -> changes.put("priority", v));
        synchronized (store) {
            DealRecord deal = requireDeal(id);
            if (changes.containsKey("contactId") && !store.contacts.containsKey((String) changes.get("contactId"))) {
                throw DemoRequestException.badRequest("contactId '" + changes.get("contactId") + "' is not a known contact");
            }
            if (changes.get("stage") instanceof DealStage stage && stage != deal.stage) {
                changes.putIfAbsent("probability", stage.probability());
                deal.stageEnteredAt = clock.instant();
            }
            changes.forEach((field, value) -> applyDealField(deal, field, value));
            if (!changes.isEmpty()) {
                publish("deal:updated", idAndChanges(id, changes), null);
            }
            return deal;
        }
    }

    @SuppressWarnings("unchecked")
    private static void applyDealField(DealRecord deal, String field, Object value) {
        switch (field) {
            case "title" -> deal.title = (String) value;
            case "contactId" -> deal.contactId = (String) value;
            case "contactName" -> deal.contactName = (String) value;
            case "company" -> deal.company = (String) value;
            case "value" -> deal.value = (Double) value;
            case "stage" -> deal.stage = (DealStage) value;
            case "probability" -> deal.probability = (Integer) value;
            case "confidence" -> deal.confidence = (String) value;
            case "expectedCloseDate" -> deal.expectedCloseDate = (Instant) value;
            case "lastActivity" -> deal.lastActivity = (Instant) value;
            case "description" -> deal.description = (String) value;
            case "tags" -> deal.tags = new ArrayList<>((List<String>) value);
            case "competitorMentioned" -> deal.competitorMentioned = (String) value;
            case "riskFactors" -> deal.riskFactors = new ArrayList<>((List<String>) value);
            case "positiveSignals" -> deal.positiveSignals = new ArrayList<>((List<String>) value);
            case "priority" -> deal.priority = (String) value;
            default -> throw new IllegalArgumentException("no deal field " + field);
        }
    }

    private static JsonObject idAndChanges(String id, Map<String, Object> changes) {
        JsonObject changesJson = new JsonObject();
        changes.forEach((field, value) -> changesJson.add(field, RequestFields.toJson(value)));
        JsonObject data = new JsonObject();
        data.addProperty("id", id);
        data.add("changes", changesJson);
        return data;
    }

    /** No event exists for a deletion in the protocol; clients learn of it on their next reload. */
    public void deleteDeal(String id) {
        synchronized (store) {
            requireDeal(id);
            store.deals.remove(id);
        }
    }

    /** Server-side stage change with the stage's probability. Publishes deal:stage_changed {id, stage, probability}. */
    public JsonObject changeDealStage(String id, String stage) {
        DealStage parsed = DealStage.fromWire(stage)
                .orElseThrow(() -> DemoRequestException.badRequest("unknown stage '" + stage + "'"));
        synchronized (store) {
            return json(applyStageChange(id, parsed, false));
        }
    }

    /** A client's stage change: consumes a pending {@link #refuseNextStageChange} before anything changes. */
    JsonObject changeDealStageByClient(String id, DealStage stage) {
        synchronized (store) {
            return json(applyStageChange(id, stage, true));
        }
    }

    DealRecord applyStageChange(String id, DealStage stage, boolean byClient) {
        synchronized (store) {
            DealRecord deal = requireDeal(id);
            if (byClient && store.nextStageRefusal != null) {
                DemoRequestException refusal = store.nextStageRefusal;
                store.nextStageRefusal = null;
                throw refusal;
            }
            if (deal.stage != stage) {
                deal.stage = stage;
                deal.probability = stage.probability();
                // nothing beyond stage and probability changes: the event carries only those, clients must agree
                deal.stageEnteredAt = clock.instant();
                JsonObject data = new JsonObject();
                data.addProperty("id", id);
                data.addProperty("stage", stage.wireName());
                data.addProperty("probability", deal.probability);
                publish("deal:stage_changed", data, null);
            }
            return deal;
        }
    }

    /**
     * Makes the next stage change a client asks for over REST fail with this status and message, leaving the deal
     * unchanged, so a client's optimistic update and its rollback can be tested. Later changes succeed again.
     */
    public void refuseNextStageChange(int status, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status, was " + status);
        }
        synchronized (store) {
            store.nextStageRefusal = new DemoRequestException(status, message);
        }
    }

    /** Adds {type, date, description, outcome?, nextStep?}. Publishes deal:activity_added {dealId, activity}. */
    public JsonObject addDealActivity(String dealId, JsonObject body) {
        RequestFields fields = new RequestFields(body);
        DealRecord.Activity activity = new DealRecord.Activity();
        activity.type = fields.requiredOneOf("type", ACTIVITY_TYPES);
        activity.date = fields.requiredDate("date");
        activity.description = fields.requiredString("description");
        activity.outcome = fields.optionalString("outcome").orElse(null);
        activity.nextStep = fields.optionalString("nextStep").orElse(null);
        synchronized (store) {
            DealRecord deal = requireDeal(dealId);
            activity.id = store.newId("activity");
            deal.activities.add(0, activity);
            if (activity.date.isAfter(deal.lastActivity)) {
                deal.lastActivity = activity.date;
            }
            JsonObject activityJson = json(activity);
            JsonObject data = new JsonObject();
            data.addProperty("dealId", dealId);
            data.add("activity", activityJson);
            publish("deal:activity_added", data, null);
            return activityJson.deepCopy();
        }
    }

    /** {totalPipeline, weightedForecast, dealsClosingThisMonth, monthlyForecast[{month, value, weightedValue, deals}]}. */
    public JsonObject forecast() {
        YearMonth thisMonth = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        double total = 0;
        double weighted = 0;
        int closingThisMonth = 0;
        double[] monthValue = new double[MONTHS_FORECAST];
        double[] monthWeighted = new double[MONTHS_FORECAST];
        int[] monthDeals = new int[MONTHS_FORECAST];
        synchronized (store) {
            for (DealRecord deal : store.deals.values()) {
                if (!deal.stage.isOpen()) {
                    continue;
                }
                double expected = deal.value * deal.probability / 100.0;
                total += deal.value;
                weighted += expected;
                YearMonth closeMonth = YearMonth.from(deal.expectedCloseDate.atZone(ZoneOffset.UTC));
                if (closeMonth.equals(thisMonth)) {
                    closingThisMonth++;
                }
                long offset = thisMonth.until(closeMonth, java.time.temporal.ChronoUnit.MONTHS);
                if (offset >= 0 && offset < MONTHS_FORECAST) {
                    monthValue[(int) offset] += deal.value;
                    monthWeighted[(int) offset] += expected;
                    monthDeals[(int) offset]++;
                }
            }
        }
        JsonArray monthly = new JsonArray();
        for (int i = 0; i < MONTHS_FORECAST; i++) {
            JsonObject month = new JsonObject();
            month.addProperty("month", thisMonth.plusMonths(i).toString());
            month.addProperty("value", round2(monthValue[i]));
            month.addProperty("weightedValue", round2(monthWeighted[i]));
            month.addProperty("deals", monthDeals[i]);
            monthly.add(month);
        }
        JsonObject result = new JsonObject();
        result.addProperty("totalPipeline", round2(total));
        result.addProperty("weightedForecast", round2(weighted));
        result.addProperty("dealsClosingThisMonth", closingThisMonth);
        result.add("monthlyForecast", monthly);
        return result;
    }

    /** One row per stage, in pipeline order: {stage, count, totalValue, avgProbability, avgDaysInStage}. */
    public JsonArray stageStats() {
        Instant now = clock.instant();
        Map<DealStage, double[]> sums = new HashMap<>();
        synchronized (store) {
            for (DealRecord deal : store.deals.values()) {
                double[] sum = sums.computeIfAbsent(deal.stage, s -> new double[4]);
                sum[0]++;
                sum[1] += deal.value;
                sum[2] += deal.probability;
                sum[3] += Duration.between(deal.stageEnteredAt, now).toHours() / 24.0;
            }
        }
        JsonArray result = new JsonArray();
        for (DealStage stage : DealStage.values()) {
            double[] sum = sums.getOrDefault(stage, new double[4]);
            double count = sum[0];
            JsonObject row = new JsonObject();
            row.addProperty("stage", stage.wireName());
            row.addProperty("count", (int) count);
            row.addProperty("totalValue", round2(sum[1]));
            row.addProperty("avgProbability", count == 0 ? 0 : round1(sum[2] / count));
            row.addProperty("avgDaysInStage", count == 0 ? 0 : round1(Math.max(0, sum[3]) / count));
            result.add(row);
        }
        return result;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    // ---------------------------------------------------------------- contacts

    public List<String> contactIds() {
        synchronized (store) {
            return new ArrayList<>(store.contacts.keySet());
        }
    }

    public JsonArray contacts(String filter, String search) {
        Predicate<ContactRecord> selection = contactSelection(filter, search);
        JsonArray result = new JsonArray();
        synchronized (store) {
            store.contacts.values().stream().filter(selection).forEach(c -> result.add(json(c)));
        }
        return result;
    }

    /** The same list as {@link #contacts}, serialized straight from the records. */
    byte[] contactsJson(String filter, String search) {
        Predicate<ContactRecord> selection = contactSelection(filter, search);
        synchronized (store) {
            return jsonArray(ContactRecord.class, store.contacts.values(), selection);
        }
    }

    private Predicate<ContactRecord> contactSelection(String filter, String search) {
        String chosen = filter == null || filter.isBlank() ? "all" : filter;
        if (!CONTACT_FILTERS.contains(chosen)) {
            throw DemoRequestException.badRequest("filter must be one of " + new TreeSet<>(CONTACT_FILTERS)
                    + " but was '" + chosen + "'");
        }
        Instant now = clock.instant();
        Predicate<ContactRecord> byFilter = switch (chosen) {
            case "high-value" -> isHighValue();
            case "at-risk" -> isAtRisk();
            case "recent" -> c -> c.lastContact.isAfter(now.minus(Duration.ofDays(7)));
            default -> c -> true;
        };
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return byFilter;
        }
        return byFilter.and(c -> contains(c.name, needle) || contains(c.company, needle) || contains(c.email, needle)
                || c.tags.stream().anyMatch(t -> contains(t, needle)));
    }

    private static Predicate<ContactRecord> isHighValue() {
        return c -> c.totalValue >= 100_000;
    }

    private static Predicate<ContactRecord> isAtRisk() {
        return c -> c.healthScore <= 40 || c.churnRisk >= 60;
    }

    public JsonObject contact(String id) {
        synchronized (store) {
            return json(requireContact(id));
        }
    }

    private ContactRecord requireContact(String id) {
        ContactRecord contact = store.contacts.get(id);
        if (contact == null) {
            throw DemoRequestException.notFound("no contact with id '" + id + "'");
        }
        return contact;
    }

    /**
     * Applies a partial Contact. Publishes contact:updated {id, changes}, and contact:health_changed
     * {id, oldScore, newScore} as well when the health score moved.
     */
    public JsonObject updateContact(String id, JsonObject partial) {
        synchronized (store) {
            return json(applyContactUpdate(id, partial));
        }
    }

    /** {@link #updateContact} without the snapshot, for the simulator's high rates. */
    ContactRecord applyContactUpdate(String id, JsonObject partial) {
        RequestFields fields = new RequestFields(partial);
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String field : List.of("name", "email", "phone", "company", "title", "avatar")) {
            fields.optionalString(field).ifPresent(v -> changes.put(field, v));
        }
        fields.optionalPercent("healthScore").ifPresent(v -> changes.put("healthScore", v));
        fields.optionalOneOf("relationshipHealth", LEVELS).ifPresent(v -> changes.put("relationshipHealth", v));
        fields.optionalDate("lastContact").ifPresent(v -> changes.put("lastContact", v));
        fields.optionalDate("nextFollowUp").ifPresent(v -> changes.put("nextFollowUp", v));
        fields.optionalOneOf("sentiment", SENTIMENTS).ifPresent(v -> changes.put("sentiment", v));
        fields.optionalPercent("churnRisk").ifPresent(v -> changes.put("churnRisk", v));
        fields.optionalStringList("tags").ifPresent(v -> changes.put("tags", v));
        fields.optionalStringList("notes").ifPresent(v -> changes.put("notes", v));
        if (changes.containsKey("name") && ((String) changes.get("name")).isBlank()) {
            throw DemoRequestException.badRequest("name must not be empty");
        }
        if (changes.get("healthScore") instanceof Integer score) {
            // the level always follows the score, whatever the body said
            changes.put("relationshipHealth", ContactRecord.healthFor(score));
        }
        synchronized (store) {
            ContactRecord contact = requireContact(id);
            int oldScore = contact.healthScore;
            changes.forEach((field, value) -> applyContactField(contact, field, value));
            if (!changes.isEmpty()) {
                publish("contact:updated", idAndChanges(id, changes), null);
            }
            if (contact.healthScore != oldScore) {
                publishHealthChanged(id, oldScore, contact.healthScore);
            }
            return contact;
        }
    }

    @SuppressWarnings("unchecked")
    private static void applyContactField(ContactRecord contact, String field, Object value) {
        switch (field) {
            case "name" -> contact.name = (String) value;
            case "email" -> contact.email = (String) value;
            case "phone" -> contact.phone = (String) value;
            case "company" -> contact.company = (String) value;
            case "title" -> contact.title = (String) value;
            case "avatar" -> contact.avatar = (String) value;
            case "healthScore" -> contact.healthScore = (Integer) value;
            case "relationshipHealth" -> contact.relationshipHealth = (String) value;
            case "lastContact" -> contact.lastContact = (Instant) value;
            case "nextFollowUp" -> contact.nextFollowUp = (Instant) value;
            case "sentiment" -> contact.sentiment = (String) value;
            case "churnRisk" -> contact.churnRisk = (Integer) value;
            case "tags" -> contact.tags = new ArrayList<>((List<String>) value);
            case "notes" -> contact.notes = new ArrayList<>((List<String>) value);
            default -> throw new IllegalArgumentException("no contact field " + field);
        }
    }

    private void publishHealthChanged(String id, int oldScore, int newScore) {
        JsonObject data = new JsonObject();
        data.addProperty("id", id);
        data.addProperty("oldScore", oldScore);
        data.addProperty("newScore", newScore);
        publish("contact:health_changed", data, null);
    }

    /** Moves a contact's health score (0-100). Publishes contact:health_changed {id, oldScore, newScore}. */
    public JsonObject changeContactHealth(String id, int newScore) {
        synchronized (store) {
            return json(applyHealthChange(id, newScore));
        }
    }

    /** {@link #changeContactHealth} without the snapshot, for the simulator's high rates. */
    ContactRecord applyHealthChange(String id, int newScore) {
        if (newScore < 0 || newScore > 100) {
            throw DemoRequestException.badRequest("healthScore must be a whole number from 0 to 100");
        }
        synchronized (store) {
            ContactRecord contact = requireContact(id);
            int oldScore = contact.healthScore;
            if (oldScore != newScore) {
                contact.healthScore = newScore;
                contact.relationshipHealth = ContactRecord.healthFor(newScore);
                publishHealthChanged(id, oldScore, newScore);
            }
            return contact;
        }
    }

    /**
     * Logs {type, date, subject?, summary, sentiment?} with a contact, newest first.
     * Publishes contact:updated with the new lastContact and communicationHistory.
     */
    public JsonObject addCommunication(String contactId, JsonObject body) {
        RequestFields fields = new RequestFields(body);
        ContactRecord.Communication event = new ContactRecord.Communication();
        event.type = fields.requiredOneOf("type", COMMUNICATION_TYPES);
        event.date = fields.requiredDate("date");
        event.subject = fields.optionalString("subject").orElse(null);
        event.summary = fields.requiredString("summary");
        event.sentiment = fields.optionalOneOf("sentiment", SENTIMENTS).orElse("neutral");
        synchronized (store) {
            ContactRecord contact = requireContact(contactId);
            event.id = store.newId("comm");
            contact.communicationHistory.add(0, event);
            Map<String, Object> changes = new LinkedHashMap<>();
            if (contact.lastContact == null || event.date.isAfter(contact.lastContact)) {
                contact.lastContact = event.date;
                changes.put("lastContact", event.date);
            }
            changes.put("communicationHistory", contact.communicationHistory);
            publish("contact:updated", idAndChanges(contactId, changes), null);
            return json(event);
        }
    }

    /** {total, highValue, atRisk, needsFollowUp}; a follow-up is needed when it is overdue or contact went quiet 30 days. */
    public JsonObject contactStats() {
        Instant now = clock.instant();
        Instant quiet = now.minus(Duration.ofDays(30));
        Predicate<ContactRecord> highValue = isHighValue();
        Predicate<ContactRecord> atRisk = isAtRisk();
        int total;
        int high = 0;
        int risk = 0;
        int followUp = 0;
        synchronized (store) {
            total = store.contacts.size();
            for (ContactRecord contact : store.contacts.values()) {
                high += highValue.test(contact) ? 1 : 0;
                risk += atRisk.test(contact) ? 1 : 0;
                boolean overdue = contact.nextFollowUp != null ? contact.nextFollowUp.isBefore(now)
                        : contact.lastContact.isBefore(quiet);
                followUp += overdue ? 1 : 0;
            }
        }
        JsonObject result = new JsonObject();
        result.addProperty("total", total);
        result.addProperty("highValue", high);
        result.addProperty("atRisk", risk);
        result.addProperty("needsFollowUp", followUp);
        return result;
    }

    // ---------------------------------------------------------------- notifications

    /** A user's notifications, newest first; {@code read} null means both. */
    public JsonArray notifications(String userId, Boolean read, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw DemoRequestException.badRequest("limit and offset must not be negative");
        }
        List<NotificationRecord> mine = new ArrayList<>();
        JsonArray result = new JsonArray();
        synchronized (store) {
            for (NotificationRecord n : store.notifications.values()) {
                if (n.userId.equals(userId) && (read == null || n.read == read)) {
                    mine.add(n);
                }
            }
            mine.sort(Comparator.comparing((NotificationRecord n) -> n.createdAt).reversed());
            mine.stream().skip(offset).limit(limit).forEach(n -> result.add(json(n)));
        }
        return result;
    }

    public JsonObject markNotificationRead(String userId, String id, boolean read) {
        synchronized (store) {
            NotificationRecord notification = store.notifications.get(id);
            if (notification == null || !notification.userId.equals(userId)) {
                throw DemoRequestException.notFound("no notification with id '" + id + "'");
            }
            notification.read = read;
            return json(notification);
        }
    }

    public int unreadCount(String userId) {
        synchronized (store) {
            return (int) store.notifications.values().stream().filter(n -> n.userId.equals(userId) && !n.read).count();
        }
    }

    /**
     * Adds {type, title, message, priority?, actionUrl?, metadata?, expiresAt?} for one user.
     * Publishes notification:new to that user's connections only.
     */
    public JsonObject addNotification(String userId, JsonObject body) {
        RequestFields fields = new RequestFields(body);
        NotificationRecord notification = new NotificationRecord();
        notification.type = fields.requiredOneOf("type", NOTIFICATION_TYPES);
        notification.title = fields.requiredString("title");
        notification.message = fields.requiredString("message");
        notification.priority = fields.optionalOneOf("priority", LEVELS).orElse("medium");
        notification.actionUrl = fields.optionalString("actionUrl").orElse(null);
        notification.expiresAt = fields.optionalDate("expiresAt").orElse(null);
        if (body != null && body.has("metadata") && !body.get("metadata").isJsonNull()) {
            notification.metadata = stringMap(body.get("metadata"));
        }
        synchronized (store) {
            if (!store.users.containsKey(userId)) {
                throw DemoRequestException.notFound("no user with id '" + userId + "'");
            }
            notification.id = store.newId("notification");
            notification.userId = userId;
            notification.createdAt = clock.instant();
            store.notifications.put(notification.id, notification);
            JsonObject created = json(notification);
            publish("notification:new", created, userId);
            return created.deepCopy();
        }
    }

    private static Map<String, String> stringMap(JsonElement element) {
        if (!element.isJsonObject()) {
            throw DemoRequestException.badRequest("metadata must be an object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
            if (!(entry.getValue() instanceof JsonPrimitive primitive) || !primitive.isString()) {
                throw DemoRequestException.badRequest("metadata must be an object of strings");
            }
            map.put(entry.getKey(), primitive.getAsString());
        }
        return map;
    }

    // ---------------------------------------------------------------- users

    public Optional<String> userIdByEmail(String email) {
        synchronized (store) {
            return store.users.values().stream().filter(u -> u.email.equalsIgnoreCase(email)).map(u -> u.id).findFirst();
        }
    }

    public List<String> userIds() {
        synchronized (store) {
            return new ArrayList<>(store.users.keySet());
        }
    }

    public JsonObject user(String id) {
        synchronized (store) {
            UserRecord user = store.users.get(id);
            if (user == null) {
                throw DemoRequestException.notFound("no user with id '" + id + "'");
            }
            return json(user);
        }
    }

    /** The user when the credentials match; records the login time. */
    Optional<JsonObject> login(String email, String password) {
        synchronized (store) {
            for (UserRecord user : store.users.values()) {
                if (user.email.equalsIgnoreCase(email) && user.password.equals(password)) {
                    user.lastLogin = clock.instant();
                    return Optional.of(json(user));
                }
            }
            return Optional.empty();
        }
    }

    boolean userExists(String id) {
        synchronized (store) {
            return store.users.containsKey(id);
        }
    }

    /** Reads one deal under the lock, for the simulator; empty when the id is gone. */
    <T> Optional<T> readDeal(String id, java.util.function.Function<DealRecord, T> reader) {
        synchronized (store) {
            DealRecord deal = store.deals.get(id);
            return deal == null ? Optional.empty() : Optional.ofNullable(reader.apply(deal));
        }
    }

    /** Reads one contact under the lock, for the simulator; empty when the id is gone. */
    <T> Optional<T> readContact(String id, java.util.function.Function<ContactRecord, T> reader) {
        synchronized (store) {
            ContactRecord contact = store.contacts.get(id);
            return contact == null ? Optional.empty() : Optional.ofNullable(reader.apply(contact));
        }
    }
}
