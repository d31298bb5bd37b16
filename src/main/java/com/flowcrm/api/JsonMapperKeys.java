package com.flowcrm.api;

/** The JSON names of every field the mapper reads, with the snake_case forms and aliases of rest-api.md. */
final class JsonMapperKeys {
    enum DealKey {
        ID, TITLE, CONTACT_ID, CONTACT_NAME, COMPANY, VALUE, STAGE, PROBABILITY, CONFIDENCE, EXPECTED_CLOSE_DATE,
        CREATED_DATE, LAST_ACTIVITY, DESCRIPTION, COMPETITOR_MENTIONED, PRIORITY, TAGS, ACTIVITIES, AI_INSIGHTS,
        RISK_FACTORS, POSITIVE_SIGNALS, VERSION
    }

    enum ContactKey {
        ID, NAME, EMAIL, PHONE, COMPANY, TITLE, AVATAR, RELATIONSHIP_HEALTH, HEALTH_SCORE, LAST_CONTACT,
        NEXT_FOLLOW_UP, SENTIMENT, CHURN_RISK, TOTAL_DEALS, TOTAL_VALUE, TAGS, NOTES, COMMUNICATION_HISTORY,
        AI_INSIGHTS, VERSION
    }

    enum ActivityKey { ID, TYPE, DATE, DESCRIPTION, OUTCOME, NEXT_STEP }

    enum DealInsightKey { ID, TYPE, TITLE, DESCRIPTION, IMPACT, ACTIONABLE, SUGGESTED_ACTION, CONFIDENCE, DATE }

    enum ContactInsightKey { ID, TYPE, TITLE, DESCRIPTION, CONFIDENCE, ACTIONABLE, SUGGESTED_ACTION, DATE }

    enum CommunicationKey { ID, TYPE, DATE, SUBJECT, SUMMARY, SENTIMENT, AI_ANALYSIS }

    enum NotificationKey { ID, USER_ID, TYPE, TITLE, MESSAGE, PRIORITY, READ, ACTION_URL, METADATA, CREATED_AT, EXPIRES_AT }

    enum UserKey { ID, EMAIL, NAME, AVATAR, ROLE, PREFERENCES, CREATED_AT, LAST_LOGIN }

    enum PreferencesKey { THEME, NOTIFICATIONS, TIMEZONE }

    /** Keys of the event payloads (deal:updated, deal:stage_changed, deal:activity_added, deal:deleted, contact:*, notification:updated). */
    enum EventKey { ID, DEAL_ID, CHANGES, STAGE, PROBABILITY, ACTIVITY, OLD_SCORE, NEW_SCORE, VERSION, READ }

    static final MappingKeys<DealKey> DEAL = MappingKeys.of(DealKey.class)
            .add(DealKey.ID, "id", "_id", "dealId")
            .add(DealKey.TITLE, "title", "name")
            .add(DealKey.CONTACT_ID, "contactId")
            .add(DealKey.CONTACT_NAME, "contactName")
            .add(DealKey.COMPANY, "company", "companyName")
            .add(DealKey.VALUE, "value", "amount")
            .add(DealKey.STAGE, "stage")
            .add(DealKey.PROBABILITY, "probability")
            .add(DealKey.CONFIDENCE, "confidence")
            .add(DealKey.EXPECTED_CLOSE_DATE, "expectedCloseDate", "closeDate", "expectedCloseAt")
            .add(DealKey.CREATED_DATE, "createdDate", "createdAt", "insertedAt")
            .add(DealKey.LAST_ACTIVITY, "lastActivity", "lastActivityAt", "lastActivityDate")
            .add(DealKey.DESCRIPTION, "description")
            .add(DealKey.COMPETITOR_MENTIONED, "competitorMentioned", "competitor")
            .add(DealKey.PRIORITY, "priority")
            .add(DealKey.TAGS, "tags")
            .add(DealKey.ACTIVITIES, "activities")
            .add(DealKey.AI_INSIGHTS, "aiInsights", "insights")
            .add(DealKey.RISK_FACTORS, "riskFactors", "risks")
            .add(DealKey.POSITIVE_SIGNALS, "positiveSignals")
            .add(DealKey.VERSION, "version");

    static final MappingKeys<ContactKey> CONTACT = MappingKeys.of(ContactKey.class)
            .add(ContactKey.ID, "id", "_id", "contactId")
            .add(ContactKey.NAME, "name", "fullName")
            .add(ContactKey.EMAIL, "email")
            .add(ContactKey.PHONE, "phone", "phoneNumber")
            .add(ContactKey.COMPANY, "company", "companyName")
            .add(ContactKey.TITLE, "title", "jobTitle")
            .add(ContactKey.AVATAR, "avatar", "avatarUrl")
            .add(ContactKey.RELATIONSHIP_HEALTH, "relationshipHealth", "health")
            .add(ContactKey.HEALTH_SCORE, "healthScore")
            .add(ContactKey.LAST_CONTACT, "lastContact", "lastContactAt", "lastContactedAt", "lastContactDate")
            .add(ContactKey.NEXT_FOLLOW_UP, "nextFollowUp", "nextFollowUpAt", "nextFollowupAt", "nextFollowUpDate")
            .add(ContactKey.SENTIMENT, "sentiment")
            .add(ContactKey.CHURN_RISK, "churnRisk")
            .add(ContactKey.TOTAL_DEALS, "totalDeals", "dealsCount")
            .add(ContactKey.TOTAL_VALUE, "totalValue", "totalDealsValue")
            .add(ContactKey.TAGS, "tags")
            .add(ContactKey.NOTES, "notes", "note")
            .add(ContactKey.COMMUNICATION_HISTORY, "communicationHistory", "communications")
            .add(ContactKey.AI_INSIGHTS, "aiInsights", "insights")
            .add(ContactKey.VERSION, "version");

