package com.flowcrm.api;

import com.flowcrm.model.AIInsight;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealInsight;
import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import com.flowcrm.model.WireEnum;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes the spec's camelCase shapes: enums by wire name, instants as ISO-8601 UTC strings, absent optionals
 * omitted. Used for the export command and REST bodies.
 */
final class JsonMapperWriter {
    private JsonMapperWriter() {
    }

    static JsonObject deal(Deal d) {
        JsonObject o = new JsonObject();
        o.addProperty("id", d.getId());
        o.addProperty("title", d.getTitle());
        put(o, "contactId", d.getContactId());
        o.addProperty("contactName", d.getContactName());
        o.addProperty("company", d.getCompany());
        o.addProperty("value", d.getValue());
        put(o, "stage", d.getStage());
        o.addProperty("probability", d.getProbability());
        put(o, "confidence", d.getConfidence());
        put(o, "expectedCloseDate", d.getExpectedCloseAsGiven());
        put(o, "createdDate", d.getCreatedDate());
        put(o, "lastActivity", d.getLastActivity());
        o.addProperty("description", d.getDescription());
        o.add("tags", strings(d.tagList()));
        o.add("activities", array(d.activityList()));
        o.add("aiInsights", array(d.insightList()));
        put(o, "competitorMentioned", d.getCompetitorMentioned());
        o.add("riskFactors", strings(d.riskFactorList()));
        o.add("positiveSignals", strings(d.positiveSignalList()));
        put(o, "priority", d.getPriority());
        putVersion(o, d.getVersion());
        return o;
    }

