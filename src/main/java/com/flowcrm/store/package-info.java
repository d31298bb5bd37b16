/**
 * The single source of truth, and the session that feeds it.
 *
 * <ul>
 *   <li>{@link com.flowcrm.store.RootStore} owns {@link com.flowcrm.store.DealsStore},
 *       {@link com.flowcrm.store.ContactsStore} and {@link com.flowcrm.store.NotificationsStore} (an id map beside
 *       each list, derived views once per batch) and applies typed live events through the
 *       {@link com.flowcrm.store.EventDispatcher} (at most one UI task pending, each run applies everything
 *       queued).</li>
 *   <li>{@link com.flowcrm.store.SessionStore} is the session's face for the views and the commands, and ties its
 *       parts into one life cycle: {@link com.flowcrm.store.SessionAuth} (sign-in, tokens, refresh),
 *       {@link com.flowcrm.store.StoreSync} (the first load, and after each reconnect the catch-up from the server's
 *       change log in {@code CatchUp}, or the reload and reconcile; {@code ChangeOrder} keeps events in the log's
 *       order and tells the session's {@link com.flowcrm.store.SyncCursor} where the stores are),
 *       {@link com.flowcrm.store.LiveUpdates} (the socket wired to the root store; the
 *       {@link com.flowcrm.store.ConnectionReport} the indicator shows) and
 *       {@link com.flowcrm.store.SessionCommands} (what a rep does: move, edit, log, load in full, mark read).</li>
 * </ul>
 *
 * Depends on model, api, realtime and common; never on Gson, JavaFX controls, the views or the commands.
 */
package com.flowcrm.store;
