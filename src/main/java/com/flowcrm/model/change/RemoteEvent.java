package com.flowcrm.model.change;

/**
 * A change the server made, as a live event carries it: what the stores apply, whichever way it arrived (the
 * WebSocket today; a change log read after a reconnect can deliver the same events).
 */
public sealed interface RemoteEvent permits DealCreated, DealUpdate, DealActivityAdded, ContactUpdate,
        NotificationAdded {
}
