package com.flowcrm.store;

import com.flowcrm.api.JsonMapper;
import com.flowcrm.model.change.EventName;
import com.flowcrm.realtime.RealtimeClient;
import com.flowcrm.realtime.RealtimeEventHandler;

/** Wires the live connection to the stores: every store event the socket reads goes through one handler. */
public final class LiveUpdates {
    private LiveUpdates() {
    }

    /**
     * The handler the socket calls for every store event: the api's mapper reads the data on the read thread and
     * the root store queues the typed event (or rejects it). Tests and the benchmark feed frames through it too.
     */
    public static RealtimeEventHandler eventHandler(RootStore root) {
        return RealtimeEventHandler.reading(JsonMapper.eventReader(),
                (event, mapped, receivedAt) -> root.accept(event, mapped));
    }

    /** Registers the stores' handler for every event of {@link EventName}. */
    static void wire(RealtimeClient realtime, RootStore root) {
        RealtimeEventHandler handler = eventHandler(root);
        for (EventName event : EventName.values()) {
            realtime.on(event.wireName(), handler);
        }
    }
}
