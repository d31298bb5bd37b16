package com.flowcrm.api;

import static com.flowcrm.api.JsonMapperKeys.ACTIVITY;
import static com.flowcrm.api.JsonMapperKeys.COMMUNICATION;
import static com.flowcrm.api.JsonMapperKeys.CONTACT;
import static com.flowcrm.api.JsonMapperKeys.CONTACT_INSIGHT;
import static com.flowcrm.api.JsonMapperKeys.DEAL;
import static com.flowcrm.api.JsonMapperKeys.DEAL_INSIGHT;
import static com.flowcrm.api.JsonMapperKeys.NOTIFICATION;
import static com.flowcrm.api.JsonMapperKeys.PREFERENCES;
import static com.flowcrm.api.JsonMapperKeys.USER;
import static com.flowcrm.api.MappingValues.bool;
import static com.flowcrm.api.MappingValues.count;
import static com.flowcrm.api.MappingValues.enumValue;
import static com.flowcrm.api.MappingValues.dateAsGiven;
import static com.flowcrm.api.MappingValues.id;
import static com.flowcrm.api.MappingValues.instant;
import static com.flowcrm.api.MappingValues.isAbsent;
import static com.flowcrm.api.MappingValues.number;
import static com.flowcrm.api.MappingValues.percent;
import static com.flowcrm.api.MappingValues.text;
import static com.flowcrm.api.MappingValues.texts;

import com.flowcrm.api.JsonMapperKeys.ActivityKey;
import com.flowcrm.api.JsonMapperKeys.CommunicationKey;
import com.flowcrm.api.JsonMapperKeys.ContactInsightKey;
import com.flowcrm.api.JsonMapperKeys.ContactKey;
import com.flowcrm.api.JsonMapperKeys.DealInsightKey;
import com.flowcrm.api.JsonMapperKeys.DealKey;
import com.flowcrm.api.JsonMapperKeys.NotificationKey;
import com.flowcrm.api.JsonMapperKeys.PreferencesKey;
import com.flowcrm.api.JsonMapperKeys.UserKey;
import com.flowcrm.model.AIInsight;
import com.flowcrm.model.ActivityType;
import com.flowcrm.model.CommunicationEvent;
import com.flowcrm.model.CommunicationType;
import com.flowcrm.model.Confidence;
import com.flowcrm.model.Contact;
import com.flowcrm.model.ContactInsightType;
import com.flowcrm.model.Deal;
import com.flowcrm.model.DealActivity;
import com.flowcrm.model.DealInsight;
import com.flowcrm.model.DealInsightType;
import com.flowcrm.model.DealStage;
import com.flowcrm.model.Impact;
import com.flowcrm.model.Notification;
import com.flowcrm.model.NotificationType;
import com.flowcrm.model.Priority;
import com.flowcrm.model.RelationshipHealth;
import com.flowcrm.model.Sentiment;
import com.flowcrm.model.Theme;
import com.flowcrm.model.User;
import com.flowcrm.model.UserPreferences;
import com.flowcrm.model.UserRole;
import com.flowcrm.model.change.ContactChanges;
import com.flowcrm.model.change.DealChanges;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the model's objects from JSON for {@link JsonMapper}: every field by its names and aliases
 * ({@link JsonMapperKeys}), each bad field reported by its path and left out, never an exception. Stateless.
 */
