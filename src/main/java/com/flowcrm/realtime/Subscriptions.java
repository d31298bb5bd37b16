package com.flowcrm.realtime;

import java.util.Collection;
import java.util.LinkedHashMap;

/**
 * The channel subscriptions the client keeps, to send them again after every reconnect (before anything queued,
 * so the server knows what to send before it answers). A subscription is its channel and its data: the same
 * subscription twice is kept once. Scheduler thread only.
 */
final class Subscriptions {
    private static final String SUBSCRIBE = ":subscribe";
    private static final String UNSUBSCRIBE = ":unsubscribe";

    private final LinkedHashMap<String, String> frames = new LinkedHashMap<>();

    /** The channel of {@code "deal"}, {@code "deal:subscribe"} or {@code "deal:unsubscribe"}: {@code "deal"}. */
    static String channelOf(String event) {
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("event name must not be blank");
        }
        if (event.endsWith(SUBSCRIBE)) {
            return event.substring(0, event.length() - SUBSCRIBE.length());
        }
        if (event.endsWith(UNSUBSCRIBE)) {
            return event.substring(0, event.length() - UNSUBSCRIBE.length());
        }
        return event;
    }

    /** The event that subscribes to the channel ({@code deal:subscribe}) or unsubscribes from it. */
    static String eventFor(String channel, boolean subscribe) {
        return channel + (subscribe ? SUBSCRIBE : UNSUBSCRIBE);
    }

    /**
     * Remembers a subscription under its key (channel and data) with the frame that makes it; false when it was
     * kept already (nothing need be sent).
     */
    boolean add(String key, String frame) {
        return frames.putIfAbsent(key, frame) == null;
    }

    /** Forgets a subscription; false when it was not kept (its unsubscribe is still worth sending). */
    boolean remove(String key) {
        return frames.remove(key) != null;
    }

    /** The frames to send again after a reconnect, in the order they were made. */
    Collection<String> frames() {
        return frames.values();
    }
}
