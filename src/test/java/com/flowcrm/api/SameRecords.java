package com.flowcrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Contact;
import com.flowcrm.model.Deal;
import com.flowcrm.model.Notification;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Field-by-field comparison of mapped lists (every getter of the model, lists by their items), for tests that check
 * that two ways of mapping the same text give the same stores. A difference names the record and the field.
 */
public final class SameRecords {
    private static final Map<String, Function<Deal, Object>> DEAL_FIELDS = Map.ofEntries(
            Map.entry("title", Deal::getTitle), Map.entry("contactId", Deal::getContactId),
            Map.entry("contactName", Deal::getContactName), Map.entry("company", Deal::getCompany),
            Map.entry("value", Deal::getValue), Map.entry("stage", Deal::getStage),
            Map.entry("probability", Deal::getProbability), Map.entry("confidence", Deal::getConfidence),
            Map.entry("expectedCloseAsGiven", Deal::getExpectedCloseAsGiven),
            Map.entry("expectedCloseDate", Deal::getExpectedCloseDate), Map.entry("createdDate", Deal::getCreatedDate),
            Map.entry("lastActivity", Deal::getLastActivity), Map.entry("description", Deal::getDescription),
            Map.entry("competitorMentioned", Deal::getCompetitorMentioned), Map.entry("priority", Deal::getPriority),
            Map.entry("tags", d -> List.copyOf(d.getTags())), Map.entry("activities", d -> List.copyOf(d.getActivities())),
            Map.entry("aiInsights", d -> List.copyOf(d.getAiInsights())),
            Map.entry("riskFactors", d -> List.copyOf(d.getRiskFactors())),
            Map.entry("positiveSignals", d -> List.copyOf(d.getPositiveSignals())),
            Map.entry("revision", Deal::getRevision), Map.entry("version", Deal::getVersion));
    private static final Map<String, Function<Contact, Object>> CONTACT_FIELDS = Map.ofEntries(
            Map.entry("name", Contact::getName), Map.entry("email", Contact::getEmail),
            Map.entry("phone", Contact::getPhone), Map.entry("company", Contact::getCompany),
            Map.entry("title", Contact::getTitle), Map.entry("avatar", Contact::getAvatar),
            Map.entry("relationshipHealth", Contact::getRelationshipHealth),
            Map.entry("healthScore", Contact::getHealthScore), Map.entry("lastContact", Contact::getLastContact),
            Map.entry("nextFollowUp", Contact::getNextFollowUp), Map.entry("sentiment", Contact::getSentiment),
            Map.entry("churnRisk", Contact::getChurnRisk), Map.entry("totalDeals", Contact::getTotalDeals),
            Map.entry("totalValue", Contact::getTotalValue), Map.entry("tags", c -> List.copyOf(c.getTags())),
            Map.entry("notes", c -> List.copyOf(c.getNotes())),
            Map.entry("communicationHistory", c -> List.copyOf(c.getCommunicationHistory())),
            Map.entry("aiInsights", c -> List.copyOf(c.getAiInsights())), Map.entry("revision", Contact::getRevision),
            Map.entry("version", Contact::getVersion));
    private static final Map<String, Function<Notification, Object>> NOTIFICATION_FIELDS = Map.ofEntries(
            Map.entry("userId", Notification::getUserId), Map.entry("type", Notification::getType),
            Map.entry("title", Notification::getTitle), Map.entry("message", Notification::getMessage),
            Map.entry("priority", Notification::getPriority), Map.entry("read", Notification::isRead),
            Map.entry("actionUrl", Notification::getActionUrl), Map.entry("metadata", Notification::getMetadata),
            Map.entry("createdAt", Notification::getCreatedAt), Map.entry("expiresAt", Notification::getExpiresAt));

    private SameRecords() {
    }

    public static void assertSameDeals(MappedList<Deal> actual, MappedList<Deal> expected) {
        assertSameList(actual, expected, Deal::getId, DEAL_FIELDS);
    }

    public static void assertSameContacts(MappedList<Contact> actual, MappedList<Contact> expected) {
        assertSameList(actual, expected, Contact::getId, CONTACT_FIELDS);
    }

    public static void assertSameNotifications(MappedList<Notification> actual, MappedList<Notification> expected) {
        assertSameList(actual, expected, Notification::getId, NOTIFICATION_FIELDS);
    }

    public static void assertSameDeal(Deal actual, Deal expected) {
        assertSame(actual, expected, Deal::getId, DEAL_FIELDS);
    }

    public static void assertSameContact(Contact actual, Contact expected) {
        assertSame(actual, expected, Contact::getId, CONTACT_FIELDS);
    }

    private static <T> void assertSameList(MappedList<T> actual, MappedList<T> expected, Function<T, String> id,
            Map<String, Function<T, Object>> fields) {
        assertThat(actual.problems()).as("problems").isEqualTo(expected.problems());
        assertThat(actual.skipped()).as("skipped").isEqualTo(expected.skipped());
        assertThat(actual.values()).as("items").hasSameSizeAs(expected.values());
        for (int i = 0; i < expected.values().size(); i++) {
            assertSame(actual.values().get(i), expected.values().get(i), id, fields);
        }
    }

    private static <T> void assertSame(T actual, T expected, Function<T, String> id,
            Map<String, Function<T, Object>> fields) {
        assertThat(id.apply(actual)).as("id").isEqualTo(id.apply(expected));
        fields.forEach((name, field) -> {
            Object a = field.apply(actual);
            Object e = field.apply(expected);
            if (!Objects.equals(a, e)) {
                assertThat(a).as("%s of %s", name, id.apply(expected)).isEqualTo(e);
            }
        });
    }
}
