package com.flowcrm.api;

import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.Notification;
import com.flowcrm.model.User;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import com.flowcrm.model.change.NewActivity;
import com.flowcrm.model.change.NewCommunication;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model as JSON text, for what the client keeps on disk (the confirmed copy and the outbox of the offline
 * workspace): whole records written in the spec's shapes and read back with the same tolerant mapper as REST answers
 * (one mapping, not two), and the fields of a partial change as one JSON text per field (the base and new values of
 * an outbox entry, compared with a server's record field by field). Writing a value and reading it back gives the
 * same model value, and two equal model values always give the same text, so texts compare as values. Stateless.
 */
public final class RecordJson {
    private static final JsonMapper MAPPER = JsonMapper.create();

    private RecordJson() {
    }

    // ---- whole records ----------------------------------------------------------------------------------------

    public static String deal(Deal d) {
        return JsonMapperWriter.deal(d).toString();
    }

    public static String contact(Contact c) {
        return JsonMapperWriter.contact(c).toString();
    }

    public static String notification(Notification n) {
        return JsonMapperWriter.notification(n).toString();
    }

    public static String user(User u) {
        return JsonMapperWriter.user(u).toString();
    }

    public static Mapped<Deal> readDeal(String json) {
        return read(json, "deal", MAPPER::deal);
    }

    public static Mapped<Contact> readContact(String json) {
        return read(json, "contact", MAPPER::contact);
    }

    public static Mapped<Notification> readNotification(String json) {
        return read(json, "notification", MAPPER::notification);
    }

    public static Mapped<User> readUser(String json) {
        return read(json, "user", MAPPER::user);
    }

    // ---- fields of a change -----------------------------------------------------------------------------------

    /** The fields the change names, by their wire name ({@code expectedCloseDate}), each as JSON text. */
    public static Map<String, String> fields(DealChanges changes) {
        return texts(JsonMapperWriter.dealChanges(changes));
    }

    public static Map<String, String> fields(ContactChanges changes) {
        return texts(JsonMapperWriter.contactChanges(changes));
    }

    /** A deal change naming exactly these fields (wire name to JSON text), read like a PUT body or an event's changes. */
    public static Mapped<DealChanges> dealChanges(Map<String, String> fieldTexts) {
        JsonObject object = object(fieldTexts);
        return object == null ? Mapped.failed("changes", "a field value is not JSON") : MAPPER.dealChanges(object);
    }

    public static Mapped<ContactChanges> contactChanges(Map<String, String> fieldTexts) {
        JsonObject object = object(fieldTexts);
        return object == null ? Mapped.failed("changes", "a field value is not JSON") : MAPPER.contactChanges(object);
    }

    /** A boolean field's value as JSON text. */
    public static String bool(boolean value) {
        return Boolean.toString(value);
    }

    // ---- payloads of append-only changes ----------------------------------------------------------------------

    /** A new activity as the JSON text of its POST body. */
    public static String activity(NewActivity activity) {
        return JsonMapperWriter.newActivity(activity).toString();
    }

    public static Mapped<NewActivity> readNewActivity(String json) {
        Mapped<DealActivity> read = read(json, "activity", element -> MAPPER.activity(withId(element)));
        return read.isPresent()
                ? Mapped.of(new NewActivity(read.value().type(), read.value().date(), read.value().description(),
                        read.value().outcome(), read.value().nextStep()), read.problems())
                : Mapped.failed(read.problems());
    }

    /** A new communication as the JSON text of its POST body. */
    public static String communication(NewCommunication communication) {
        return JsonMapperWriter.newCommunication(communication).toString();
    }

    public static Mapped<NewCommunication> readNewCommunication(String json) {
        Mapped<CommunicationEvent> read = read(json, "communication", element -> MAPPER.communication(withId(element)));
        return read.isPresent()
                ? Mapped.of(new NewCommunication(read.value().type(), read.value().date(), read.value().subject(),
                        read.value().summary()), read.problems())
                : Mapped.failed(read.problems());
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private static <T> Mapped<T> read(String json, String what, java.util.function.Function<JsonElement, Mapped<T>> reader) {
        if (json == null || json.isBlank()) {
            return Mapped.failed(what, "no JSON text");
        }
        try {
            return reader.apply(JsonParser.parseString(json));
        } catch (JsonParseException e) {
            return Mapped.failed(what, "not JSON: " + e.getMessage());
        }
    }

    /** A payload has no id yet; the readers of stored items want one. */
    private static JsonElement withId(JsonElement element) {
        if (!element.isJsonObject() || element.getAsJsonObject().has("id")) {
            return element;
        }
        JsonObject copy = element.getAsJsonObject().deepCopy();
        copy.addProperty("id", "new");
        return copy;
    }

    private static Map<String, String> texts(JsonObject object) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            out.put(e.getKey(), e.getValue().toString());
        }
        return out;
    }

    private static JsonObject object(Map<String, String> fieldTexts) {
        JsonObject object = new JsonObject();
        try {
            fieldTexts.forEach((field, text) -> object.add(field, JsonParser.parseString(text)));
        } catch (JsonParseException e) {
            return null;
        }
        return object;
    }
}