    static final MappingKeys<ActivityKey> ACTIVITY = MappingKeys.of(ActivityKey.class)
            .add(ActivityKey.ID, "id", "_id")
            .add(ActivityKey.TYPE, "type", "kind")
            .add(ActivityKey.DATE, "date", "occurredAt", "createdAt", "insertedAt", "timestamp")
            .add(ActivityKey.DESCRIPTION, "description", "summary")
            .add(ActivityKey.OUTCOME, "outcome")
            .add(ActivityKey.NEXT_STEP, "nextStep");

    static final MappingKeys<DealInsightKey> DEAL_INSIGHT = MappingKeys.of(DealInsightKey.class)
            .add(DealInsightKey.ID, "id", "_id")
            .add(DealInsightKey.TYPE, "type")
            .add(DealInsightKey.TITLE, "title")
            .add(DealInsightKey.DESCRIPTION, "description")
            .add(DealInsightKey.IMPACT, "impact")
            .add(DealInsightKey.ACTIONABLE, "actionable")
            .add(DealInsightKey.SUGGESTED_ACTION, "suggestedAction")
            .add(DealInsightKey.CONFIDENCE, "confidence")
            .add(DealInsightKey.DATE, "date", "createdAt", "insertedAt");

    static final MappingKeys<ContactInsightKey> CONTACT_INSIGHT = MappingKeys.of(ContactInsightKey.class)
            .add(ContactInsightKey.ID, "id", "_id")
            .add(ContactInsightKey.TYPE, "type")
            .add(ContactInsightKey.TITLE, "title")
            .add(ContactInsightKey.DESCRIPTION, "description")
            .add(ContactInsightKey.CONFIDENCE, "confidence")
            .add(ContactInsightKey.ACTIONABLE, "actionable")
            .add(ContactInsightKey.SUGGESTED_ACTION, "suggestedAction")
            .add(ContactInsightKey.DATE, "date", "createdAt", "insertedAt");

    static final MappingKeys<CommunicationKey> COMMUNICATION = MappingKeys.of(CommunicationKey.class)
            .add(CommunicationKey.ID, "id", "_id")
            .add(CommunicationKey.TYPE, "type", "kind")
            .add(CommunicationKey.DATE, "date", "occurredAt", "createdAt", "insertedAt", "timestamp")
            .add(CommunicationKey.SUBJECT, "subject")
            .add(CommunicationKey.SUMMARY, "summary", "body")
            .add(CommunicationKey.SENTIMENT, "sentiment")
            .add(CommunicationKey.AI_ANALYSIS, "aiAnalysis", "analysis");

    static final MappingKeys<NotificationKey> NOTIFICATION = MappingKeys.of(NotificationKey.class)
            .add(NotificationKey.ID, "id", "_id")
            .add(NotificationKey.USER_ID, "userId")
            .add(NotificationKey.TYPE, "type", "kind")
            .add(NotificationKey.TITLE, "title")
            .add(NotificationKey.MESSAGE, "message", "body")
            .add(NotificationKey.PRIORITY, "priority")
            .add(NotificationKey.READ, "read", "isRead")
            .add(NotificationKey.ACTION_URL, "actionUrl", "url", "link")
            .add(NotificationKey.METADATA, "metadata", "meta")
            .add(NotificationKey.CREATED_AT, "createdAt", "insertedAt", "timestamp", "date")
            .add(NotificationKey.EXPIRES_AT, "expiresAt");

    static final MappingKeys<UserKey> USER = MappingKeys.of(UserKey.class)
            .add(UserKey.ID, "id", "_id", "userId")
            .add(UserKey.EMAIL, "email")
            .add(UserKey.NAME, "name", "fullName")
            .add(UserKey.AVATAR, "avatar", "avatarUrl")
            .add(UserKey.ROLE, "role")
            .add(UserKey.PREFERENCES, "preferences", "settings")
            .add(UserKey.CREATED_AT, "createdAt", "insertedAt")
            .add(UserKey.LAST_LOGIN, "lastLogin", "lastLoginAt", "lastSignInAt");

    static final MappingKeys<PreferencesKey> PREFERENCES = MappingKeys.of(PreferencesKey.class)
            .add(PreferencesKey.THEME, "theme")
            .add(PreferencesKey.NOTIFICATIONS, "notifications")
            .add(PreferencesKey.TIMEZONE, "timezone", "timeZone", "tz");

    static final MappingKeys<EventKey> EVENT = MappingKeys.of(EventKey.class)
            .add(EventKey.ID, "id", "_id")
            .add(EventKey.DEAL_ID, "dealId")
            .add(EventKey.CHANGES, "changes", "updates", "patch")
            .add(EventKey.STAGE, "stage", "newStage")
            .add(EventKey.PROBABILITY, "probability")
            .add(EventKey.ACTIVITY, "activity")
            .add(EventKey.OLD_SCORE, "oldScore", "previousScore")
            .add(EventKey.NEW_SCORE, "newScore", "score", "healthScore")
            .add(EventKey.VERSION, "version")
            .add(EventKey.READ, "read", "isRead");

    private JsonMapperKeys() {
    }
}
