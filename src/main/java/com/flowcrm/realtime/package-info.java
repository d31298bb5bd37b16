/**
 * The single shared WebSocket connection to the Flow CRM backend ({@code spec/websocket-connections.md}). No JavaFX
 * and nothing of the other packages but {@code common}.
 *
 * <ul>
 *   <li>{@link com.flowcrm.realtime.RealtimeClient}: the state machine (connect, reconnect with backoff and jitter,
 *       offline with a slow retry, heartbeat, a refused token asked to be refreshed once) on one scheduler thread
 *       ({@link com.flowcrm.realtime.RealtimeScheduler}; tests use virtual time), and the status it publishes,
 *       {@link com.flowcrm.realtime.RealtimeStatus}.</li>
 *   <li>Beside it: {@code AttemptSocket} (one connection attempt), {@link com.flowcrm.realtime.SocketUrls} (its
 *       URL with the token), {@code IncomingFrames} (the read thread's side), {@link com.flowcrm.realtime.FrameCodec}
 *       ({@code {event, data}} frames read strictly and written), {@code EventHandlers} (who listens to which
 *       event), {@code StatusListeners} (who hears of the status), {@code OutgoingFrames} with {@code OutgoingQueue}
 *       (what waits to be sent, requests waiting for their ack) and {@code Subscriptions} (sent again after every
 *       reconnect), {@code CloseReasons}.</li>
 *   <li>{@link com.flowcrm.realtime.RealtimeEventHandler}: what a listener gets on the read thread, with the frame's
 *       place in the server's change log ({@code seq}, {@code prev}; {@code NO_SEQ} when it has none); its
 *       {@code reading} adapter lets the session hand the data to the api's mapper without naming JSON.</li>
 * </ul>
 */
package com.flowcrm.realtime;
