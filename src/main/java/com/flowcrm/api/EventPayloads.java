package com.flowcrm.api;

import static com.flowcrm.api.JsonMapperKeys.ACTIVITY;
import static com.flowcrm.api.JsonMapperKeys.CONTACT;
import static com.flowcrm.api.JsonMapperKeys.DEAL;
import static com.flowcrm.api.JsonMapperKeys.EVENT;
import static com.flowcrm.api.JsonMapperKeys.NOTIFICATION;
import static com.flowcrm.api.MappingValues.enumValue;
import static com.flowcrm.api.MappingValues.id;
import static com.flowcrm.api.MappingValues.isAbsent;
import static com.flowcrm.api.MappingValues.percent;

import com.flowcrm.api.JsonMapperKeys.EventKey;
import com.flowcrm.api.JsonMapperKeys.NotificationKey;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Notification;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.ContactUpdate;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.DealCreated;
import com.flowcrm.model.change.DealDeleted;
import com.flowcrm.model.change.DealUpdate;
import com.flowcrm.model.change.EventName;
import com.flowcrm.model.change.NotificationAdded;
import com.flowcrm.model.change.NotificationUpdate;
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
            case DEAL_DELETED -> dealDeleted(json, path, p);
            case CONTACT_UPDATED -> contactUpdated(json, path, p);
            case CONTACT_HEALTH_CHANGED -> contactHealthChanged(json, path, p);
            case NOTIFICATION_NEW -> {
                Notification notification = ModelReaders.readNotification(json, path, p);
                yield notification == null ? null : new NotificationAdded(notification);
            }
            case NOTIFICATION_UPDATED -> notificationUpdated(json, path, p);
        };
    }

    /** {@code deal:updated}: {@code {id, changes, version?}}. */
    static DealUpdate dealUpdated(JsonElement json, String path, MappingProblems p) {
        JsonElement[] s = eventSlots(json, path, p);
        if (s == null) {
            return null;
        }
        String id = id(firstPresent(s[EventKey.ID.ordinal()], s[EventKey.DEAL_ID.ordinal()]), path, "id", p);
        JsonObject changes = requiredObject(s[EventKey.CHANGES.ordinal()], path, "changes", p);
        long version = version(s, path, p);
        if (id == null || changes == null) {
            return null;
        }
        DealChanges read = ModelReaders.readDealChanges(DEAL.read(changes), path + ".changes", p);
        return new DealUpdate(id, version > 0 ? read.version(version) : read);
    }

    /** {@code deal:stage_changed}: {@code {id, stage, probability, version?}}; the stage is required, the probability optional. */
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
        long version = version(s, path, p);
        if (id == null || stage == null) {
            return null;
        }
        DealChanges changes = new DealChanges().stage(stage);
        if (probability != null) {
            changes.probability(probability);
        }
        return new DealUpdate(id, version > 0 ? changes.version(version) : changes);
    }

    /** {@code deal:activity_added}: {@code {dealId, activity, version?}}. */
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
        long version = version(s, path, p);
        return dealId == null || activity == null ? null : new DealActivityAdded(dealId, activity, version);
    }

    /** {@code deal:deleted}: {@code {id, version?}}. */
    static DealDeleted dealDeleted(JsonElement json, String path, MappingProblems p) {
        JsonElement[] s = eventSlots(json, path, p);
        if (s == null) {
            return null;
        }
        String id = id(firstPresent(s[EventKey.ID.ordinal()], s[EventKey.DEAL_ID.ordinal()]), path, "id", p);
        long version = version(s, path, p);
        return id == null ? null : new DealDeleted(id, version);
    }

    /** {@code contact:updated}: {@code {id, changes, version?}}. */
    static ContactUpdate contactUpdated(JsonElement json, String path, MappingProblems p) {
        JsonElement[] s = eventSlots(json, path, p);
        if (s == null) {
            return null;
        }
        String id = id(s[EventKey.ID.ordinal()], path, "id", p);
        JsonObject changes = requiredObject(s[EventKey.CHANGES.ordinal()], path, "changes", p);
        long version = version(s, path, p);
        if (id == null || changes == null) {
            return null;
        }
        ContactChanges read = ModelReaders.readContactChanges(CONTACT.read(changes), path + ".changes", p);
        return new ContactUpdate(id, version > 0 ? read.version(version) : read);
    }

    /** {@code contact:health_changed}: {@code {id, oldScore, newScore, version?}}; the health follows from newScore. */
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
        long version = version(s, path, p);
        if (id == null || newScore == null) {
            return null;
        }
        ContactChanges changes = new ContactChanges().healthScore(newScore);
        return new ContactUpdate(id, version > 0 ? changes.version(version) : changes);
    }

    /** {@code notification:updated}: {@code {id, changes: {read}}} (a top-level {@code read} is read too). */
    static NotificationUpdate notificationUpdated(JsonElement json, String path, MappingProblems p) {
        JsonElement[] s = eventSlots(json, path, p);
        if (s == null) {
            return null;
        }
        String id = id(s[EventKey.ID.ordinal()], path, "id", p);
        JsonElement changesJson = s[EventKey.CHANGES.ordinal()];
        JsonElement readJson;
        String readPath;
        if (isAbsent(changesJson)) {
            readJson = s[EventKey.READ.ordinal()];
            readPath = path;
        } else {
            JsonObject changes = requiredObject(changesJson, path, "changes", p);
            if (changes == null) {
                return null;
            }
            readJson = NOTIFICATION.read(changes)[NotificationKey.READ.ordinal()];
            readPath = path + ".changes";
        }
        Boolean read = null;
        if (isAbsent(readJson)) {
            p.add(readPath, "read", "missing required field");
        } else {
            read = MappingValues.bool(readJson, readPath, "read", p);
        }
        return id == null || read == null ? null : new NotificationUpdate(id, read);
    }

    /** The optional {@code version} of an event's data; 0 when absent, reported (and 0) when it is not a version. */
    static long version(JsonElement[] s, String path, MappingProblems p) {
        JsonElement e = s[EventKey.VERSION.ordinal()];
        if (isAbsent(e)) {
            return 0;
        }
        Long version = MappingValues.version(e, path, "version", p);
        return version == null ? 0 : version;
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
