package com.flowcrm.model.change;

/**
 * The live events of {@code websocket-connections.md} that change the stores, by their name on the wire: the one
 * list the mapper, the root store and the live wiring share.
 */
public enum EventName {
    DEAL_CREATED("deal:created"),
    DEAL_UPDATED("deal:updated"),
    DEAL_STAGE_CHANGED("deal:stage_changed"),
    DEAL_ACTIVITY_ADDED("deal:activity_added"),
    DEAL_DELETED("deal:deleted"),
    CONTACT_UPDATED("contact:updated"),
    CONTACT_HEALTH_CHANGED("contact:health_changed"),
    NOTIFICATION_NEW("notification:new"),
    NOTIFICATION_UPDATED("notification:updated");

    private static final EventName[] ALL = values();

    private final String wireName;

    EventName(String wireName) {
        this.wireName = wireName;
    }

    /** The event's name in the envelope, e.g. {@code deal:stage_changed}. */
    public String wireName() {
        return wireName;
    }

    /** The event with exactly this wire name (names are not forgiving: they are the protocol), or null. */
    public static EventName fromWire(String name) {
        if (name != null) {
            for (EventName e : ALL) {
                if (e.wireName.equals(name)) {
                    return e;
                }
            }
        }
        return null;
    }
}
