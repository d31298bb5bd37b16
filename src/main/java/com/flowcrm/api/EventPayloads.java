package com.flowcrm.api;

import static com.flowcrm.api.JsonMapperKeys.ACTIVITY;
import static com.flowcrm.api.JsonMapperKeys.CONTACT;
import static com.flowcrm.api.JsonMapperKeys.DEAL;
import static com.flowcrm.api.JsonMapperKeys.EVENT;
import static com.flowcrm.api.MappingValues.enumValue;
import static com.flowcrm.api.MappingValues.id;
import static com.flowcrm.api.MappingValues.isAbsent;
import static com.flowcrm.api.MappingValues.percent;

import com.flowcrm.api.JsonMapperKeys.EventKey;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.ContactUpdate;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.DealCreated;
import com.flowcrm.model.change.DealUpdate;
import com.flowcrm.model.change.EventName;
import com.flowcrm.model.change.NotificationAdded;
import com.flowcrm.model.change.RemoteEvent;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the payloads of the live events ({@code data} of {@code websocket-connections.md}) into the model's
 * {@link RemoteEvent}s for {@link JsonMapper}. A payload with a missing or bad required field yields no event; the
 * problems say why. Stateless; runs on the socket read thread for every event.
 */
final class EventPayloads {
    /** The reader of each event's payload, by {@link EventName#ordinal()}: made once, not per event. */
    static final List<ItemReader<RemoteEvent>> READERS = readers();

    private EventPayloads() {
    }

    private static List<ItemReader<RemoteEvent>> readers() {
        List<ItemReader<RemoteEvent>> readers = new ArrayList<>();
        for (EventName name : EventName.values()) {
            readers.add((json, path, p) -> read(name, json, path, p));
        }
        return List.copyOf(readers);
    }

    /** Where a payload's problems are reported: a whole deal or notification by its kind, a change as "data". */
    static String pathOf(EventName name) {
        return switch (name) {
            case DEAL_CREATED -> "deal";
            case NOTIFICATION_NEW -> "notification";
            default -> "data";
        };
    }

    /** The event of this name read from its payload; null (with the problems) when it cannot be. */
    static RemoteEvent read(EventName name, JsonElement json, String path, MappingProblems p) {
        return switch (name) {
            case DEAL_CREATED -> {
                Deal deal = ModelReaders.readDeal(json, path, p);
                yield deal == null ? null : new DealCreated(deal);
            }
            case DEAL_UPDATED -> dealUpdated(json, path, p);
            case DEAL_STAGE_CHANGED -> dealStageChanged(json, path, p);
            case DEAL_ACTIVITY_ADDED -> dealActivityAdded(json, path, p);
            case CONTACT_UPDATED -> contactUpdated(json, path, p);
            case CONTACT_HEALTH_CHANGED -> contactHealthChanged(json, path, p);
            case NOTIFICATION_NEW -> {
                Notification notification = ModelReaders.readNotification(json, path, p);
                yield notification == null ? null : new NotificationAdded(notification);
            }
        };
    }

    /** {@code deal:updated}: {@code {id, changes}}. */
    static DealUpdate dealUpdated(JsonElement json, String path, MappingProblems p) {
        JsonElement[] s = eventSlots(json, path, p);
        if (s == null) {
            return null;
        }
        String id = id(firstPresent(s[EventKey.ID.ordinal()], s[EventKey.DEAL_ID.ordinal()]), path, "id", p);
        JsonObject changes = requiredObject(s[EventKey.CHANGES.ordinal()], path, "changes", p);
        if (id == null || changes == null) {
            return null;
        }
        return new DealUpdate(id, ModelReaders.readDealChanges(DEAL.read(changes), path + ".changes", p));
    }

