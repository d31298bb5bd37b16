package com.flowcrm.model;

/** What a notification is about. */
public enum NotificationType implements WireEnum {
    DEAL_UPDATE("deal_update"),
    MESSAGE_RECEIVED("message_received"),
    MEETING_REMINDER("meeting_reminder"),
    AI_INSIGHT("ai_insight"),
    TASK_DUE("task_due"),
    AT_RISK_ALERT("at_risk_alert");

    private final String wireName;

    NotificationType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
