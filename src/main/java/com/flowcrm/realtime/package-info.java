/**
 * The single shared WebSocket connection to the Flow CRM backend ({@code spec/websocket-connections.md}):
 * {@code {event, data}} envelopes, reconnect with backoff, heartbeat, outgoing queue, acks, subscriptions and an
 * observable {@link com.flowcrm.realtime.RealtimeStatus}. No JavaFX and nothing of the other packages.
 */
package com.flowcrm.realtime;