final class ModelReaders {
    private static final DealKey[] DEAL_KEYS = DealKey.values();
    private static final ContactKey[] CONTACT_KEYS = ContactKey.values();
    // the rules of each kind of object, whether its fields come from a tree or from a stream
    static final RecordReader<DealActivity> ACTIVITY_RECORD = new RecordReader<>(ACTIVITY, ModelReaders::activityFrom);
    static final RecordReader<DealInsight> DEAL_INSIGHT_RECORD = new RecordReader<>(DEAL_INSIGHT, ModelReaders::dealInsightFrom);
    static final RecordReader<CommunicationEvent> COMMUNICATION_RECORD = new RecordReader<>(COMMUNICATION, ModelReaders::communicationFrom);
    static final RecordReader<AIInsight> CONTACT_INSIGHT_RECORD = new RecordReader<>(CONTACT_INSIGHT, ModelReaders::contactInsightFrom);
    // from a stream, the nested lists are mapped as they stream by (the rules take them from NestedLists)
    static final RecordReader<Deal> DEAL_RECORD = new RecordReader<>(DEAL, ModelReaders::dealFrom,
            Map.of(DealKey.ACTIVITIES, ACTIVITY_RECORD, DealKey.AI_INSIGHTS, DEAL_INSIGHT_RECORD));
    static final RecordReader<Contact> CONTACT_RECORD = new RecordReader<>(CONTACT, ModelReaders::contactFrom,
            Map.of(ContactKey.COMMUNICATION_HISTORY, COMMUNICATION_RECORD, ContactKey.AI_INSIGHTS, CONTACT_INSIGHT_RECORD));
    static final RecordReader<Notification> NOTIFICATION_RECORD = new RecordReader<>(NOTIFICATION, ModelReaders::notificationFrom);
    static final RecordReader<User> USER_RECORD = new RecordReader<>(USER, ModelReaders::userFrom);

    private ModelReaders() {
    }

    static boolean isObject(JsonElement json, String path, MappingProblems p) {
        if (json != null && json.isJsonObject()) {
            return true;
        }
        p.add(path, isAbsent(json) ? "missing object" : "not an object: " + MappingValues.quote(json));
        return false;
    }

