package com.flowcrm.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The deal rules of the demo state: validation, changes with their events and versions, lists and filters. Every
 * change bumps the deal's {@code version} by one and is logged (and, unless silent, broadcast) with it.
 */
final class DemoDeals {
    static final Set<String> ACTIVITY_TYPES = Set.of("call", "email", "meeting", "proposal", "demo", "note");
    private static final Set<String> DEAL_FILTERS = Set.of("all", "hot", "at-risk", "closing-soon");

    private final DemoState.Store store;
    private final boolean broadcast;
    private final Clock clock;

    DemoDeals(DemoState.Store store, boolean broadcast, Clock clock) {
        this.store = store;
        this.broadcast = broadcast;
        this.clock = clock;
    }

    /** Logs a change of {@code deal} (already applied, version already bumped) with its durable snapshot. */
    private void log(String event, JsonObject data, DealRecord deal) {
        data.addProperty("version", deal.version);
        ChangeLog log = store.log;
        if (log.keepsRecords()) {
            log.append(event, data, null, broadcast, DemoPersistence.dealRow(deal, log.lastSeq() + 1));
        } else {
            log.append(event, data, null, broadcast);
        }
    }

    // ---------------------------------------------------------------- reading

    List<String> ids() {
        synchronized (store) {
            return new ArrayList<>(store.deals.keySet());
        }
    }

    int count() {
        synchronized (store) {
            return store.deals.size();
        }
    }

    /** Newest first, like the client's list after {@code deal:created} prepends. */
    JsonArray list(String filter, String search) {
        Predicate<DealRecord> selection = selection(filter, search);
        JsonArray result = new JsonArray();
        synchronized (store) {
            store.deals.sequencedValues().reversed().stream().filter(selection).forEach(d -> result.add(DemoState.json(d)));
        }
        return result;
    }

    /** The same list as {@link #list}, serialized straight from the records while it is sent, with the seq it reflects. */
    ListBody listJson(String filter, String search) {
        Predicate<DealRecord> selection = selection(filter, search);
        return ListBody.write(store, () -> store.log.lastSeq(), DealRecord.class,
                () -> store.deals.sequencedValues().reversed(), selection);
    }

    /**
     * The client's "at risk" rule (store.insights.DealRules with the default rotting limits), kept in this one function
     * so a filtered REST list and the board's "At risk" chip agree: an open deal with risk factors, a named competitor,
     * a close date (its UTC calendar day) before today's, or idle for longer than its stage allows (whole days since the
     * last activity, else since it was created: prospect 14, qualified 14, proposal 10, negotiation 7).
     */
    static boolean isAtRisk(DealRecord deal, Instant now) {
        if (!deal.stage.isOpen()) {
            return false;
        }
        if (!deal.riskFactors.isEmpty() || deal.competitorMentioned != null && !deal.competitorMentioned.isBlank()) {
            return true;
        }
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        if (deal.expectedCloseDate != null && deal.expectedCloseDate.atOffset(ZoneOffset.UTC).toLocalDate().isBefore(today)) {
            return true;
        }
        Instant since = deal.lastActivity != null ? deal.lastActivity : deal.createdDate;
        int limit = switch (deal.stage) {
            case PROSPECT, QUALIFIED -> 14;
            case PROPOSAL -> 10;
            case NEGOTIATION -> 7;
            default -> Integer.MAX_VALUE;
        };
        return since != null && Duration.between(since, now).toDays() > limit;
    }

