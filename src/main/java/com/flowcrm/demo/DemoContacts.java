package com.flowcrm.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The contact rules of the demo state: validation, changes with their events and versions, lists and filters.
 * Every logged event about a contact bumps its {@code version} by one.
 */
final class DemoContacts {
    static final Set<String> COMMUNICATION_TYPES = Set.of("email", "call", "meeting", "note");
    static final Set<String> SENTIMENTS = Set.of("positive", "neutral", "negative");
    private static final Set<String> CONTACT_FILTERS = Set.of("all", "high-value", "at-risk", "recent");

    private final DemoState.Store store;
    private final boolean broadcast;
    private final Clock clock;

    DemoContacts(DemoState.Store store, boolean broadcast, Clock clock) {
        this.store = store;
        this.broadcast = broadcast;
        this.clock = clock;
    }

    /** Bumps the version, then logs the change with the contact's durable snapshot. */
    private void log(String event, JsonObject data, ContactRecord contact) {
        contact.version++;
        data.addProperty("version", contact.version);
        ChangeLog log = store.log;
        if (log.keepsRecords()) {
            log.append(event, data, null, broadcast, DemoPersistence.contactRow(contact, log.lastSeq() + 1));
        } else {
            log.append(event, data, null, broadcast);
        }
    }

    List<String> ids() {
        synchronized (store) {
            return new ArrayList<>(store.contacts.keySet());
        }
    }

    JsonArray list(String filter, String search) {
        Predicate<ContactRecord> selection = selection(filter, search);
        JsonArray result = new JsonArray();
        synchronized (store) {
            store.contacts.values().stream().filter(selection).forEach(c -> result.add(DemoState.json(c)));
        }
        return result;
    }

    /** The same list as {@link #list}, serialized straight from the records while it is sent, with the seq it reflects. */
    ListBody listJson(String filter, String search) {
        Predicate<ContactRecord> selection = selection(filter, search);
        return ListBody.write(store, () -> store.log.lastSeq(), ContactRecord.class, store.contacts::values, selection);
    }

    private Predicate<ContactRecord> selection(String filter, String search) {
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
        return byFilter.and(c -> DemoState.contains(c.name, needle) || DemoState.contains(c.company, needle)
                || DemoState.contains(c.email, needle) || c.tags.stream().anyMatch(t -> DemoState.contains(t, needle)));
    }

    static Predicate<ContactRecord> isHighValue() {
        return c -> c.totalValue >= 100_000;
    }

    static Predicate<ContactRecord> isAtRisk() {
        return c -> c.healthScore <= 40 || c.churnRisk >= 60;
    }

    JsonObject get(String id) {
        synchronized (store) {
            return DemoState.json(require(id));
        }
    }

    ContactRecord require(String id) {
        ContactRecord contact = store.contacts.get(id);
        if (contact == null) {
            throw DemoRequestException.notFound("no contact with id '" + id + "'");
        }
        return contact;
    }

    /**
     * Applies a partial Contact. Logs contact:updated {id, changes, version}, and contact:health_changed
     * {id, oldScore, newScore, version} as well when the health score moved.
     */
    ContactRecord update(String id, JsonObject partial) {
        RequestFields fields = new RequestFields(partial);
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String field : List.of("name", "email", "phone", "company", "title", "avatar")) {
            fields.optionalString(field).ifPresent(v -> changes.put(field, v));
        }
        fields.optionalPercent("healthScore").ifPresent(v -> changes.put("healthScore", v));
        fields.optionalOneOf("relationshipHealth", DemoState.LEVELS).ifPresent(v -> changes.put("relationshipHealth", v));
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
            ContactRecord contact = require(id);
            int oldScore = contact.healthScore;
            changes.forEach((field, value) -> applyField(contact, field, value));
            if (!changes.isEmpty()) {
                log("contact:updated", DemoState.idAndChanges(id, changes), contact);
            }
            if (contact.healthScore != oldScore) {
                logHealthChanged(contact, oldScore);
            }
            return contact;
        }
    }

    @SuppressWarnings("unchecked")
    private static void applyField(ContactRecord contact, String field, Object value) {
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

    private void logHealthChanged(ContactRecord contact, int oldScore) {
        JsonObject data = new JsonObject();
        data.addProperty("id", contact.id);
        data.addProperty("oldScore", oldScore);
        data.addProperty("newScore", contact.healthScore);
        log("contact:health_changed", data, contact);
    }

    /** Moves a contact's health score (0-100). Logs contact:health_changed {id, oldScore, newScore, version}. */
    ContactRecord changeHealth(String id, int newScore) {
        if (newScore < 0 || newScore > 100) {
            throw DemoRequestException.badRequest("healthScore must be a whole number from 0 to 100");
        }
        synchronized (store) {
            ContactRecord contact = require(id);
            int oldScore = contact.healthScore;
            if (oldScore != newScore) {
                contact.healthScore = newScore;
                contact.relationshipHealth = ContactRecord.healthFor(newScore);
                logHealthChanged(contact, oldScore);
            }
            return contact;
        }
    }

    /**
     * Logs {type, date, subject?, summary, sentiment?} with a contact, newest first. Logs contact:updated with the
     * new lastContact and communicationHistory.
     */
    JsonObject addCommunication(String contactId, JsonObject body) {
        RequestFields fields = new RequestFields(body);
        ContactRecord.Communication event = new ContactRecord.Communication();
        event.type = fields.requiredOneOf("type", COMMUNICATION_TYPES);
        event.date = fields.requiredDate("date");
        event.subject = fields.optionalString("subject").orElse(null);
        event.summary = fields.requiredString("summary");
        event.sentiment = fields.optionalOneOf("sentiment", SENTIMENTS).orElse("neutral");
        synchronized (store) {
            ContactRecord contact = require(contactId);
            event.id = store.newId("comm");
            contact.communicationHistory.add(0, event);
            Map<String, Object> changes = new LinkedHashMap<>();
            if (contact.lastContact == null || event.date.isAfter(contact.lastContact)) {
                contact.lastContact = event.date;
                changes.put("lastContact", event.date);
            }
            changes.put("communicationHistory", contact.communicationHistory);
            log("contact:updated", DemoState.idAndChanges(contactId, changes), contact);
            return DemoState.json(event);
        }
    }
}