    static JsonObject contact(Contact c) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.getId());
        o.addProperty("name", c.getName());
        o.addProperty("email", c.getEmail());
        o.addProperty("phone", c.getPhone());
        o.addProperty("company", c.getCompany());
        o.addProperty("title", c.getTitle());
        put(o, "avatar", c.getAvatar());
        put(o, "relationshipHealth", c.getRelationshipHealth());
        o.addProperty("healthScore", c.getHealthScore());
        put(o, "lastContact", c.getLastContact());
        put(o, "nextFollowUp", c.getNextFollowUp());
        put(o, "sentiment", c.getSentiment());
        o.addProperty("churnRisk", c.getChurnRisk());
        o.addProperty("totalDeals", c.getTotalDeals());
        o.addProperty("totalValue", c.getTotalValue());
        o.add("tags", strings(c.tagList()));
        o.add("notes", strings(c.noteList()));
        o.add("communicationHistory", array(c.communicationList()));
        o.add("aiInsights", array(c.insightList()));
        putVersion(o, c.getVersion());
        return o;
    }

    static JsonObject notification(Notification n) {
        JsonObject o = new JsonObject();
        o.addProperty("id", n.getId());
        put(o, "userId", n.getUserId());
        put(o, "type", n.getType());
        o.addProperty("title", n.getTitle());
        o.addProperty("message", n.getMessage());
        put(o, "priority", n.getPriority());
        o.addProperty("read", n.isRead());
        put(o, "actionUrl", n.getActionUrl());
        if (!n.getMetadata().isEmpty()) {
            JsonObject meta = new JsonObject();
            for (Map.Entry<String, String> e : n.getMetadata().entrySet()) {
                meta.addProperty(e.getKey(), e.getValue());
            }
            o.add("metadata", meta);
        }
        put(o, "createdAt", n.getCreatedAt());
        put(o, "expiresAt", n.getExpiresAt());
        return o;
    }

    static JsonObject user(User u) {
        JsonObject o = new JsonObject();
        o.addProperty("id", u.id());
        o.addProperty("email", u.email());
        o.addProperty("name", u.name());
        put(o, "avatar", u.avatar());
        put(o, "role", u.role());
        JsonObject prefs = new JsonObject();
        put(prefs, "theme", u.preferences().theme());
        prefs.addProperty("notifications", u.preferences().notifications());
        prefs.addProperty("timezone", u.preferences().timezone());
        o.add("preferences", prefs);
        put(o, "createdAt", u.createdAt());
        put(o, "lastLogin", u.lastLogin());
        return o;
    }

    static JsonObject activity(DealActivity a) {
        JsonObject o = new JsonObject();
        o.addProperty("id", a.id());
        put(o, "type", a.type());
        put(o, "date", a.date());
        o.addProperty("description", a.description());
        put(o, "outcome", a.outcome());
        put(o, "nextStep", a.nextStep());
        return o;
    }

    static JsonObject communication(CommunicationEvent c) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.id());
        put(o, "type", c.type());
        put(o, "date", c.date());
        put(o, "subject", c.subject());
        o.addProperty("summary", c.summary());
        put(o, "sentiment", c.sentiment());
        put(o, "aiAnalysis", c.aiAnalysis());
        return o;
    }

    static JsonObject dealInsight(DealInsight i) {
        JsonObject o = new JsonObject();
        o.addProperty("id", i.id());
        put(o, "type", i.type());
        o.addProperty("title", i.title());
        o.addProperty("description", i.description());
        put(o, "impact", i.impact());
        o.addProperty("actionable", i.actionable());
        put(o, "suggestedAction", i.suggestedAction());
        o.addProperty("confidence", i.confidence());
        put(o, "date", i.date());
        return o;
    }

    static JsonObject contactInsight(AIInsight i) {
        JsonObject o = new JsonObject();
        o.addProperty("id", i.id());
        put(o, "type", i.type());
        o.addProperty("title", i.title());
        o.addProperty("description", i.description());
        o.addProperty("confidence", i.confidence());
        o.addProperty("actionable", i.actionable());
        put(o, "suggestedAction", i.suggestedAction());
        put(o, "date", i.date());
        return o;
    }

    /** The body of POST /deals/{id}/activities: {type, date, description, outcome?, nextStep?}. */
    static JsonObject newActivity(NewActivity a) {
        JsonObject o = new JsonObject();
        put(o, "type", a.type());
        put(o, "date", a.date());
        put(o, "description", a.description());
        put(o, "outcome", a.outcome());
        put(o, "nextStep", a.nextStep());
        return o;
    }

    /** A PUT body: the fields the change names, but never its version (that travels as {@code If-Match}). */
    static JsonObject dealChanges(DealChanges changes) {
        JsonObject o = new JsonObject();
        for (DealChanges.Field f : changes.fields()) {
            if (f != DealChanges.Field.VERSION) {
                o.add(camelCase(f.name()), value(changes.get(f)));
            }
        }
        return o;
    }

    /** A PUT body: the fields the change names, but never its version (that travels as {@code If-Match}). */
    static JsonObject contactChanges(ContactChanges changes) {
        JsonObject o = new JsonObject();
        for (ContactChanges.Field f : changes.fields()) {
            if (f != ContactChanges.Field.VERSION) {
                o.add(camelCase(f.name()), value(changes.get(f)));
            }
        }
        return o;
    }

    /** An array of model objects or plain values, each written as its spec shape. */
    static JsonArray array(List<?> items) {
        JsonArray a = new JsonArray(items.size());
        for (Object item : items) {
            a.add(value(item));
        }
        return a;
    }

    private static JsonElement value(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        } else if (v instanceof Deal d) {
            return deal(d);
        } else if (v instanceof Contact c) {
            return contact(c);
        } else if (v instanceof Notification n) {
            return notification(n);
        } else if (v instanceof User u) {
            return user(u);
        } else if (v instanceof DealActivity a) {
            return activity(a);
        } else if (v instanceof CommunicationEvent c) {
            return communication(c);
        } else if (v instanceof DealInsight i) {
            return dealInsight(i);
        } else if (v instanceof AIInsight i) {
            return contactInsight(i);
        } else if (v instanceof List<?> list) {
            return array(list);
        } else if (v instanceof Number n) {
            return new JsonPrimitive(n);
        } else if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        } else if (v instanceof WireEnum e) {
            return new JsonPrimitive(e.wireName());
        } else if (v instanceof Instant i) {
            return new JsonPrimitive(i.toString());
        } else if (v instanceof OffsetDateTime t) {
            return new JsonPrimitive(asGiven(t));
        }
        return new JsonPrimitive(v.toString());
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray(values.size());
        for (String s : values) {
            a.add(s);
        }
        return a;
    }

    /** A version only when the server gave one (0 means unknown, and is no version at all). */
    private static void putVersion(JsonObject o, long version) {
        if (version > 0) {
            o.addProperty("version", version);
        }
    }

    private static void put(JsonObject o, String name, String v) {
        if (v != null) {
            o.addProperty(name, v);
        }
    }

    private static void put(JsonObject o, String name, WireEnum v) {
        if (v != null) {
            o.addProperty(name, v.wireName());
        }
    }

    private static void put(JsonObject o, String name, Instant v) {
        if (v != null) {
            o.addProperty(name, v.toString());
        }
    }

    private static void put(JsonObject o, String name, OffsetDateTime v) {
        if (v != null) {
            o.addProperty(name, asGiven(v));
        }
    }

    /** UTC as before ("...Z"); another offset as written, so that reading it back gives the same calendar date. */
    private static String asGiven(OffsetDateTime t) {
        return t.getOffset().equals(ZoneOffset.UTC) ? t.toInstant().toString()
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    /** EXPECTED_CLOSE_DATE -> expectedCloseDate. */
    static String camelCase(String constant) {
        StringBuilder b = new StringBuilder(constant.length());
        boolean upper = false;
        for (int i = 0; i < constant.length(); i++) {
            char c = constant.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return b.toString();
    }
}