    private Predicate<DealRecord> selection(String filter, String search) {
        String chosen = filter == null || filter.isBlank() ? "all" : filter;
        if (!DEAL_FILTERS.contains(chosen)) {
            throw DemoRequestException.badRequest("filter must be one of " + new TreeSet<>(DEAL_FILTERS)
                    + " but was '" + chosen + "'");
        }
        Instant now = clock.instant();
        Predicate<DealRecord> byFilter = switch (chosen) {
            // the client's rules (DealFilter), so a filtered REST list and the board's filter chips agree
            case "hot" -> d -> d.probability > 70;
            case "at-risk" -> d -> isAtRisk(d, now);
            case "closing-soon" -> d -> d.stage.isOpen() && !d.expectedCloseDate.isBefore(now)
                    && !d.expectedCloseDate.isAfter(now.plus(Duration.ofDays(30)));
            default -> d -> true;
        };
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return byFilter;
        }
        return byFilter.and(d -> DemoState.contains(d.title, needle) || DemoState.contains(d.company, needle)
                || DemoState.contains(d.contactName, needle) || d.tags.stream().anyMatch(t -> DemoState.contains(t, needle)));
    }

    JsonObject get(String id) {
        synchronized (store) {
            return DemoState.json(require(id));
        }
    }

    DealRecord require(String id) {
        DealRecord deal = store.deals.get(id);
        if (deal == null) {
            throw DemoRequestException.notFound("no deal with id '" + id + "'");
        }
        return deal;
    }

    // ---------------------------------------------------------------- changes

    JsonObject create(JsonObject body) {
        RequestFields fields = new RequestFields(body);
        String title = fields.requiredString("title");
        double value = fields.optionalNonNegativeNumber("value")
                .orElseThrow(() -> DemoRequestException.badRequest("value is required"));
        DealStage stage = fields.optionalStage("stage").orElse(DealStage.PROSPECT);
        Optional<String> contactId = fields.optionalString("contactId");
        Optional<String> contactName = fields.optionalString("contactName");
        Optional<String> company = fields.optionalString("company");
        Optional<String> confidence = fields.optionalOneOf("confidence", DemoState.LEVELS);
        Optional<String> priority = fields.optionalOneOf("priority", DemoState.LEVELS);
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
            deal.company = company.orElseGet(() -> store.contacts.get(contactId.get()).company);
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
            deal.version = 1;
            store.deals.put(deal.id, deal);
            JsonObject created = DemoState.json(deal);
            log("deal:created", created.deepCopy(), deal);
            return created;
        }
    }

    static String confidenceFor(int probability) {
        if (probability >= 70) {
            return "high";
        }
        return probability >= 40 ? "medium" : "low";
    }

    /** Applies a partial Deal; only the fields present change. Logs deal:updated {id, changes, version}. */
    DealRecord update(String id, JsonObject partial) {
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
        fields.optionalOneOf("confidence", DemoState.LEVELS).ifPresent(v -> changes.put("confidence", v));
        fields.optionalDate("expectedCloseDate").ifPresent(v -> changes.put("expectedCloseDate", v));
        fields.optionalDate("lastActivity").ifPresent(v -> changes.put("lastActivity", v));
        fields.optionalString("description").ifPresent(v -> changes.put("description", v));
        fields.optionalStringList("tags").ifPresent(v -> changes.put("tags", v));
        fields.optionalString("competitorMentioned").ifPresent(v -> changes.put("competitorMentioned", v));
        fields.optionalStringList("riskFactors").ifPresent(v -> changes.put("riskFactors", v));
        fields.optionalStringList("positiveSignals").ifPresent(v -> changes.put("positiveSignals", v));
        fields.optionalOneOf("priority", DemoState.LEVELS).ifPresent(v -> changes.put("priority", v));
        synchronized (store) {
            DealRecord deal = require(id);
            if (changes.containsKey("contactId") && !store.contacts.containsKey((String) changes.get("contactId"))) {
                throw DemoRequestException.badRequest("contactId '" + changes.get("contactId") + "' is not a known contact");
            }
            if (changes.get("stage") instanceof DealStage stage && stage != deal.stage) {
                changes.putIfAbsent("probability", stage.probability());
                deal.stageEnteredAt = clock.instant();
            }
            changes.forEach((field, value) -> applyField(deal, field, value));
            if (!changes.isEmpty()) {
                deal.version++;
                log("deal:updated", DemoState.idAndChanges(id, changes), deal);
            }
            return deal;
        }
    }

    @SuppressWarnings("unchecked")
    private static void applyField(DealRecord deal, String field, Object value) {
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

    /** Removes the deal. Logs and broadcasts deal:deleted {id, version}. */
    void delete(String id) {
        synchronized (store) {
            DealRecord deal = require(id);
            store.deals.remove(id);
            JsonObject data = new JsonObject();
            data.addProperty("id", id);
            data.addProperty("version", deal.version + 1);
            store.log.append("deal:deleted", data, null, broadcast, new DbWrite.DeleteRecord(DemoPersistence.DEAL, id));
        }
    }

    /** A stage change with the stage's probability. Logs deal:stage_changed {id, stage, probability, version}. */
    DealRecord changeStage(String id, DealStage stage, boolean byClient) {
        synchronized (store) {
            DealRecord deal = require(id);
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
                deal.version++;
                JsonObject data = new JsonObject();
                data.addProperty("id", id);
                data.addProperty("stage", stage.wireName());
                data.addProperty("probability", deal.probability);
                log("deal:stage_changed", data, deal);
            }
            return deal;
        }
    }

    /** Adds {type, date, description, outcome?, nextStep?}. Logs deal:activity_added {dealId, activity, version}. */
    JsonObject addActivity(String dealId, JsonObject body) {
        RequestFields fields = new RequestFields(body);
        DealRecord.Activity activity = new DealRecord.Activity();
        activity.type = fields.requiredOneOf("type", ACTIVITY_TYPES);
        activity.date = fields.requiredDate("date");
        activity.description = fields.requiredString("description");
        activity.outcome = fields.optionalString("outcome").orElse(null);
        activity.nextStep = fields.optionalString("nextStep").orElse(null);
        synchronized (store) {
            DealRecord deal = require(dealId);
            activity.id = store.newId("activity");
            deal.activities.add(0, activity);
            if (activity.date.isAfter(deal.lastActivity)) {
                deal.lastActivity = activity.date;
            }
            deal.version++;
            JsonObject activityJson = DemoState.json(activity);
            JsonObject data = new JsonObject();
            data.addProperty("dealId", dealId);
            data.add("activity", activityJson.deepCopy());
            log("deal:activity_added", data, deal);
            return activityJson;
        }
    }
}