    static <T> List<T> items(JsonElement e, String path, String field, MappingProblems p, ItemReader<T> reader) {
        if (!e.isJsonArray()) {
            p.add(path, field, "not a list: " + MappingValues.quote(e));
            return null;
        }
        JsonArray array = e.getAsJsonArray();
        List<T> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            T item = reader.read(array.get(i), path + "." + field + "[" + i + "]", p);
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    static String optionalText(JsonElement e, String path, String field, MappingProblems p) {
        return isAbsent(e) ? null : text(e, path, field, p);
    }

    static Instant optionalInstant(JsonElement e, String path, String field, MappingProblems p) {
        return isAbsent(e) ? null : instant(e, path, field, p);
    }

    static int optionalPercent(JsonElement e, String path, String field, MappingProblems p) {
        Integer v = isAbsent(e) ? null : percent(e, path, field, p);
        return v == null ? 0 : v;
    }

    static boolean optionalBool(JsonElement e, String path, String field, MappingProblems p, boolean fallback) {
        Boolean v = isAbsent(e) ? null : bool(e, path, field, p);
        return v == null ? fallback : v;
    }

    // ---- deals ----------------------------------------------------------------------------------------------

    static Deal readDeal(JsonElement json, String path, MappingProblems p) {
        return DEAL_RECORD.read(json, path, p);
    }

    private static Deal dealFrom(JsonElement[] s, NestedLists lists, String path, MappingProblems p) {
        String id = id(s[DealKey.ID.ordinal()], path, "id", p);
        if (id == null) {
            return null;
        }
        Deal deal = new Deal(id);
        readDealChanges(s, lists, path, p).applyTo(deal);
        return deal;
    }

    /** Every field present; null clears an optional field and is skipped for a required one; bad ones are reported. */
    static DealChanges readDealChanges(JsonElement[] s, String path, MappingProblems p) {
        return readDealChanges(s, null, path, p);
    }

    private static DealChanges readDealChanges(JsonElement[] s, NestedLists lists, String path, MappingProblems p) {
        DealChanges c = new DealChanges();
        for (DealKey k : DEAL_KEYS) {
            if (NestedLists.has(lists, k)) {
                switch (k) {
                    case ACTIVITIES -> c.activities(lists.take(k, p));
                    case AI_INSIGHTS -> c.aiInsights(lists.take(k, p));
                    default -> throw new AssertionError("not a nested list: " + k);
                }
                continue;
            }
            JsonElement e = s[k.ordinal()];
            if (e == null || k == DealKey.ID) {
                continue;
            }
            String f = DEAL.nameOf(k);
            if (e.isJsonNull()) {
                switch (k) {
                    case CONTACT_ID -> c.contactId(null);
                    case EXPECTED_CLOSE_DATE -> c.expectedCloseDate(null);
                    case CREATED_DATE -> c.createdDate(null);
                    case LAST_ACTIVITY -> c.lastActivity(null);
                    case COMPETITOR_MENTIONED -> c.competitorMentioned(null);
                    case TAGS -> c.tags(List.of());
                    case ACTIVITIES -> c.activities(List.of());
                    case AI_INSIGHTS -> c.aiInsights(List.of());
                    case RISK_FACTORS -> c.riskFactors(List.of());
                    case POSITIVE_SIGNALS -> c.positiveSignals(List.of());
                    default -> {
                        // a required field sent as null keeps its current value
                    }
                }
                continue;
            }
            switch (k) {
                case TITLE -> ifPresent(text(e, path, f, p), c::title);
                case CONTACT_ID -> ifPresent(text(e, path, f, p), c::contactId);
                case CONTACT_NAME -> ifPresent(text(e, path, f, p), c::contactName);
                case COMPANY -> ifPresent(text(e, path, f, p), c::company);
                case VALUE -> {
                    double v = number(e, path, f, p);
                    if (!Double.isNaN(v)) {
                        c.value(v);
                    }
                }
                case STAGE -> ifPresent(enumValue(DealStage.class, e, path, f, p), c::stage);
                case PROBABILITY -> ifPresent(percent(e, path, f, p), c::probability);
                case CONFIDENCE -> ifPresent(enumValue(Confidence.class, e, path, f, p), c::confidence);
                // as written: its calendar date decides the deal's forecast month
                case EXPECTED_CLOSE_DATE -> ifPresent(dateAsGiven(e, path, f, p), c::expectedCloseAsGiven);
                case CREATED_DATE -> ifPresent(instant(e, path, f, p), c::createdDate);
                case LAST_ACTIVITY -> ifPresent(instant(e, path, f, p), c::lastActivity);
                case DESCRIPTION -> ifPresent(text(e, path, f, p), c::description);
                case COMPETITOR_MENTIONED -> ifPresent(text(e, path, f, p), c::competitorMentioned);
                case PRIORITY -> ifPresent(enumValue(Priority.class, e, path, f, p), c::priority);
                case TAGS -> ifPresent(texts(e, path, f, p, true), c::tags);
                case ACTIVITIES -> ifPresent(items(e, path, f, p, ModelReaders::readActivity), c::activities);
                case AI_INSIGHTS -> ifPresent(items(e, path, f, p, ModelReaders::readDealInsight), c::aiInsights);
                case RISK_FACTORS -> ifPresent(texts(e, path, f, p, false), c::riskFactors);
                case POSITIVE_SIGNALS -> ifPresent(texts(e, path, f, p, false), c::positiveSignals);
                case VERSION -> ifPresent(MappingValues.version(e, path, f, p), c::version);
                case ID -> throw new AssertionError("skipped above");
            }
        }
        return c;
    }

    static DealActivity readActivity(JsonElement json, String path, MappingProblems p) {
        return ACTIVITY_RECORD.read(json, path, p);
    }

    private static DealActivity activityFrom(JsonElement[] s, String path, MappingProblems p) {
        String id = id(s[ActivityKey.ID.ordinal()], path, "id", p);
        ActivityType type = required(s[ActivityKey.TYPE.ordinal()], path, "type", p,
                (e, pa, pr) -> enumValue(ActivityType.class, e, pa, "type", pr));
        Instant date = required(s[ActivityKey.DATE.ordinal()], path, "date", p,
                (e, pa, pr) -> instant(e, pa, "date", pr));
        String description = optionalText(s[ActivityKey.DESCRIPTION.ordinal()], path, "description", p);
        String outcome = optionalText(s[ActivityKey.OUTCOME.ordinal()], path, "outcome", p);
        String nextStep = optionalText(s[ActivityKey.NEXT_STEP.ordinal()], path, "nextStep", p);
        if (id == null || type == null || date == null) {
            return null;
        }
        return new DealActivity(id, type, date, description, outcome, nextStep);
    }

    static DealInsight readDealInsight(JsonElement json, String path, MappingProblems p) {
        return DEAL_INSIGHT_RECORD.read(json, path, p);
    }

    private static DealInsight dealInsightFrom(JsonElement[] s, String path, MappingProblems p) {
        String id = id(s[DealInsightKey.ID.ordinal()], path, "id", p);
        if (id == null) {
            return null;
        }
        JsonElement typeJson = s[DealInsightKey.TYPE.ordinal()];
        JsonElement impactJson = s[DealInsightKey.IMPACT.ordinal()];
        return new DealInsight(id,
                isAbsent(typeJson) ? null : enumValue(DealInsightType.class, typeJson, path, "type", p),
                optionalText(s[DealInsightKey.TITLE.ordinal()], path, "title", p),
                optionalText(s[DealInsightKey.DESCRIPTION.ordinal()], path, "description", p),
                isAbsent(impactJson) ? null : enumValue(Impact.class, impactJson, path, "impact", p),
                optionalBool(s[DealInsightKey.ACTIONABLE.ordinal()], path, "actionable", p, false),
                optionalText(s[DealInsightKey.SUGGESTED_ACTION.ordinal()], path, "suggestedAction", p),
                optionalPercent(s[DealInsightKey.CONFIDENCE.ordinal()], path, "confidence", p),
                optionalInstant(s[DealInsightKey.DATE.ordinal()], path, "date", p));
    }

    // ---- contacts -------------------------------------------------------------------------------------------

    static Contact readContact(JsonElement json, String path, MappingProblems p) {
        return CONTACT_RECORD.read(json, path, p);
    }

    private static Contact contactFrom(JsonElement[] s, NestedLists lists, String path, MappingProblems p) {
        String id = id(s[ContactKey.ID.ordinal()], path, "id", p);
        if (id == null) {
            return null;
        }
        Contact contact = new Contact(id);
        readContactChanges(s, lists, path, p).applyTo(contact);
        return contact;
    }

    static ContactChanges readContactChanges(JsonElement[] s, String path, MappingProblems p) {
        return readContactChanges(s, null, path, p);
    }

    private static ContactChanges readContactChanges(JsonElement[] s, NestedLists lists, String path,
            MappingProblems p) {
        ContactChanges c = new ContactChanges();
        for (ContactKey k : CONTACT_KEYS) {
            if (NestedLists.has(lists, k)) {
                switch (k) {
                    case COMMUNICATION_HISTORY -> c.communicationHistory(lists.take(k, p));
                    case AI_INSIGHTS -> c.aiInsights(lists.take(k, p));
                    default -> throw new AssertionError("not a nested list: " + k);
                }
                continue;
            }
            JsonElement e = s[k.ordinal()];
            if (e == null || k == ContactKey.ID) {
                continue;
            }
            String f = CONTACT.nameOf(k);
            if (e.isJsonNull()) {
                switch (k) {
                    case AVATAR -> c.avatar(null);
                    case LAST_CONTACT -> c.lastContact(null);
                    case NEXT_FOLLOW_UP -> c.nextFollowUp(null);
                    case TAGS -> c.tags(List.of());
                    case NOTES -> c.notes(List.of());
                    case COMMUNICATION_HISTORY -> c.communicationHistory(List.of());
                    case AI_INSIGHTS -> c.aiInsights(List.of());
                    default -> {
                        // a required field sent as null keeps its current value
                    }
                }
                continue;
            }
            switch (k) {
                case NAME -> ifPresent(text(e, path, f, p), c::name);
                case EMAIL -> ifPresent(text(e, path, f, p), c::email);
                case PHONE -> ifPresent(text(e, path, f, p), c::phone);
                case COMPANY -> ifPresent(text(e, path, f, p), c::company);
                case TITLE -> ifPresent(text(e, path, f, p), c::title);
                case AVATAR -> ifPresent(text(e, path, f, p), c::avatar);
                case RELATIONSHIP_HEALTH -> ifPresent(enumValue(RelationshipHealth.class, e, path, f, p),
                        c::relationshipHealth);
                case HEALTH_SCORE -> ifPresent(percent(e, path, f, p), c::healthScore);
                case LAST_CONTACT -> ifPresent(instant(e, path, f, p), c::lastContact);
                case NEXT_FOLLOW_UP -> ifPresent(instant(e, path, f, p), c::nextFollowUp);
                case SENTIMENT -> ifPresent(enumValue(Sentiment.class, e, path, f, p), c::sentiment);
                case CHURN_RISK -> ifPresent(percent(e, path, f, p), c::churnRisk);
                case TOTAL_DEALS -> ifPresent(count(e, path, f, p), c::totalDeals);
                case TOTAL_VALUE -> {
                    double v = number(e, path, f, p);
                    if (!Double.isNaN(v)) {
                        c.totalValue(v);
                    }
                }
                case TAGS -> ifPresent(texts(e, path, f, p, true), c::tags);
                case NOTES -> ifPresent(texts(e, path, f, p, false), c::notes);
                case COMMUNICATION_HISTORY -> ifPresent(items(e, path, f, p, ModelReaders::readCommunication),
                        c::communicationHistory);
                case AI_INSIGHTS -> ifPresent(items(e, path, f, p, ModelReaders::readContactInsight), c::aiInsights);
                case VERSION -> ifPresent(MappingValues.version(e, path, f, p), c::version);
                case ID -> throw new AssertionError("skipped above");
            }
        }
        return c;
    }

    static CommunicationEvent readCommunication(JsonElement json, String path, MappingProblems p) {
        return COMMUNICATION_RECORD.read(json, path, p);
    }

    private static CommunicationEvent communicationFrom(JsonElement[] s, String path, MappingProblems p) {
        String id = id(s[CommunicationKey.ID.ordinal()], path, "id", p);
        if (id == null) {
            return null;
        }
        JsonElement typeJson = s[CommunicationKey.TYPE.ordinal()];
        JsonElement sentimentJson = s[CommunicationKey.SENTIMENT.ordinal()];
        return new CommunicationEvent(id,
                isAbsent(typeJson) ? null : enumValue(CommunicationType.class, typeJson, path, "type", p),
                optionalInstant(s[CommunicationKey.DATE.ordinal()], path, "date", p),
                optionalText(s[CommunicationKey.SUBJECT.ordinal()], path, "subject", p),
                optionalText(s[CommunicationKey.SUMMARY.ordinal()], path, "summary", p),
                isAbsent(sentimentJson) ? null : enumValue(Sentiment.class, sentimentJson, path, "sentiment", p),
                optionalText(s[CommunicationKey.AI_ANALYSIS.ordinal()], path, "aiAnalysis", p));
    }

    static AIInsight readContactInsight(JsonElement json, String path, MappingProblems p) {
        return CONTACT_INSIGHT_RECORD.read(json, path, p);
    }

    private static AIInsight contactInsightFrom(JsonElement[] s, String path, MappingProblems p) {
        String id = id(s[ContactInsightKey.ID.ordinal()], path, "id", p);
        if (id == null) {
            return null;
        }
        JsonElement typeJson = s[ContactInsightKey.TYPE.ordinal()];
        return new AIInsight(id,
                isAbsent(typeJson) ? null : enumValue(ContactInsightType.class, typeJson, path, "type", p),
                optionalText(s[ContactInsightKey.TITLE.ordinal()], path, "title", p),
                optionalText(s[ContactInsightKey.DESCRIPTION.ordinal()], path, "description", p),
                optionalPercent(s[ContactInsightKey.CONFIDENCE.ordinal()], path, "confidence", p),
                optionalBool(s[ContactInsightKey.ACTIONABLE.ordinal()], path, "actionable", p, false),
                optionalText(s[ContactInsightKey.SUGGESTED_ACTION.ordinal()], path, "suggestedAction", p),
                optionalInstant(s[ContactInsightKey.DATE.ordinal()], path, "date", p));
    }

    // ---- notifications and users ----------------------------------------------------------------------------

    static Notification readNotification(JsonElement json, String path, MappingProblems p) {
        return NOTIFICATION_RECORD.read(json, path, p);
    }

    private static Notification notificationFrom(JsonElement[] s, String path, MappingProblems p) {
        String id = id(s[NotificationKey.ID.ordinal()], path, "id", p);
        if (id == null) {
            return null;
        }
        JsonElement typeJson = s[NotificationKey.TYPE.ordinal()];
        JsonElement priorityJson = s[NotificationKey.PRIORITY.ordinal()];
        JsonElement metadataJson = s[NotificationKey.METADATA.ordinal()];
        Map<String, String> metadata =
                isAbsent(metadataJson) ? null : MappingValues.metadata(metadataJson, path, "metadata", p);
        return new Notification(id,
                optionalText(s[NotificationKey.USER_ID.ordinal()], path, "userId", p),
                isAbsent(typeJson) ? null : enumValue(NotificationType.class, typeJson, path, "type", p),
                optionalText(s[NotificationKey.TITLE.ordinal()], path, "title", p),
                optionalText(s[NotificationKey.MESSAGE.ordinal()], path, "message", p),
                isAbsent(priorityJson) ? null : enumValue(Priority.class, priorityJson, path, "priority", p),
                optionalBool(s[NotificationKey.READ.ordinal()], path, "read", p, false),
                optionalText(s[NotificationKey.ACTION_URL.ordinal()], path, "actionUrl", p),
                metadata,
                optionalInstant(s[NotificationKey.CREATED_AT.ordinal()], path, "createdAt", p),
                optionalInstant(s[NotificationKey.EXPIRES_AT.ordinal()], path, "expiresAt", p));
    }

    static User readUser(JsonElement json, String path, MappingProblems p) {
        return USER_RECORD.read(json, path, p);
    }

    private static User userFrom(JsonElement[] s, String path, MappingProblems p) {
        String id = id(s[UserKey.ID.ordinal()], path, "id", p);
        if (id == null) {
            return null;
        }
        JsonElement roleJson = s[UserKey.ROLE.ordinal()];
        JsonElement preferencesJson = s[UserKey.PREFERENCES.ordinal()];
        return new User(id,
                optionalText(s[UserKey.EMAIL.ordinal()], path, "email", p),
                optionalText(s[UserKey.NAME.ordinal()], path, "name", p),
                optionalText(s[UserKey.AVATAR.ordinal()], path, "avatar", p),
                isAbsent(roleJson) ? null : enumValue(UserRole.class, roleJson, path, "role", p),
                isAbsent(preferencesJson) ? null : readPreferences(preferencesJson, path + ".preferences", p),
                optionalInstant(s[UserKey.CREATED_AT.ordinal()], path, "createdAt", p),
                optionalInstant(s[UserKey.LAST_LOGIN.ordinal()], path, "lastLogin", p));
    }

    static UserPreferences readPreferences(JsonElement json, String path, MappingProblems p) {
        if (!isObject(json, path, p)) {
            return null;
        }
        JsonElement[] s = PREFERENCES.read(json.getAsJsonObject());
        JsonElement themeJson = s[PreferencesKey.THEME.ordinal()];
        return new UserPreferences(
                isAbsent(themeJson) ? null : enumValue(Theme.class, themeJson, path, "theme", p),
                optionalBool(s[PreferencesKey.NOTIFICATIONS.ordinal()], path, "notifications", p, true),
                optionalText(s[PreferencesKey.TIMEZONE.ordinal()], path, "timezone", p));
    }

    // ---- small combinators ----------------------------------------------------------------------------------

    static <T> void ifPresent(T value, java.util.function.Consumer<T> sink) {
        if (value != null) {
            sink.accept(value);
        }
    }

    static <T> T required(JsonElement e, String path, String field, MappingProblems p, ItemReader<T> reader) {
        if (isAbsent(e)) {
            p.add(path, field, "missing required field");
            return null;
        }
        return reader.read(e, path, p);
    }
}