    /** {@code deal:stage_changed}: {@code {id, stage, probability}}; the stage is required, the probability optional. */
    static DealUpdate dealStageChanged(JsonElement json, String path, MappingProblems p) {
        JsonElement[] s = eventSlots(json, path, p);
        if (s == null) {
            return null;
        }
        String id = id(firstPresent(s[EventKey.ID.ordinal()], s[EventKey.DEAL_ID.ordinal()]), path, "id", p);
        JsonElement stageJson = s[EventKey.STAGE.ordinal()];
        DealStage stage = null;
        if (isAbsent(stageJson)) {
            p.add(path, "stage", "missing required field");
        } else {
            stage = enumValue(DealStage.class, stageJson, path, "stage", p);
        }
        JsonElement probabilityJson = s[EventKey.PROBABILITY.ordinal()];
        Integer probability = isAbsent(probabilityJson) ? null : percent(probabilityJson, path, "probability", p);
        if (id == null || stage == null) {
            return null;
        }
        DealChanges changes = new DealChanges().stage(stage);
        if (probability != null) {
            changes.probability(probability);
        }
        return new DealUpdate(id, changes);
    }

    /** {@code deal:activity_added}: {@code {dealId, activity}}. */
    static DealActivityAdded dealActivityAdded(JsonElement json, String path, MappingProblems p) {
        JsonElement[] s = eventSlots(json, path, p);
        if (s == null) {
            return null;
        }
        String dealId = id(firstPresent(s[EventKey.DEAL_ID.ordinal()], s[EventKey.ID.ordinal()]), path, "dealId", p);
        JsonElement activityJson = s[EventKey.ACTIVITY.ordinal()];
        DealActivity activity = null;
        if (isAbsent(activityJson)) {
            p.add(path, "activity", "missing required field");
        } else {
            activity = ModelReaders.readActivity(activityJson, path + ".activity", p);
        }
        return dealId == null || activity == null ? null : new DealActivityAdded(dealId, activity);
    }

    /** {@code contact:updated}: {@code {id, changes}}. */
    static ContactUpdate contactUpdated(JsonElement json, String path, MappingProblems p) {
        JsonElement[] s = eventSlots(json, path, p);
        if (s == null) {
            return null;
        }
        String id = id(s[EventKey.ID.ordinal()], path, "id", p);
        JsonObject changes = requiredObject(s[EventKey.CHANGES.ordinal()], path, "changes", p);
        if (id == null || changes == null) {
            return null;
        }
        return new ContactUpdate(id, ModelReaders.readContactChanges(CONTACT.read(changes), path + ".changes", p));
    }

    /** {@code contact:health_changed}: {@code {id, oldScore, newScore}}; the health follows from newScore. */
    static ContactUpdate contactHealthChanged(JsonElement json, String path, MappingProblems p) {
        JsonElement[] s = eventSlots(json, path, p);
        if (s == null) {
            return null;
        }
        String id = id(s[EventKey.ID.ordinal()], path, "id", p);
        JsonElement newJson = s[EventKey.NEW_SCORE.ordinal()];
        Integer newScore = null;
        if (isAbsent(newJson)) {
            p.add(path, "newScore", "missing required field");
        } else {
            newScore = percent(newJson, path, "newScore", p);
        }
        JsonElement oldJson = s[EventKey.OLD_SCORE.ordinal()];
        if (!isAbsent(oldJson)) {
            percent(oldJson, path, "oldScore", p);
        }
        return id == null || newScore == null ? null : new ContactUpdate(id, new ContactChanges().healthScore(newScore));
    }

    static JsonElement[] eventSlots(JsonElement json, String path, MappingProblems p) {
        return ModelReaders.isObject(json, path, p) ? EVENT.read(json.getAsJsonObject()) : null;
    }

    static JsonObject requiredObject(JsonElement e, String path, String field, MappingProblems p) {
        if (isAbsent(e)) {
            p.add(path, field, "missing required field");
            return null;
        }
        if (!e.isJsonObject()) {
            p.add(path, field, "not an object: " + MappingValues.quote(e));
            return null;
        }
        return e.getAsJsonObject();
    }

    static JsonElement firstPresent(JsonElement a, JsonElement b) {
        return isAbsent(a) ? b : a;
    }
}
