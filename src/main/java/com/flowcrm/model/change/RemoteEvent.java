package com.flowcrm.model.change;

/**
 * A change the server made, as a live event carries it: what the stores apply, whichever way it arrived (the
 * WebSocket, or the server's change log read after a reconnect: the same events either way).
 */
public sealed interface RemoteEvent permits DealCreated, DealUpdate, DealActivityAdded, DealDeleted, ContactUpdate,
        NotificationAdded, NotificationUpdate {
}
