package com.flowcrm.api;

import static com.flowcrm.api.JsonMapperKeys.CONTACT;
import static com.flowcrm.api.JsonMapperKeys.DEAL;
import static com.flowcrm.api.MappingValues.id;
import static com.flowcrm.api.MappingValues.isAbsent;

import com.flowcrm.model.AIInsight;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealInsight;
import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.ContactUpdate;
import com.flowcrm.model.change.DealActivityAdded;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.DealUpdate;
import com.flowcrm.model.change.EventName;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.model.change.NewCommunication;
import com.flowcrm.model.change.RemoteEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The one tolerant mapper between the backend's JSON and the model: camelCase or snake_case names and their
 * aliases, dates in any of the forms of rest-api.md, numbers as strings, tags as strings or {@code {name}}
 * objects, notes as a string or a list, {@code null} for optional fields, {@code closed_won}. It never throws on
 * bad input: every bad field is reported by its path. Stateless and thread-safe; it runs on the socket read
 * thread for every live event, so name lookups are precomputed and the hot path avoids regex and exceptions.
 *
 * <p>Three ways in, one set of rules: a parsed tree ({@code deal(JsonElement)}), a list streamed from its text
 * ({@code streamDeals(Reader)}: the REST lists, mapped as they arrive) and one record's text
 * ({@code dealFromText(String)}: a record kept as the server's JSON). Each kind of object is read by one {@link RecordReader} whatever the way in.
 */
public final class JsonMapper {
    private static final JsonMapper INSTANCE = new JsonMapper();

    private JsonMapper() {
    }

    /** The mapper; it holds no state, so one instance serves every thread. */
    public static JsonMapper create() {
        return INSTANCE;
    }

    // ---- whole objects --------------------------------------------------------------------------------------

    public Mapped<Deal> deal(JsonElement json) {
        return one(json, "deal", ModelReaders::readDeal);
    }

    public Mapped<Contact> contact(JsonElement json) {
        return one(json, "contact", ModelReaders::readContact);
    }

    public Mapped<Notification> notification(JsonElement json) {
        return one(json, "notification", ModelReaders::readNotification);
    }

    public Mapped<User> user(JsonElement json) {
        return one(json, "user", ModelReaders::readUser);
    }

    public Mapped<DealActivity> activity(JsonElement json) {
        return one(json, "activity", ModelReaders::readActivity);
    }

    public Mapped<CommunicationEvent> communication(JsonElement json) {
        return one(json, "communication", ModelReaders::readCommunication);
    }

    public Mapped<DealInsight> dealInsight(JsonElement json) {
        return one(json, "insight", ModelReaders::readDealInsight);
    }

    public Mapped<AIInsight> contactInsight(JsonElement json) {
        return one(json, "insight", ModelReaders::readContactInsight);
    }

    // ---- one record's text (a record kept as the server's JSON) --------------------------------------------

    /** One deal from its JSON text, read without a tree of it; text that is not JSON is a failed mapping. */
    public Mapped<Deal> dealFromText(String json) {
        return oneFromText(json, "deal", ModelReaders.DEAL_RECORD);
    }

    /** One contact from its JSON text, read without a tree of it; text that is not JSON is a failed mapping. */
    public Mapped<Contact> contactFromText(String json) {
        return oneFromText(json, "contact", ModelReaders.CONTACT_RECORD);
    }

    /** One notification from its JSON text; text that is not JSON is a failed mapping. */
    public Mapped<Notification> notificationFromText(String json) {
        return oneFromText(json, "notification", ModelReaders.NOTIFICATION_RECORD);
    }

    // ---- lists as they stream in ----------------------------------------------------------------------------

    /**
     * A list of deals read while its text streams in (each deal mapped as it arrives, no tree of the whole text): the
     * same result as {@link #deals(JsonElement)} on the parsed text.
     *
     * @throws JsonSyntaxException when the text is not JSON; the whole list fails, as parsing it would
     * @throws JsonIOException     when the reader fails (the cause is the reader's exception)
     */
    public MappedList<Deal> streamDeals(Reader json) {
        return StreamingLists.read(json, "deals", ModelReaders.DEAL_RECORD);
    }

    /** A list of contacts read while it streams in; see {@link #streamDeals(Reader)}. */
    public MappedList<Contact> streamContacts(Reader json) {
        return StreamingLists.read(json, "contacts", ModelReaders.CONTACT_RECORD);
    }

    /** A list of notifications read while it streams in; see {@link #streamDeals(Reader)}. */
    public MappedList<Notification> streamNotifications(Reader json) {
        return StreamingLists.read(json, "notifications", ModelReaders.NOTIFICATION_RECORD);
    }

    // ---- lists from a tree ----------------------------------------------------------------------------------

    /** A list of deals; bad items are skipped and reported, good ones kept. Also accepts {@code {data: [...]}}. */
    public MappedList<Deal> deals(JsonElement array) {
        return list(array, "deals", ModelReaders::readDeal);
    }

    public MappedList<Contact> contacts(JsonElement array) {
        return list(array, "contacts", ModelReaders::readContact);
    }

    public MappedList<Notification> notifications(JsonElement array) {
        return list(array, "notifications", ModelReaders::readNotification);
    }

    // ---- partial changes and event payloads -----------------------------------------------------------------

    /** The fields present in a partial deal ({@code changes} of deal:updated, a PUT body); nothing is required. */
    public Mapped<DealChanges> dealChanges(JsonElement changes) {
        return one(changes, "changes", (json, path, p) ->
                ModelReaders.isObject(json, path, p) ? ModelReaders.readDealChanges(DEAL.read(json.getAsJsonObject()), path, p) : null);
    }

    /** The fields present in a partial contact; a health score without a health also sets the derived health. */
    public Mapped<ContactChanges> contactChanges(JsonElement changes) {
        return one(changes, "changes", (json, path, p) ->
                ModelReaders.isObject(json, path, p) ? ModelReaders.readContactChanges(CONTACT.read(json.getAsJsonObject()), path, p) : null);
    }

    /**
     * A live event by its name: what the socket's read thread hands the stores, and what each entry of the change log
     * is read with. An unknown name maps to no event ("unknown event"); so does a payload the event cannot be read from.
     */
    public Mapped<RemoteEvent> event(String name, JsonElement data) {
        EventName known = EventName.fromWire(name);
        if (known == null) {
            return Mapped.failed("event", "unknown event '" + name + "'");
        }
        return one(data, EventPayloads.pathOf(known), EventPayloads.READERS.get(known.ordinal()));
    }

    /**
     * A page of {@code GET /sync/changes} asked for with {@code since}: failed when the envelope cannot be placed in the
     * log (no list of changes, no usable {@code next} or {@code hasMore}, a {@code next} that does not move on); each
     * entry mapped with {@link #event}, an entry that cannot be applied kept as a failed mapping with its seq.
     */
    public Mapped<ChangePage> changePage(JsonElement page, long since) {
        try {
            return ChangeFeedReader.read(this, page, since);
        } catch (RuntimeException e) {
            return Mapped.failed("changes", "unexpected mapping failure: " + e);
        }
    }

    /** {@link #event} as a function, to hand the realtime client's read thread without naming JSON types there. */
    public static BiFunction<String, JsonElement, Mapped<RemoteEvent>> eventReader() {
        return INSTANCE::event;
    }

    /** {@code deal:updated}: {@code {id, changes}}. */
    public Mapped<DealUpdate> dealUpdated(JsonElement data) {
        return one(data, "data", EventPayloads::dealUpdated);
    }

    /** {@code deal:stage_changed}: {@code {id, stage, probability}}; the stage is required, the probability optional. */
    public Mapped<DealUpdate> dealStageChanged(JsonElement data) {
        return one(data, "data", EventPayloads::dealStageChanged);
    }

    /** {@code deal:activity_added}: {@code {dealId, activity}}. */
    public Mapped<DealActivityAdded> dealActivityAdded(JsonElement data) {
        return one(data, "data", EventPayloads::dealActivityAdded);
    }

    /** {@code contact:updated}: {@code {id, changes}}. */
    public Mapped<ContactUpdate> contactUpdated(JsonElement data) {
        return one(data, "data", EventPayloads::contactUpdated);
    }

    /** {@code contact:health_changed}: {@code {id, oldScore, newScore}}; the health follows from newScore. */
    public Mapped<ContactUpdate> contactHealthChanged(JsonElement data) {
        return one(data, "data", EventPayloads::contactHealthChanged);
    }

    // ---- writing --------------------------------------------------------------------------------------------

    public JsonObject toJson(Deal d) {
        return JsonMapperWriter.deal(d);
    }

    public JsonObject toJson(Contact c) {
        return JsonMapperWriter.contact(c);
    }

    public JsonObject toJson(Notification n) {
        return JsonMapperWriter.notification(n);
    }

    public JsonObject toJson(User u) {
        return JsonMapperWriter.user(u);
    }

    public JsonObject toJson(DealActivity a) {
        return JsonMapperWriter.activity(a);
    }

    public JsonObject toJson(CommunicationEvent c) {
        return JsonMapperWriter.communication(c);
    }

    public JsonObject toJson(DealInsight i) {
        return JsonMapperWriter.dealInsight(i);
    }

    public JsonObject toJson(AIInsight i) {
        return JsonMapperWriter.contactInsight(i);
    }

    /** A partial deal as a PUT body: only the fields the change names; a cleared optional is written as null. */
    public JsonObject toJson(DealChanges changes) {
        return JsonMapperWriter.dealChanges(changes);
    }

    /** A new activity as the body of POST /deals/{id}/activities. */
    public JsonObject toJson(NewActivity activity) {
        return JsonMapperWriter.newActivity(activity);
    }

    /** A new communication as the body of POST /contacts/{id}/communication. */
    public JsonObject toJson(NewCommunication communication) {
        return JsonMapperWriter.newCommunication(communication);
    }

    /** A partial contact as a PUT body: only the fields the change names. */
    public JsonObject toJson(ContactChanges changes) {
        return JsonMapperWriter.contactChanges(changes);
    }

    public JsonArray toJsonArray(List<?> items) {
        return JsonMapperWriter.array(items);
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private static <T> Mapped<T> one(JsonElement json, String path, ItemReader<T> reader) {
        try {
            MappingProblems p = new MappingProblems();
            T value = reader.read(json, path, p);
            if (value == null) {
                if (p.isEmpty()) {
                    p.add(path, "no value");
                }
                return Mapped.failed(p.list());
            }
            return Mapped.of(value, p.list());
        } catch (RuntimeException e) {
            // a safety net: the readers are written not to throw, but a live event must never kill the socket thread
            return Mapped.failed(path, "unexpected mapping failure: " + e);
        }
    }

    private static <T> MappedList<T> list(JsonElement json, String path, ItemReader<T> reader) {
        return TextPool.sharing(() -> mapList(json, path, reader));
    }

    private static <T> MappedList<T> mapList(JsonElement json, String path, ItemReader<T> reader) {
        JsonArray array = unwrapArray(json, path);
        if (array == null) {
            return notAList(json, path);
        }
        MappingProblems p = new MappingProblems();
        List<T> values = new ArrayList<>(array.size());
        int skipped = 0;
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonElement item = array.get(i);
            T value = guarded(itemPath, p, () -> reader.read(item, itemPath, p));
            if (value == null) {
                skipped++;
            } else {
                values.add(value);
            }
        }
        return new MappedList<>(values, p.list(), skipped);
    }

    /** An item's mapping; a reader that throws (they are written not to) skips the item with the reason. */
    static <T> T guarded(String itemPath, MappingProblems p, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (RuntimeException e) {
            p.add(itemPath, "unexpected mapping failure: " + e);
            return null;
        }
    }

    /** An answer without a list in it: nothing mapped, and what it was instead. */
    static <T> MappedList<T> notAList(JsonElement json, String path) {
        MappingProblems p = new MappingProblems();
        p.add(path, isAbsent(json) ? "missing list" : "not a list: " + MappingValues.quote(json));
        return new MappedList<>(List.of(), p.list(), 0);
    }

    /** Where an object around a list carries the list, in order of preference. */
    static List<String> listWrapperKeys(String name) {
        return List.of("data", name, "items", "results");
    }

    /** The record read from its text with the same rules as from a tree; text that is not JSON fails the mapping. */
    private static <T> Mapped<T> oneFromText(String text, String path, RecordReader<T> reader) {
        if (text == null) {
            return Mapped.failed(path, "missing object");
        }
        JsonReader in = new JsonReader(new StringReader(text));
        in.setStrictness(Strictness.LENIENT);
        try {
            MappingProblems p = new MappingProblems();
            T value;
            if (in.peek() == JsonToken.BEGIN_OBJECT) {
                RecordReader.Fields fields = reader.fields(in, path);
                value = guarded(path, p, () -> reader.fromFields(fields, path, p));
            } else {
                JsonElement other = JsonParser.parseReader(in);
                value = guarded(path, p, () -> reader.read(other, path, p));
            }
            if (in.peek() != JsonToken.END_DOCUMENT) {
                return Mapped.failed(path, "not JSON: more after the record");
            }
            if (value == null) {
                if (p.isEmpty()) {
                    p.add(path, "no value");
                }
                return Mapped.failed(p.list());
            }
            return Mapped.of(value, p.list());
        } catch (IOException | JsonParseException | NumberFormatException e) {
            return Mapped.failed(path, "not JSON: " + e.getMessage());
        }
    }

    /** The array itself, or the array a wrapper object carries under data/items/results/the list's own name. */
    private static JsonArray unwrapArray(JsonElement json, String name) {
        if (isAbsent(json)) {
            return null;
        }
        if (json.isJsonArray()) {
            return json.getAsJsonArray();
        }
        if (json.isJsonObject()) {
            JsonObject o = json.getAsJsonObject();
            for (String key : listWrapperKeys(name)) {
                JsonElement inner = o.get(key);
                if (inner != null && inner.isJsonArray()) {
                    return inner.getAsJsonArray();
                }
            }
        }
        return null;
    }

}
